using Innovation.BuildingBlocks.Search;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>Which resources of the bank's own list and facets: published, unpublished, or both when absent.</summary>
/// <param name="Published" example="true">Only published (true) or unpublished (false) resources.</param>
internal sealed record Publication([property: FromQuery(Name = "published")] bool? Published);

/// <summary>The filters of the resource list, its facets and the public portal. Every filter given must hold (AND).</summary>
/// <param name="Kind" example="video">audio, video, document, schema or siteWeb.</param>
/// <param name="Format" example="tutorial">hybridTrainingModule, mooc, webinar, communityOfPractice, practicalSheet, video, tutorial or
/// pedagogicalScenario.</param>
/// <param name="Theme" example="wellBeing">A theme code of the resource.</param>
/// <param name="Section" example="II 3.3">A guide section the resource serves (`I 3.1` … `II 4.3`; `II3.3` works too).</param>
/// <param name="Academie" example="25">Académie code or name. A credential limited to an académie only ever sees its own.</param>
/// <param name="Q" example="canevas projet">Words searched in the title, description, themes and audience (case and accents ignored, each
/// word a prefix, all words required; at most 5).</param>
internal sealed record ResourceFilters(
    [property: FromQuery(Name = "kind"), EnumCodes(typeof(BankResourceKind))] string? Kind,
    [property: FromQuery(Name = "format"), EnumCodes(typeof(BankResourceFormat))] string? Format,
    [property: FromQuery(Name = "theme")] string? Theme,
    [property: FromQuery(Name = "section")] string? Section,
    [property: FromQuery(Name = "academie")] string? Academie,
    [property: FromQuery(Name = "q")] string? Q)
{
    /// <summary>
    /// The filters' condition on <c>accompaniment.resource r</c>: the caller's académie, each filter given, each search word
    /// (<c>@Q1</c>…<c>@Q5</c>) the start of one of the resource's terms.
    /// </summary>
    internal const string WhereSql = """
        WHERE (@CallerAcademie IS NULL OR r.academie = @CallerAcademie)
          AND (@Academie IS NULL OR r.academie = @Academie)
          AND (@Kind IS NULL OR r.kind = @Kind)
          AND (@Format IS NULL OR r.format = @Format)
          AND (@Published IS NULL OR r.is_published = @Published)
          AND (@Theme IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_theme ft WHERE ft.resource_id = r.id AND ft.theme = @Theme))
          AND (@Section IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_section fs WHERE fs.resource_id = r.id AND fs.section = @Section))
        AND (@Q1 IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_search_term q1 WHERE q1.resource_id = r.id AND q1.term LIKE @Q1 ESCAPE '\'))
        AND (@Q2 IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_search_term q2 WHERE q2.resource_id = r.id AND q2.term LIKE @Q2 ESCAPE '\'))
        AND (@Q3 IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_search_term q3 WHERE q3.resource_id = r.id AND q3.term LIKE @Q3 ESCAPE '\'))
        AND (@Q4 IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_search_term q4 WHERE q4.resource_id = r.id AND q4.term LIKE @Q4 ESCAPE '\'))
        AND (@Q5 IS NULL OR EXISTS (SELECT 1 FROM accompaniment.resource_search_term q5 WHERE q5.resource_id = r.id AND q5.term LIKE @Q5 ESCAPE '\'))

        """;

    /// <summary>
    /// A resource's relevance to the words <c>@Q1</c>…<c>@Q5</c> (alias <c>r</c>): for each word, the weight of the best field it begins a
    /// word of (title 2; description, themes or audience 1), summed, as the project list ranks (ADR 0013).
    /// </summary>
    internal const string ScoreSql = """
        COALESCE((SELECT MAX(s1.weight) FROM accompaniment.resource_search_term s1 WHERE s1.resource_id = r.id AND s1.term LIKE @Q1 ESCAPE '\'), 0)
        + COALESCE((SELECT MAX(s2.weight) FROM accompaniment.resource_search_term s2 WHERE s2.resource_id = r.id AND s2.term LIKE @Q2 ESCAPE '\'), 0)
        + COALESCE((SELECT MAX(s3.weight) FROM accompaniment.resource_search_term s3 WHERE s3.resource_id = r.id AND s3.term LIKE @Q3 ESCAPE '\'), 0)
        + COALESCE((SELECT MAX(s4.weight) FROM accompaniment.resource_search_term s4 WHERE s4.resource_id = r.id AND s4.term LIKE @Q4 ESCAPE '\'), 0)
        + COALESCE((SELECT MAX(s5.weight) FROM accompaniment.resource_search_term s5 WHERE s5.resource_id = r.id AND s5.term LIKE @Q5 ESCAPE '\'), 0)
        """;

    /// <summary>The SQL parameters of these filters for <paramref name="caller"/>, or a 400 naming each bad filter.</summary>
    public async Task<Parameters> ResolveAsync(Caller caller, bool? published, IMediator mediator, CancellationToken cancellationToken)
    {
        var kind = EnumCodesAttribute.Parse<BankResourceKind>(Kind, "kind");
        var format = EnumCodesAttribute.Parse<BankResourceFormat>(Format, "format");
        if (Theme is { Length: > 40 })
        {
            throw RequestValidationException.For("theme", "A theme code is at most 40 characters.");
        }

        var section = string.IsNullOrWhiteSpace(Section)
            ? null
            : GuideSections.Normalize(Section) ?? throw RequestValidationException.For("section", GuideSections.Rule);
        var patterns = SearchQuery.PrefixPatterns(Q, "q");
        var academie = string.IsNullOrWhiteSpace(Academie)
            ? null
            : (await mediator.Send(new Networks.Contracts.FindAcademie(Academie), cancellationToken))?.Code
                ?? throw RequestValidationException.For("academie", $"Unknown académie '{Academie}'. Use a code from GET /api/v1/academies.");
        return new Parameters
        {
            CallerAcademie = caller.Academie,
            Academie = academie,
            Kind = kind is { } k ? StableCode.Of(k) : null,
            Format = format is { } f ? StableCode.Of(f) : null,
            Theme = string.IsNullOrWhiteSpace(Theme) ? null : Theme.Trim(),
            Section = section,
            Published = published,
            Q1 = patterns.ElementAtOrDefault(0),
            Q2 = patterns.ElementAtOrDefault(1),
            Q3 = patterns.ElementAtOrDefault(2),
            Q4 = patterns.ElementAtOrDefault(3),
            Q5 = patterns.ElementAtOrDefault(4),
        };
    }

    /// <summary>The parameters of <see cref="WhereSql"/> and of a page.</summary>
    internal sealed class Parameters
    {
        public string? CallerAcademie { get; init; }
        public string? Academie { get; init; }
        public string? Kind { get; init; }
        public string? Format { get; init; }
        public string? Theme { get; init; }
        public string? Section { get; init; }
        public bool? Published { get; init; }
        public string? Q1 { get; init; }
        public string? Q2 { get; init; }
        public string? Q3 { get; init; }
        public string? Q4 { get; init; }
        public string? Q5 { get; init; }
        public Guid? After { get; set; }
        public int? AfterScore { get; set; }
        public int Take { get; set; }
    }
}
