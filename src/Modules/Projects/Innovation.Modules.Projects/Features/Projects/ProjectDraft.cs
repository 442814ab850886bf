using System.Data.Common;

namespace Innovation.Modules.Projects.Features.Projects;

// What makes a valid project draft, for create, replace and import alike: the body, its rules that need no
// database (ProjectDraftValidator), and its school rules against Projects' copy of the directory (ProjectSchools).

/// <summary>A project as a client writes it (create, replace, or one import row).</summary>
/// <param name="Title" example="Classe dehors au cycle 3">Title.</param>
/// <param name="Summary" example="Une demi-journée par semaine de classe en extérieur pour travailler les sciences et l'oral.">What the project is
/// about.</param>
/// <param name="Academie" example="25">Académie code. Optional: it follows from the schools, and a contradiction is a 400.</param>
/// <param name="Schools">UAIs of the schools carrying the project (1 to 20, open, in the directory, all in the project's académie).</param>
/// <param name="Themes">National priority themes (at least one).</param>
/// <param name="Tags">Free tags (up to 20, 50 characters each).</param>
/// <param name="Levels">Education levels or cycles concerned.</param>
/// <param name="PupilsConcerned" example="120">Number of pupils concerned (pupils are only ever counted, never named).</param>
/// <param name="PlannedStart" example="2026-09-01">Planned start date.</param>
/// <param name="PlannedEnd" example="2027-06-30">Planned end date (not before the start).</param>
/// <param name="IsPublic">Whether the public portal may show the project once validated (default false).</param>
/// <param name="ExternalReference" example="CARDIE-2026-014">The académie's own reference, unique within the académie.</param>
/// <param name="Team">Team members; at least one carrier.</param>
/// <param name="Canvas">The innovation canvas; every item is needed to submit.</param>
internal sealed record ProjectDraft(
    string? Title,
    string? Summary,
    string? Academie,
    IReadOnlyList<string>? Schools,
    IReadOnlyList<ProjectTheme>? Themes,
    IReadOnlyList<string>? Tags,
    IReadOnlyList<EducationLevel>? Levels,
    int? PupilsConcerned,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    bool? IsPublic,
    string? ExternalReference,
    IReadOnlyList<TeamMemberDraft>? Team,
    Canvas? Canvas)
{
    /// <summary>True when the team names <paramref name="email"/> (a caller's, say) as carrier or co-carrier.</summary>
    public bool NamesAsCarrier(string? email) =>
        email is not null && (Team ?? []).Any(m =>
            m.Role is TeamRole.Carrier or TeamRole.CoCarrier && string.Equals(m.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A team member as a client writes it.</summary>
/// <param name="Role">Role on the project.</param>
/// <param name="Name" example="Ada Lovelace">Name.</param>
/// <param name="Email" example="ada.lovelace@ac-versailles.fr">Professional e-mail (unique within the team).</param>
internal sealed record TeamMemberDraft(TeamRole? Role, string? Name, string? Email);

/// <summary>The innovation canvas (<i>canevas d'innovation</i>).</summary>
/// <param name="Needs" example="Des élèves de CM2 peu à l'aise à l'oral.">Identified needs.</param>
/// <param name="Objectives" example="Développer l'oral en sciences.">Objectives.</param>
/// <param name="Actors" example="Deux professeurs des écoles, la CPC sciences.">Actors involved.</param>
/// <param name="Resources" example="Parc municipal, kits d'observation.">Resources.</param>
/// <param name="KeySteps" example="Septembre : sorties d'observation ; janvier : exposés.">Key steps.</param>
/// <param name="EvaluationIndicators" example="Temps de parole par élève, auto-évaluation.">Evaluation indicators.</param>
internal sealed record Canvas(string? Needs, string? Objectives, string? Actors, string? Resources, string? KeySteps, string? EvaluationIndicators)
{
    public static readonly Canvas Empty = new(null, null, null, null, null, null);

    /// <summary>The camelCase names of the canvas items still empty (what blocks a submission).</summary>
    public IReadOnlyList<string> MissingItems() =>
    [
        .. new (string Name, string? Value)[]
        {
            ("needs", Needs), ("objectives", Objectives), ("actors", Actors), ("resources", Resources),
            ("keySteps", KeySteps), ("evaluationIndicators", EvaluationIndicators),
        }.Where(i => string.IsNullOrWhiteSpace(i.Value)).Select(i => i.Name),
    ];
}

/// <summary>
/// The project rules that need no database; the handlers add the school checks (<see cref="ProjectSchools"/>). The OpenAPI
/// document publishes these rules as schema constraints.
/// </summary>
internal sealed class ProjectDraftValidator : AbstractValidator<ProjectDraft>
{
    public const int MaxCanvasItemLength = 8000;

    public ProjectDraftValidator()
    {
        RuleFor(p => p.Title).NotEmpty().MaximumLength(200);
        RuleFor(p => p.Summary).NotEmpty().MaximumLength(4000);
        RuleFor(p => p.Academie).MaximumLength(100);
        // Each list rule is its own chain with its own condition: a condition written after a chain
        // would also switch off the NotEmpty before it.
        RuleFor(p => p.Schools).NotEmpty().WithMessage("A project has at least one school.");
        RuleFor(p => p.Schools!.Count).LessThanOrEqualTo(20).OverridePropertyName("schools").WithMessage("A project has at most 20 schools.")
            .When(p => p.Schools is not null);
        RuleForEach(p => p.Schools).NotEmpty().Matches("^[0-9]{7}[A-Za-z]$")
            .WithMessage("A UAI is 7 digits followed by a check letter, e.g. 0951099D.");
        RuleFor(p => p.Schools).Must(s => s!.Select(u => u?.Trim().ToUpperInvariant()).Distinct().Count() == s!.Count)
            .When(p => p.Schools is not null).WithMessage("A school is listed twice.");
        RuleFor(p => p.Themes).NotEmpty().WithMessage("A project has at least one national theme.");
        RuleForEach(p => p.Themes).IsInEnum();
        RuleFor(p => p.Tags!.Count).LessThanOrEqualTo(20).OverridePropertyName("tags").When(p => p.Tags is not null).WithMessage("At most 20 tags.");
        RuleForEach(p => p.Tags).NotEmpty().MaximumLength(50);
        RuleForEach(p => p.Levels).IsInEnum();
        RuleFor(p => p.PupilsConcerned).InclusiveBetween(0, 100_000);
        RuleFor(p => p.PlannedEnd).GreaterThanOrEqualTo(p => p.PlannedStart)
            .When(p => p.PlannedStart is not null && p.PlannedEnd is not null).WithMessage("The planned end is before the planned start.");
        RuleFor(p => p.ExternalReference).MaximumLength(100);
        RuleFor(p => p.Team).NotEmpty().WithMessage("A project has a team with at least one carrier.");
        RuleFor(p => p.Team).Must(t => t!.Any(m => m?.Role == TeamRole.Carrier)).When(p => p.Team is { Count: > 0 })
            .WithMessage("The team needs at least one carrier.");
        RuleFor(p => p.Team!.Count).LessThanOrEqualTo(50).OverridePropertyName("team").When(p => p.Team is not null)
            .WithMessage("At most 50 team members.");
        RuleFor(p => p.Team).Must(t => t!.Where(m => m?.Email is not null).Select(m => m!.Email!.Trim().ToLowerInvariant()).Distinct()
            .Count() == t!.Count(m => m?.Email is not null))
            .When(p => p.Team is not null).WithMessage("An e-mail appears twice in the team.");
        RuleForEach(p => p.Team).NotNull().ChildRules(member =>
        {
            member.RuleFor(m => m.Role).NotNull().IsInEnum();
            member.RuleFor(m => m.Name).NotEmpty().MaximumLength(200);
            member.RuleFor(m => m.Email).NotEmpty().MaximumLength(254).EmailAddress();
        });
        RuleFor(p => p.Canvas!).ChildRules(canvas =>
        {
            canvas.RuleFor(c => c.Needs).MaximumLength(MaxCanvasItemLength);
            canvas.RuleFor(c => c.Objectives).MaximumLength(MaxCanvasItemLength);
            canvas.RuleFor(c => c.Actors).MaximumLength(MaxCanvasItemLength);
            canvas.RuleFor(c => c.Resources).MaximumLength(MaxCanvasItemLength);
            canvas.RuleFor(c => c.KeySteps).MaximumLength(MaxCanvasItemLength);
            canvas.RuleFor(c => c.EvaluationIndicators).MaximumLength(MaxCanvasItemLength);
        }).When(p => p.Canvas is not null);
    }
}

/// <summary>
/// The school rules of a project, checked against Projects' own copy of the directory: every
/// school is known, all are in the project's académie, and a closed school may stay on a project
/// it already belonged to but cannot join one.
/// </summary>
internal static class ProjectSchools
{
    internal const string FindSql = """
        SELECT uai AS Uai, academie AS Academie, status AS Status FROM projects.school WHERE uai IN @Uais
        """;

    internal sealed class Row
    {
        public string Uai { get; set; } = "";
        public string Academie { get; set; } = "";
        public string Status { get; set; } = "";
    }

    /// <summary>
    /// The académie of the project these schools describe, or the 400 listing every school problem
    /// (field <c>schools[i]</c>). <paramref name="academie"/> is the académie the client named, if any;
    /// <paramref name="alreadyOnProject"/> lists the schools the project had before this change.
    /// </summary>
    public static async Task<string> ResolveAcademieAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<string> uais, string? academie,
            IReadOnlyCollection<string> alreadyOnProject)
    {
        var known = (await connection.QueryAsync<Row>(FindSql, new { Uais = SqlDialect.For(connection).AnsiList(uais) }, transaction))
            .ToDictionary(s => s.Uai, StringComparer.Ordinal);
        academie ??= AcademieOf(uais, known);
        var errors = Problems(uais, known, academie, alreadyOnProject).ToDictionary(p => $"schools[{p.Index}]", p => new[] { p.Message });
        return errors.Count > 0 ? throw new RequestValidationException(errors) : academie!;
    }

    /// <summary>The académie of the first known school, when the client named none.</summary>
    public static string? AcademieOf(IEnumerable<string> uais, IReadOnlyDictionary<string, Row> known) =>
        uais.Select(u => known.GetValueOrDefault(u)?.Academie).FirstOrDefault(a => a is not null);

    /// <summary>
    /// Every school problem (index in <paramref name="uais"/>, message) against schools already read
    /// from the read model: the rules shared by the endpoints and the bulk import (which reads the
    /// schools of a whole batch at once).
    /// </summary>
    public static IEnumerable<(int Index, string Message)> Problems(
        IReadOnlyList<string> uais, IReadOnlyDictionary<string, Row> known, string? academie, IReadOnlyCollection<string> alreadyOnProject)
    {
        for (var i = 0; i < uais.Count; i++)
        {
            var uai = uais[i];
            string? problem = known.GetValueOrDefault(uai) switch
            {
                null => $"School {uai} is not in the school directory (or its registration has not reached Projects yet).",
                { Status: "closed" } when !alreadyOnProject.Contains(uai) =>
                    $"School {uai} is closed: it stays on the projects it belonged to but cannot join a project.",
                var school when school.Academie != academie =>
                    $"School {uai} belongs to académie {school.Academie}, not to the project's académie {academie}.",
                _ => null,
            };
            if (problem is not null)
            {
                yield return (i, problem);
            }
        }
    }
}
