using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>A training or collaboration resource of the bank, as a client writes it (create, replace, import).</summary>
/// <param name="Title" example="Conduire un projet innovant : le canevas pas à pas">Title (at most 200 characters).</param>
/// <param name="Description" example="Tutoriel vidéo de 12 minutes sur le canevas de projet et son diagramme de Gantt.">What the resource
/// offers (at most 4,000 characters).</param>
/// <param name="Kind">audio, video, document, schema or siteWeb (the guide's AUDIO, VIDEO, DOCUMENT, SCHEMA, SITEWEB).</param>
/// <param name="Format">hybridTrainingModule, mooc, webinar, communityOfPractice, practicalSheet, video, tutorial or pedagogicalScenario.</param>
/// <param name="Themes">Theme codes (at most ten, each at most 40 characters, distinct), e.g. the national themes
/// `wellBeing`, `digitalAndAi`.</param>
/// <param name="Audience">Who it is for (at most ten entries of at most 100 characters), e.g. `Porteurs de projet`, `CPC`.</param>
/// <param name="GuideSections">The guide's sections it serves, coded as the guide numbers them: `I 3.1` … `I 3.3`, `II 1.1` … `II 4.3`
/// (distinct).</param>
/// <param name="Link" example="https://www.reseau-canope.fr/canevas-projet">An absolute http or https address (at most 800 characters). The
/// server never fetches it.</param>
/// <param name="Language" example="fr">ISO 639 language code (two or three lower-case letters).</param>
/// <param name="Licence" example="CC BY-SA 4.0">Licence (at most 100 characters).</param>
/// <param name="Published">Whether the public portal serves it (default false).</param>
/// <param name="Academie" example="25">Académie code or name; defaults to the caller's. A national credential must give it on creation.</param>
internal sealed record BankResourceDraft(
    string? Title, string? Description, BankResourceKind? Kind, BankResourceFormat? Format, IReadOnlyList<string>? Themes,
    IReadOnlyList<string>? Audience, IReadOnlyList<string>? GuideSections, string? Link, string? Language, string? Licence, bool? Published,
    string? Academie)
{
    /// <summary>The académie the resource belongs to: the one named, else the caller's; a 400 for an unknown one or none at all.</summary>
    public async Task<string> AcademieAsync(IMediator mediator, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Academie))
        {
            return caller.Academie ?? throw RequestValidationException.For("academie", BankResourceDraftValidator.AcademieRequired);
        }

        var found = await mediator.Send(new FindAcademie(Academie), cancellationToken);
        return found?.Code
            ?? throw RequestValidationException.For("academie", $"Unknown académie '{Academie}'. Use a code from GET /api/v1/academies.");
    }
}

internal sealed class BankResourceDraftValidator : AbstractValidator<BankResourceDraft>
{
    public const string AcademieRequired = "A national credential must name the resource's académie.";

    public const string LinkRule = "The link must be an absolute http or https address (the server never fetches it).";

    public BankResourceDraftValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Description).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.Kind).NotNull();
        RuleFor(r => r.Format).NotNull();
        RuleFor(r => r.Themes).Must(t => t is null || t.Count <= 10).WithMessage("At most ten themes.")
            .Must(t => t is null || t.Distinct(StringComparer.Ordinal).Count() == t.Count).WithMessage("Each theme once.");
        RuleForEach(r => r.Themes).NotEmpty().MaximumLength(40).Must(SingleLine).WithMessage("A theme is one line of text.");
        RuleFor(r => r.Audience).Must(a => a is null || a.Count <= 10).WithMessage("At most ten audience entries.");
        RuleForEach(r => r.Audience).NotEmpty().MaximumLength(100).Must(SingleLine).WithMessage("An audience entry is one line of text.");
        RuleFor(r => r.GuideSections)
            .Must(s => s is null || s.Select(GuideSections.Normalize).Distinct().Count() == s.Count).WithMessage("Each guide section once.");
        RuleForEach(r => r.GuideSections).Must(s => GuideSections.Normalize(s) is not null).WithMessage(GuideSections.Rule);
        RuleFor(r => r.Link).NotEmpty().MaximumLength(800).Must(IsWebAddress).WithMessage(LinkRule);
        RuleFor(r => r.Language).NotEmpty().Matches("^[a-z]{2,3}$").WithMessage("An ISO 639 code: two or three lower-case letters (fr, en, oc).");
        RuleFor(r => r.Licence).MaximumLength(100);
    }

    /// <summary>An absolute http(s) address with a host. It is only stored and shown, never fetched (no server-side request).</summary>
    internal static bool IsWebAddress(string? link) =>
        link is not null && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private static bool SingleLine(string? text) => text is null || !text.Any(char.IsControl);
}
