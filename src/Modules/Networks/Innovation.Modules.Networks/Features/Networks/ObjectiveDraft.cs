namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>An objective as a client sends it.</summary>
/// <param name="SchoolYear" example="2025-2026">School year (two consecutive years).</param>
/// <param name="Title" example="Généraliser les observations croisées entre écoles du réseau">What the network aims at.</param>
/// <param name="Description" example="Deux observations par enseignant volontaire et par an.">Details, indicators.</param>
/// <param name="Status">planned when omitted.</param>
internal sealed record ObjectiveDraft(string? SchoolYear, string? Title, string? Description, ObjectiveStatus? Status);

internal sealed class ObjectiveDraftValidator : AbstractValidator<ObjectiveDraft>
{
    public ObjectiveDraftValidator()
    {
        RuleFor(o => o.SchoolYear).NotEmpty().Must(Periods.IsSchoolYear).WithMessage(Periods.SchoolYearRule);
        RuleFor(o => o.Title).NotEmpty().MaximumLength(200);
        RuleFor(o => o.Description).MaximumLength(2000);
    }
}
