namespace Innovation.Modules.Experimentation.Features.Experimentations;

/// <summary>A part of the dossier that is missing or invalid.</summary>
/// <param name="Code" example="diagnosis">The part's stable code.</param>
/// <param name="Label" example="Diagnostic de la situation pédagogique ou éducative">Its French label.</param>
internal sealed record DossierMissingPart(string Code, string Label);

/// <summary>What the dossier still lacks before it can be submitted.</summary>
/// <param name="Complete">True when nothing is missing.</param>
/// <param name="Missing">Every missing or invalid part, in the dossier's order.</param>
internal sealed record ExperimentationChecklist(bool Complete, IReadOnlyList<DossierMissingPart> Missing);

/// <summary>
/// The parts the Code de l'éducation requires of a dossier (seed 004): all checked at once, so that the checklist and a refused
/// submission (422 <c>dossier_incomplete</c>) list every missing or invalid part together.
/// </summary>
internal static class DossierChecklist
{
    private static readonly (string Code, string Label)[] Parts =
    [
        ("title", "Intitulé de l'expérimentation"),
        ("perimeter", "Périmètre : une ou plusieurs classes, l'école ou l'établissement, plusieurs établissements"),
        ("perimeterOutsideProject", "Établissement du périmètre qui n'est pas un établissement du projet"),
        ("derogationFields", "Champs de dérogation et ce qui y est dérogé"),
        ("duration", "Durée en années scolaires (5 ans au plus)"),
        ("plannedStart", "Date de début prévue"),
        ("team", "Équipe responsable"),
        ("diagnosis", "Diagnostic de la situation pédagogique ou éducative"),
        ("objectives", "Objectifs"),
        ("indicators", "Indicateurs du protocole d'évaluation (valeur de référence et cible)"),
        ("dataCollection", "Modalités de recueil des données"),
        ("intermediateReviews", "Bilans intermédiaires (au moins un par année scolaire)"),
        ("finalReport", "Échéance du bilan final (après les bilans intermédiaires)"),
    ];

    public static ExperimentationChecklist Of(ExperimentationDossier d, IReadOnlyCollection<string> projectSchools)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        void Require(bool present, string code)
        {
            if (!present)
            {
                missing.Add(code);
            }
        }

        Require(!string.IsNullOrWhiteSpace(d.Title), "title");
        Require(d.Perimeter is { Kind: not null, Schools.Count: > 0 }, "perimeter");
        Require(d.Schools().All(projectSchools.Contains), "perimeterOutsideProject");
        Require(d.DerogationFields is { Count: > 0 }, "derogationFields");
        Require(d.DurationYears is >= 1 and <= 5, "duration");
        Require(d.PlannedStart is not null, "plannedStart");
        Require(d.Team is { Count: > 0 }, "team");
        Require(!string.IsNullOrWhiteSpace(d.Diagnosis), "diagnosis");
        Require(!string.IsNullOrWhiteSpace(d.Objectives), "objectives");
        Require(d.Protocol?.Indicators is { Count: > 0 }, "indicators");
        Require(d.Protocol?.DataCollection is { Count: > 0 }, "dataCollection");
        var reviews = d.Protocol?.IntermediateReviewsDue ?? [];
        Require(reviews.Count > 0 && (d.PlannedStart is not { } start || d.DurationYears is not (>= 1 and <= 5) || CoversEveryYear(start,
            d.DurationYears.Value, reviews)), "intermediateReviews");
        Require(d.Protocol?.FinalReportDue is { } final && reviews.All(r => r < final) && (d.PlannedStart is null || d.PlannedStart < final),
            "finalReport");
        var list = Parts.Where(p => missing.Contains(p.Code)).Select(p => new DossierMissingPart(p.Code, p.Label)).ToList();
        return new ExperimentationChecklist(list.Count == 0, list);
    }

    /// <summary>At least one intermediate review due in each school year of the duration, from the planned start's.</summary>
    public static bool CoversEveryYear(DateOnly start, int years, IEnumerable<DateOnly> reviews)
    {
        var due = reviews.Select(SchoolCalendar.SchoolYearOf).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, years).All(i => due.Contains(SchoolCalendar.SchoolYearOf(start.AddYears(i))));
    }

    /// <summary>422 <c>dossier_incomplete</c>, listing every missing or invalid part with its French label.</summary>
    public static ProblemException Incomplete(ExperimentationChecklist checklist) =>
        new ProblemException(StatusCodes.Status422UnprocessableEntity, "dossier_incomplete", "Dossier incomplete",
                $"The dossier cannot be submitted; missing or invalid: {string.Join(", ", checklist.Missing.Select(m => m.Code))}.")
            .With("missing", checklist.Missing);
}
