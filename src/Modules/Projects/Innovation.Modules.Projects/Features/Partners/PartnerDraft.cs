using FluentValidation;

namespace Innovation.Modules.Projects.Features.Partners;

/// <summary>What kind of organisation a partner is.</summary>
internal enum PartnerKind
{
    Association,
    Company,

    /// <summary>A commune, département, région or their groupings (<i>collectivité territoriale</i>).</summary>
    LocalAuthority,
    Foundation,
    ResearchLab,
    OtherSchool,

    /// <summary>Museum, library, theatre…</summary>
    CulturalInstitution,
    Other,
}

/// <summary>What a partner brings.</summary>
internal enum ContributionKind
{
    Money,
    People,
    Equipment,
    Expertise,
}

/// <summary>A partner as a client writes it (create or replace).</summary>
/// <param name="Kind">What kind of organisation it is.</param>
/// <param name="Name" example="Muséum d'histoire naturelle">The organisation's name (not a person's).</param>
/// <param name="Role" example="Accueille les classes et prête des kits d'observation.">Its role in the project.</param>
/// <param name="Contributions">What it brings (at least one kind).</param>
/// <param name="ContributionDescription" example="Deux médiateurs scientifiques, une journée par trimestre.">The contribution in words.</param>
internal sealed record PartnerDraft(PartnerKind? Kind, string? Name, string? Role, IReadOnlyList<ContributionKind>? Contributions, string? ContributionDescription);

internal sealed class PartnerDraftValidator : AbstractValidator<PartnerDraft>
{
    public PartnerDraftValidator()
    {
        RuleFor(p => p.Kind).NotNull().IsInEnum();
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
        RuleFor(p => p.Role).MaximumLength(500);
        RuleFor(p => p.Contributions).NotEmpty().WithMessage("Name at least one kind of contribution (money, people, equipment, expertise).");
        RuleForEach(p => p.Contributions).IsInEnum();
        RuleFor(p => p.ContributionDescription).MaximumLength(2000);
    }
}
