namespace Innovation.Modules.Networks.Features.Conventions;

/// <summary>A convention as a client sends it.</summary>
/// <param name="PartnerKind">inspe, researchLaboratory, localAuthority, association or other.</param>
/// <param name="Partner" example="INSPE de Normandie Rouen-Le Havre">The partner organisation (an organisation, not a person).</param>
/// <param name="Object" example="Stages en responsabilité des M1 MEEF dans les écoles du réseau">What the convention covers.</param>
/// <param name="Start" example="2025-09-01">First day.</param>
/// <param name="End" example="2028-08-31">Last day (optional; not before the start).</param>
/// <param name="Documents">At most 20 documents, each an absolute http(s) URL.</param>
internal sealed record ConventionDraft(
    ConventionPartnerKind? PartnerKind, string? Partner, string? Object, DateOnly? Start, DateOnly? End,
    IReadOnlyList<ConventionDocument>? Documents);

internal sealed class ConventionDraftValidator : AbstractValidator<ConventionDraft>
{
    public ConventionDraftValidator()
    {
        RuleFor(c => c.PartnerKind).NotNull();
        RuleFor(c => c.Partner).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Object).NotEmpty().MaximumLength(2000);
        RuleFor(c => c.Start).NotNull();
        RuleFor(c => c.End).GreaterThanOrEqualTo(c => c.Start).When(c => c.Start is not null && c.End is not null)
            .WithMessage("The convention ends before it starts.");
        RuleFor(c => c.Documents).Must(d => d is null || d.Count <= 20).WithMessage("At most 20 documents.");
        RuleForEach(c => c.Documents).ChildRules(d =>
        {
            d.RuleFor(x => x.Title).MaximumLength(200);
            d.RuleFor(x => x.Url).NotEmpty().MaximumLength(2000).Must(IsHttpUrl).WithMessage("A document is an absolute http or https URL.");
        });
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
