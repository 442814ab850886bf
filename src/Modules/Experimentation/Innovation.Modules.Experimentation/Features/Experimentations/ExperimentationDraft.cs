using System.Text.RegularExpressions;
using Innovation.Modules.Experimentation.Features.Projects;
using Innovation.Modules.Networks.Contracts;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

/// <summary>A class of the perimeter.</summary>
/// <param name="Name" example="CM1 B">The class as the school names it.</param>
/// <param name="Level">ps, ms, gs, cp, ce1, ce2, cm1, cm2, sixieme, cinquieme, quatrieme, troisieme, seconde, premiere, terminale or other.</param>
internal sealed record PerimeterClass(string? Name, ClassLevel? Level);

/// <summary>A school of the perimeter, and its classes when the perimeter is made of classes.</summary>
/// <param name="Uai" example="0951099D">The school's UAI: one of the project's schools.</param>
/// <param name="Classes">The classes concerned (only for a perimeter of kind classes).</param>
internal sealed record PerimeterSchool(string? Uai, IReadOnlyList<PerimeterClass>? Classes);

/// <summary>Who the experimentation concerns: classes of one school, a whole school, or several schools.</summary>
/// <param name="Kind">classes (one or more classes of one school), school (a whole school) or schools (several schools).</param>
/// <param name="Schools">The schools (one for classes and school, two or more for schools), all among the project's schools.</param>
internal sealed record Perimeter(PerimeterKind? Kind, IReadOnlyList<PerimeterSchool>? Schools);

/// <summary>A derogation field of article L.314-2 and what exactly is derogated in it.</summary>
/// <param name="Field">pedagogicalOrganisation, linksBetweenLevels, partnerCooperation, foreignOrRegionalLanguage, foreignSchoolExchanges,
/// digitalTools, teachingHoursDistribution, pupilOrientation or parentParticipation.</param>
/// <param name="Derogation" example="Les heures de sciences sont regroupées en deux semaines banalisées par période.">What is derogated.</param>
internal sealed record DerogatedField(DerogationField? Field, string? Derogation);

/// <summary>A member of the responsible team.</summary>
/// <param name="PersonId">A person of the académie's people directory.</param>
/// <param name="Role">coordinator, teacher, headOfSchool, inspector, cpc, researcher or other.</param>
internal sealed record ResponsibleTeamMember(Guid? PersonId, ResponsibleTeamRole? Role);

/// <summary>A partner of the experimentation (an organisation).</summary>
/// <param name="Name" example="Université de Cergy">The partner.</param>
/// <param name="Contribution" example="Conception des questionnaires.">What it brings.</param>
internal sealed record ExperimentationPartner(string? Name, string? Contribution);

/// <summary>An indicator of the evaluation protocol.</summary>
/// <param name="Code" example="absenteeism">Its code within the experimentation (letters, digits, - and _; up to 40).</param>
/// <param name="Label" example="Taux d'absentéisme">What it measures.</param>
/// <param name="Unit">percent, count, ratio, score, euros, days, hours or other.</param>
/// <param name="Direction">higherIsBetter or lowerIsBetter.</param>
/// <param name="BaselineValue" example="12.5">Baseline value.</param>
/// <param name="BaselineDate" example="2026-06-30">Date of the baseline.</param>
/// <param name="TargetValue" example="8">Target value.</param>
/// <param name="TargetDate" example="2029-06-30">Date the target should be reached.</param>
internal sealed record ProtocolIndicatorDraft(
    string? Code, string? Label, ProtocolIndicatorUnit? Unit, ProtocolIndicatorDirection? Direction, decimal? BaselineValue, DateOnly? BaselineDate,
    decimal? TargetValue, DateOnly? TargetDate);

/// <summary>The evaluation protocol: indicators, data-collection methods and review schedule.</summary>
/// <param name="Indicators">The indicators (up to 30, distinct codes).</param>
/// <param name="DataCollection">questionnaires, individualInterviews, groupInterviews, schoolLifeData, nationalAssessments,
/// classroomObservation or other.</param>
/// <param name="IntermediateReviewsDue">Due dates of the intermediate reviews: at least one per school year of the duration.</param>
/// <param name="FinalReportDue" example="2029-07-05">Due date of the final report (after every intermediate review).</param>
internal sealed record EvaluationProtocolDraft(
    IReadOnlyList<ProtocolIndicatorDraft>? Indicators, IReadOnlyList<DataCollectionMethod>? DataCollection,
    IReadOnlyList<DateOnly>? IntermediateReviewsDue, DateOnly? FinalReportDue);

