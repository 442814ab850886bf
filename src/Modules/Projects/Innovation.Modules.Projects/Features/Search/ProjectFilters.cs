using System.Text.RegularExpressions;
using Innovation.BuildingBlocks.Search;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>The filters shared by the project list, its facets and the map. Every filter given must hold (AND).</summary>
/// <param name="Status" example="validated">Lifecycle status code.</param>
/// <param name="Theme" example="wellBeing">National priority theme code.</param>
/// <param name="Academie" example="25">Académie code or name. A credential limited to an académie only ever sees its own.</param>
/// <param name="Departement" example="095">Département of one of the project's schools (95 and 095 both work).</param>
/// <param name="School" example="0951099D">UAI of one of the project's schools.</param>
/// <param name="SchoolType" example="ecole">Type of one of the project's schools (ecole, college, lycee…).</param>
/// <param name="PriorityEducation" example="rep">Priority-education status of one of the project's schools (none, rep, repPlus).</param>
/// <param name="FundingScheme" example="nefe">A funding scheme the project has a funding line in.</param>
/// <param name="Year" example="2026">School year of the planned start: 2026 means 1 September 2026 to 31 August 2027.</param>
/// <param name="HasExperimentation" example="true">Whether the project is an official derogatory experimentation.</param>
/// <param name="Network" example="0193a4c2-6b1e-7d3a-9f10-2c5e8a7b4d01">Network id: projects with at least one school that is a member today.</param>
/// <param name="Q" example="oral sciences">Words searched in the title, summary and canvas (case and accents ignored, each word a prefix, all words
/// required; at most 5).</param>
internal sealed partial record ProjectFilters(
    [property: FromQuery(Name = "status"), EnumCodes(typeof(ProjectStatus))] string? Status,
    [property: FromQuery(Name = "theme"), EnumCodes(typeof(ProjectTheme))] string? Theme,
    [property: FromQuery(Name = "academie")] string? Academie,
    [property: FromQuery(Name = "departement")] string? Departement,
    [property: FromQuery(Name = "school")] string? School,
    [property: FromQuery(Name = "schoolType"), EnumCodes(typeof(SchoolTypeCode))] string? SchoolType,
    [property: FromQuery(Name = "priorityEducation"), EnumCodes(typeof(PriorityEducationCode))] string? PriorityEducation,
    [property: FromQuery(Name = "fundingScheme"), EnumCodes(typeof(FundingScheme))] string? FundingScheme,
    [property: FromQuery(Name = "year")] int? Year,
    [property: FromQuery(Name = "hasExperimentation")] bool? HasExperimentation,
    [property: FromQuery(Name = "network")] Guid? Network,
    [property: FromQuery(Name = "q")] string? Q)
{
    /// <summary>The SQL parameters of these filters for <paramref name="caller"/>, or a 400 naming each bad filter.</summary>
    public async Task<ProjectFilterParameters> ResolveAsync(Caller caller, IMediator mediator, DateOnly today, CancellationToken cancellationToken)
    {
        var status = EnumCodesAttribute.Parse<ProjectStatus>(Status, "status");
        var theme = EnumCodesAttribute.Parse<ProjectTheme>(Theme, "theme");
        var scheme = EnumCodesAttribute.Parse<FundingScheme>(FundingScheme, "fundingScheme");
        var schoolType = EnumCodesAttribute.Parse<SchoolTypeCode>(SchoolType, "schoolType");
        var priority = EnumCodesAttribute.Parse<PriorityEducationCode>(PriorityEducation, "priorityEducation");
        var academie = await CreateProject.NamedAcademieAsync(mediator, Academie, cancellationToken);
        var (yearStart, yearEnd) = SchoolYear(Year);
        var patterns = SearchQuery.PrefixPatterns(Q, "q");
        var (qFrom, qTo) = PrefixRange(patterns);
        return new ProjectFilterParameters
        {
            CallerAcademie = caller.Academie,
            Academie = academie,
            Status = status is { } s ? StableCode.Of(s) : null,
            Theme = theme is { } t ? StableCode.Of(t) : null,
            Departement = DepartementCode(Departement),
            School = Blank(School)?.ToUpperInvariant(),
            SchoolType = schoolType is { } st ? StableCode.Of(st) : null,
            PriorityEducation = priority is { } pe ? StableCode.Of(pe) : null,
            FundingScheme = scheme is { } f ? StableCode.Of(f) : null,
            YearStart = yearStart,
            YearEnd = yearEnd,
            HasExperimentation = HasExperimentation,
            Network = Network,
            Today = today,
            Q1 = patterns.ElementAtOrDefault(0),
            Q2 = patterns.ElementAtOrDefault(1),
            Q3 = patterns.ElementAtOrDefault(2),
            Q4 = patterns.ElementAtOrDefault(3),
            Q5 = patterns.ElementAtOrDefault(4),
            QFrom = qFrom,
            QTo = qTo,
        };
    }

    /// <summary>
    /// The terms that begin with the longest word of the search (likely its rarest), as a range of the term index: the list
    /// reads that range first (<see cref="ListProjects.ListSearchSql"/>). (null, null) when there is no word.
    /// </summary>
    internal static (string? From, string? To) PrefixRange(IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0)
        {
            return (null, null);
        }

        var word = LikeEscape().Replace(patterns.MaxBy(p => p.Length)![..^1], "$1");
        return (word, word[..^1] + (char)(word[^1] + 1));
    }

    /// <summary>The school year starting in September of <paramref name="year"/>, as inclusive dates.</summary>
    internal static (DateOnly? Start, DateOnly? End) SchoolYear(int? year) => year switch
    {
        null => (null, null),
        >= 2000 and <= 2100 => (new DateOnly(year.Value, 9, 1), new DateOnly(year.Value + 1, 8, 31)),
        _ => throw RequestValidationException.For("year", "year must be between 2000 and 2100 (the school year starting that September)."),
    };

    /// <summary>A département code in its 3-character form (95 → 095, 2a → 02A), or a 400.</summary>
    internal static string? DepartementCode(string? departement)
    {
        var code = Blank(departement)?.ToUpperInvariant();
        if (code is null)
        {
            return null;
        }

        return DepartementPattern().IsMatch(code)
            ? code.PadLeft(3, '0')
            : throw RequestValidationException.For("departement", $"'{departement}' is not a département code (95, 095, 2A, 971…).");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^(\d{1,3}|0?2[AB])$")]
    private static partial Regex DepartementPattern();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex LikeEscape();
}

