namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A network as a client sends it (create or replace).</summary>
/// <param name="Kind">Kind of network; it cannot change once the network exists.</param>
/// <param name="Name" example="Groupe de mutualisation de l'Eure">Name.</param>
/// <param name="Academie" example="70">Académie code (or name). Optional when a département is given or the credential is limited to one académie; it
/// cannot change.</param>
/// <param name="Departement" example="027">Département code, for a network of one département (bassins, circonscriptions, mutualisation
/// groups…).</param>
/// <param name="Description" example="Enseignants innovants du département qui mutualisent leurs pratiques.">What the network is for.</param>
/// <param name="ActiveYears">School years in which the network is active, e.g. <c>["2024-2025", "2025-2026"]</c>.</param>
internal sealed record NetworkDraft(
    NetworkKind? Kind, string? Name, string? Academie, string? Departement, string? Description, IReadOnlyList<string>? ActiveYears)
{
    /// <summary>The row this validated draft describes, académie resolved (403 when the caller may not write there).</summary>
    public NetworkTable.Row ToRow(Guid id, Territory.Snapshot territory, Caller caller)
    {
        var departement = territory.FindDepartement(Departement);
        var academie = departement?.Academie ?? territory.FindAcademie(Academie)?.Code ?? caller.Academie
            ?? throw RequestValidationException.For("academie", "A national credential must name the académie (or a département).");
        if (!caller.Sees(academie))
        {
            throw ProblemException.Forbidden("academie_forbidden",
                $"Your credential is limited to académie {caller.Academie}; this network belongs to {academie}.");
        }

        return new NetworkTable.Row
        {
            Id = id,
            Academie = academie,
            Departement = departement?.Code,
            Kind = StableCode.Of(Kind!.Value),
            Name = Name!.Trim(),
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            ActiveYears = string.Join(',', (ActiveYears ?? []).Distinct().Order(StringComparer.Ordinal)),
        };
    }
}

internal sealed class NetworkDraftValidator : AbstractValidator<NetworkDraft>
{
    public NetworkDraftValidator(Territory.Snapshot territory)
    {
        RuleFor(n => n.Kind).NotNull();
        RuleFor(n => n.Name).NotEmpty().MaximumLength(200);
        RuleFor(n => n.Description).MaximumLength(2000);
        RuleFor(n => n.ActiveYears).Must(years => years is null || years.Count <= 20).WithMessage("At most 20 active years.");
        RuleForEach(n => n.ActiveYears).Must(Periods.IsSchoolYear).WithMessage(Periods.SchoolYearRule);
        RuleFor(n => n.Departement).Must(d => territory.FindDepartement(d) is not null)
            .When(n => !string.IsNullOrWhiteSpace(n.Departement))
                .WithMessage(n => $"Unknown département '{n.Departement}'. See GET /api/v1/departements.");
        RuleFor(n => n.Academie).Custom((code, context) =>
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return;
            }

            var academie = territory.FindAcademie(code);
            if (academie is null)
            {
                context.AddFailure($"Unknown académie '{code}'. See GET /api/v1/academies.");
            }
            else if (territory.FindDepartement(context.InstanceToValidate.Departement) is { } departement && departement.Academie != academie.Code)
            {
                context.AddFailure($"Département {departement.Code} belongs to académie {departement.Academie}, not {academie.Code}.");
            }
        });
    }
}