/// <summary>
/// The dossier of an experimentation, as the team writes it. Every part may be missing while it is a draft;
/// submitting it needs them all (see the checklist).
/// </summary>
/// <param name="Title" example="Sciences en semaines banalisées">The experimentation's title.</param>
/// <param name="Perimeter">Who it concerns.</param>
/// <param name="DerogationFields">The derogation fields (one or more, each once) and what is derogated.</param>
/// <param name="DurationYears" example="3">Duration in school years (1–5; above 5 is a 422 `duration_too_long`).</param>
/// <param name="PlannedStart" example="2026-09-01">Planned start.</param>
/// <param name="Team">The responsible team (up to 50, each person once).</param>
/// <param name="Diagnosis" example="Un tiers des élèves de CM1 décrochent en sciences.">Diagnosis of the pedagogical or educational
/// situation.</param>
/// <param name="Objectives" example="Réduire le décrochage en sciences.">The objectives.</param>
/// <param name="Partners">Partners (optional).</param>
/// <param name="Protocol">The evaluation protocol.</param>
internal sealed record ExperimentationDossier(
    string? Title, Perimeter? Perimeter, IReadOnlyList<DerogatedField>? DerogationFields, int? DurationYears, DateOnly? PlannedStart,
    IReadOnlyList<ResponsibleTeamMember>? Team, string? Diagnosis, string? Objectives, IReadOnlyList<ExperimentationPartner>? Partners,
    EvaluationProtocolDraft? Protocol)
{
    public static readonly ExperimentationDossier Empty = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>The perimeter's UAIs, as stored (upper case, distinct).</summary>
    public IReadOnlyList<string> Schools() =>
        [.. (Perimeter?.Schools ?? []).Select(s => s.Uai?.Trim().ToUpperInvariant()).OfType<string>().Where(u => u.Length > 0).Distinct()];

    /// <summary>The dossier as stored: texts trimmed, UAIs upper case.</summary>
    public ExperimentationDossier Normalized() => this with
    {
        Title = Title?.Trim(),
        Perimeter = Perimeter is null ? null : Perimeter with
        {
            Schools = Perimeter.Schools?.Select(s => s with { Uai = s.Uai?.Trim().ToUpperInvariant() }).ToList(),
        },
        Diagnosis = Diagnosis?.Trim(),
        Objectives = Objectives?.Trim(),
    };
}

/// <summary>A new experimentation: the project it places under the derogatory framework, and its dossier so far.</summary>
/// <param name="ProjectId">A project of the académie, neither rejected nor archived.</param>
/// <param name="Dossier">The dossier (parts may be missing until submission).</param>
internal sealed record NewExperimentation(Guid? ProjectId, ExperimentationDossier? Dossier);

internal sealed partial class ExperimentationDossierValidator : AbstractValidator<ExperimentationDossier>
{
    public const int MaxText = 10_000;