/// <summary>School types as the directory's events carry them (the directory's own enum is internal to Networks).</summary>
internal enum SchoolTypeCode
{
    Ecole,
    College,
    Lycee,
    Erea,
    Other,
}

/// <summary>Priority-education statuses as the directory's events carry them.</summary>
internal enum PriorityEducationCode
{
    None,
    Rep,
    RepPlus,
}

/// <summary>The bound parameters of <see cref="ProjectFilterSql.Where"/>.</summary>
internal sealed class ProjectFilterParameters
{
    public string? CallerAcademie { get; init; }
    public string? Academie { get; init; }
    public string? Status { get; init; }
    public string? Theme { get; init; }
    public string? Departement { get; init; }
    public string? School { get; init; }
    public string? SchoolType { get; init; }
    public string? PriorityEducation { get; init; }
    public string? FundingScheme { get; init; }
    public DateOnly? YearStart { get; init; }
    public DateOnly? YearEnd { get; init; }
    public bool? HasExperimentation { get; init; }
    public Guid? Network { get; init; }
    public DateOnly Today { get; init; }
    public string? Q1 { get; init; }
    public string? Q2 { get; init; }
    public string? Q3 { get; init; }
    public string? Q4 { get; init; }
    public string? Q5 { get; init; }

    /// <summary>The range of terms a search reads first (<see cref="ProjectFilters.PrefixRange"/>); null without a search.</summary>
    public string? QFrom { get; init; }