    public ExperimentationDossierValidator()
    {
        RuleFor(d => d.Title).MaximumLength(200);
        RuleFor(d => d.Perimeter!).ChildRules(p =>
        {
            p.RuleFor(x => x.Kind).NotNull();
            p.RuleFor(x => x.Schools).NotEmpty().Must((x, schools) => PerimeterFits(x.Kind, schools))
                .WithMessage("A perimeter of classes names one school and its classes, a school exactly one school without classes, schools two "
                    + "or more distinct schools without classes.");
            p.RuleForEach(x => x.Schools).ChildRules(s =>
            {
                s.RuleFor(x => x.Uai).NotEmpty().Must(u => u is null || Uai().IsMatch(u.Trim())).WithMessage("A UAI is 7 digits and a letter.");
                s.RuleForEach(x => x.Classes).ChildRules(k =>
                {
                    k.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
                    k.RuleFor(x => x.Level).NotNull();
                });
            });
        });
        RuleFor(d => d.DerogationFields).Must(f => f is null || f.Select(x => x.Field).Distinct().Count() == f.Count)
            .WithMessage("Each derogation field once.");
        RuleForEach(d => d.DerogationFields).ChildRules(f =>
        {
            f.RuleFor(x => x.Field).NotNull();
            f.RuleFor(x => x.Derogation).NotEmpty().MaximumLength(2000);
        });
        // Above five years is a rule of the law, not of the form: a 422 duration_too_long (DossierChecks).
        RuleFor(d => d.DurationYears).GreaterThanOrEqualTo(1).WithMessage("A duration is a whole number of school years, at least 1.");
        RuleFor(d => d.Team).Must(t => t is null || t.Count <= 50).WithMessage("At most 50 team members.")
            .Must(t => t is null || t.Select(x => x.PersonId).Distinct().Count() == t.Count).WithMessage("Each person once.");
        RuleForEach(d => d.Team).ChildRules(m =>
        {
            m.RuleFor(x => x.PersonId).NotNull().NotEqual(Guid.Empty);
            m.RuleFor(x => x.Role).NotNull();
        });
        RuleFor(d => d.Diagnosis).MaximumLength(MaxText);
        RuleFor(d => d.Objectives).MaximumLength(MaxText);
        RuleFor(d => d.Partners).Must(p => p is null || p.Count <= 30).WithMessage("At most 30 partners.");
        RuleForEach(d => d.Partners).ChildRules(p =>
        {
            p.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            p.RuleFor(x => x.Contribution).MaximumLength(2000);
        });
        RuleFor(d => d.Protocol!).ChildRules(p =>
        {
            p.RuleFor(x => x.Indicators).Must(i => i is null || i.Count <= 30).WithMessage("At most 30 indicators.")
                .Must(i => i is null || i.Select(x => x.Code?.Trim().ToLowerInvariant()).Distinct().Count() == i.Count)
                .WithMessage("Each indicator code once.");
            p.RuleForEach(x => x.Indicators).ChildRules(i =>
            {
                i.RuleFor(x => x.Code).NotEmpty().Must(c => c is null || Code().IsMatch(c)).WithMessage("Letters, digits, - and _ (up to 40).");
                i.RuleFor(x => x.Label).NotEmpty().MaximumLength(200);
                i.RuleFor(x => x.Unit).NotNull();
                i.RuleFor(x => x.Direction).NotNull();
                i.RuleFor(x => x.BaselineValue).NotNull();
                i.RuleFor(x => x.BaselineDate).NotNull();
                i.RuleFor(x => x.TargetValue).NotNull();
                i.RuleFor(x => x.TargetDate).NotNull().GreaterThan(x => x.BaselineDate).When(x => x.BaselineDate is not null)
                    .WithMessage("The target's date follows the baseline's.");
            });
            p.RuleFor(x => x.DataCollection).Must(m => m is null || m.Distinct().Count() == m.Count).WithMessage("Each method once.");
            p.RuleFor(x => x.IntermediateReviewsDue).Must(r => r is null || (r.Count <= 25 && r.Distinct().Count() == r.Count))
                .WithMessage("At most 25 distinct due dates.");
        });
    }

    private static bool PerimeterFits(PerimeterKind? kind, IReadOnlyList<PerimeterSchool>? schools) =>
        schools is null || kind switch
        {
            PerimeterKind.Classes => schools.Count == 1 && schools[0].Classes is { Count: > 0 },
            PerimeterKind.School => schools.Count == 1 && schools[0].Classes is null or { Count: 0 },
            PerimeterKind.Schools => schools.Count >= 2 && schools.Select(s => s.Uai?.Trim().ToUpperInvariant()).Distinct().Count() == schools.Count
                && schools.All(s => s.Classes is null or { Count: 0 }),
            _ => true,
        };

    [GeneratedRegex("^[0-9]{7}[A-Za-z]$")]
    private static partial Regex Uai();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex Code();
}

internal sealed class NewExperimentationValidator : AbstractValidator<NewExperimentation>
{
    public NewExperimentationValidator(IValidator<ExperimentationDossier> dossier)
    {
        RuleFor(n => n.ProjectId).NotNull().NotEqual(Guid.Empty);
        RuleFor(n => n.Dossier).SetValidator(dossier!).When(n => n.Dossier is not null);
    }
}

/// <summary>
/// The dossier's rules of the law and of the other modules' data (ADR 0022), checked before anything is written, each a 422 with its
/// own code, every offending field in <c>errors</c> and a French <c>label</c>: a duration above five school years
/// (<c>duration_too_long</c>), a perimeter school that is not one of the project's (<c>school_outside_project</c>), a team member
/// not in the académie's people directory (Networks' <see cref="FindPeople"/>, <c>person_not_in_directory</c>). The first broken
/// rule, in that order, is answered.
/// </summary>
internal static class DossierChecks
{
    public const int MaxYears = 5;

    /// <summary>Throws the first broken rule's 422; <c>prefix</c> is where the dossier sits in the body ("dossier." on creation).</summary>
    public static async Task CheckAsync(
        IMediator mediator, ProjectReadModel.Row project, ExperimentationDossier dossier, string prefix, CancellationToken cancellationToken)
    {
        if (dossier.DurationYears is int years && years > MaxYears)
        {
            throw DurationTooLong(years, $"{prefix}durationYears",
                $"An experimentation lasts at most {MaxYears} school years (article L.314-2 of the Code de l'éducation); the dossier asks "
                + $"for {years}. A renewal may add up to {MaxYears} more once it runs.");
        }

        var schools = dossier.Perimeter?.Schools ?? [];
        var outside = new Dictionary<string, string[]>();
        for (var i = 0; i < schools.Count; i++)
        {
            if (schools[i].Uai?.Trim().ToUpperInvariant() is { Length: > 0 } uai && !project.SchoolList.Contains(uai))
            {
                outside[$"{prefix}perimeter.schools[{i}].uai"] =
                    [$"School {uai} is not one of the project's schools ({string.Join(", ", project.SchoolList)})."];
            }
        }

        if (outside.Count > 0)
        {
            throw Refused("school_outside_project", "School outside the project",
                "Établissement du périmètre qui n'est pas un établissement du projet",
                $"The perimeter names {outside.Count} school(s) that are not the project's; an experimentation concerns only the "
                + $"project's schools ({string.Join(", ", project.SchoolList)}).", outside);
        }

        var team = (dossier.Team ?? []).Select((m, i) => (Field: $"{prefix}team[{i}].personId", m.PersonId))
            .Where(m => m.PersonId is not null).ToList();
        if (team.Count > 0)
        {
            var found = (await mediator.Send(new FindPeople([.. team.Select(m => m.PersonId!.Value).Distinct()]),
                    cancellationToken))
                .Where(p => p.Academie == project.Academie).Select(p => p.PersonId).ToHashSet();
            var strangers = team.Where(m => !found.Contains(m.PersonId!.Value)).ToDictionary(m => m.Field,
                m => new[] { $"Person '{m.PersonId}' is not in the people directory of académie {project.Academie}." });
            if (strangers.Count > 0)
            {
                throw Refused("person_not_in_directory", "Person not in the directory",
                    "Membre de l'équipe responsable absent de l'annuaire de l'académie",
                    $"The responsible team names {strangers.Count} person(s) who are not in the people directory of académie "
                    + $"{project.Academie} (unknown, erased or of another académie).", strangers);
            }
        }
    }

    /// <summary>422 <c>duration_too_long</c>: above five school years, for the dossier or for a renewal.</summary>
    public static ProblemException DurationTooLong(int years, string field, string detail) =>
        Refused("duration_too_long", "Duration too long", "Durée supérieure à cinq années scolaires (article L.314-2 du Code de l'éducation)",
                detail, new Dictionary<string, string[]> { [field] = [$"At most {MaxYears} school years ({years} asked)."] })
            .With("maxYears", MaxYears);

    /// <summary>The 422 these checks answer, as the endpoints declare it.</summary>
    public static ProducesResponseTypeMetadata Refusals(string more) =>
        new(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), ["application/problem+json"])
        {
            Description = "A rule of the dossier is broken (nothing is written): `duration_too_long`, `school_outside_project` or "
                + $"`person_not_in_directory`, with the fields in `errors` and a French `label`{more}",
        };

    private static ProblemException Refused(string code, string title, string label, string detail, Dictionary<string, string[]> errors) =>
        new ProblemException(StatusCodes.Status422UnprocessableEntity, code, title, detail).With("label", label).With("errors", errors);

    /// <summary>The départements of the perimeter's schools, as the project's copy knows them.</summary>
    public static IReadOnlyList<string> DepartementsOf(ProjectReadModel.Row project, ExperimentationDossier dossier) =>
        [.. dossier.Schools().Select(project.DepartementOf).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