    public string? QTo { get; init; }

    /// <summary>The one académie the list can hold (the caller's, else the one filtered on), or null.</summary>
    public string? Scope => CallerAcademie ?? Academie;

    /// <summary>A national caller and no filter: every project matches.</summary>
    public bool FiltersNothing => Scope is null && Status is null && Theme is null && Departement is null && School is null && SchoolType is null
        && PriorityEducation is null && FundingScheme is null && YearStart is null && HasExperimentation is null && Network is null && Q1 is null;

    /// <summary>Paging: the last id of the previous page (lists only).</summary>
    public Guid? After { get; set; }

    /// <summary>Rows to read (a page's limit + 1, or the map's bound + 1).</summary>
    public int Take { get; set; }
}

/// <summary>
/// The one WHERE clause behind the list, the facets and the map (alias <c>p</c> for projects.project).
/// The school filters (département, UAI, type, priority education) must hold for one same school.
/// </summary>
internal static class ProjectFilterSql
{
    internal const string Where = """
        WHERE (@CallerAcademie IS NULL OR p.academie = @CallerAcademie)
          AND (@Academie IS NULL OR p.academie = @Academie)
          AND (@Status IS NULL OR p.status = @Status)
          AND (@HasExperimentation IS NULL OR p.has_experimentation = @HasExperimentation)
          AND (@YearStart IS NULL OR (p.planned_start >= @YearStart AND p.planned_start <= @YearEnd))
          AND (@Theme IS NULL OR EXISTS (SELECT 1 FROM projects.project_theme ft WHERE ft.project_id = p.id AND ft.theme = @Theme))
          AND (@FundingScheme IS NULL OR EXISTS (SELECT 1 FROM projects.project_funding ff WHERE ff.project_id = p.id AND ff.scheme = @FundingScheme))
          AND ((@Departement IS NULL AND @School IS NULL AND @SchoolType IS NULL AND @PriorityEducation IS NULL)
               OR EXISTS (SELECT 1 FROM projects.project_school fps JOIN projects.school fs ON fs.uai = fps.uai
                          WHERE fps.project_id = p.id
                            AND (@Departement IS NULL OR fs.departement = @Departement)
                            AND (@School IS NULL OR fps.uai = CAST(@School AS VARCHAR(8000)))
                            AND (@SchoolType IS NULL OR fs.type = @SchoolType)
                            AND (@PriorityEducation IS NULL OR fs.priority_education = @PriorityEducation)))
          AND (@Network IS NULL OR EXISTS (SELECT 1 FROM projects.project_school nps JOIN projects.network_school ns ON ns.uai = nps.uai
                                           WHERE nps.project_id = p.id AND ns.network_id = @Network
                                             AND (ns.valid_from IS NULL OR ns.valid_from <= @Today)
                                             AND (ns.valid_to IS NULL OR ns.valid_to >= @Today)))
          AND (@Q1 IS NULL OR EXISTS (SELECT 1 FROM projects.project_search_term q1 WHERE q1.project_id = p.id AND q1.term LIKE @Q1 ESCAPE '\'))
          AND (@Q2 IS NULL OR EXISTS (SELECT 1 FROM projects.project_search_term q2 WHERE q2.project_id = p.id AND q2.term LIKE @Q2 ESCAPE '\'))
          AND (@Q3 IS NULL OR EXISTS (SELECT 1 FROM projects.project_search_term q3 WHERE q3.project_id = p.id AND q3.term LIKE @Q3 ESCAPE '\'))
          AND (@Q4 IS NULL OR EXISTS (SELECT 1 FROM projects.project_search_term q4 WHERE q4.project_id = p.id AND q4.term LIKE @Q4 ESCAPE '\'))
          AND (@Q5 IS NULL OR EXISTS (SELECT 1 FROM projects.project_search_term q5 WHERE q5.project_id = p.id AND q5.term LIKE @Q5 ESCAPE '\'))

        """;
}
