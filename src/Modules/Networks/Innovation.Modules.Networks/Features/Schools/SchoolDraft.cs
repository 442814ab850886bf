namespace Innovation.Modules.Networks.Features.Schools;

/// <summary>A school as a client sends it (create, replace, or one import row).</summary>
/// <param name="Uai" example="0951099D">National identifier: 7 digits and the check letter, e.g. <c>0951099D</c>.</param>
/// <param name="Name" example="Lycée Évariste Galois">Official name.</param>
/// <param name="Type">Kind of school.</param>
/// <param name="Sector">Public, or private under contract.</param>
/// <param name="Address" example="14 rue Jean Jaurès">Street address.</param>
/// <param name="Postcode" example="95500">5-digit postcode.</param>
/// <param name="Commune" example="Gonesse">Commune name.</param>
/// <param name="Departement" example="095">Département code: <c>095</c> (or <c>95</c>), <c>02A</c>, <c>971</c>…</param>
/// <param name="Academie" example="25">Académie code (or name). Optional: it follows from the département, and a contradiction is a 400.</param>
/// <param name="Circonscription" example="Gonesse">1st-degree circonscription or network the school belongs to.</param>
/// <param name="PriorityEducation">Priority-education status; <c>none</c> when omitted.</param>
/// <param name="Latitude" example="48.9866">WGS84 latitude (with longitude, or neither).</param>
/// <param name="Longitude" example="2.4492">WGS84 longitude (with latitude, or neither).</param>
/// <param name="Status">open (default) or closed.</param>
internal sealed record SchoolDraft(
    string? Uai,
    string? Name,
    SchoolType? Type,
    SchoolSector? Sector,
    string? Address,
    string? Postcode,
    string? Commune,
    string? Departement,
    string? Academie,
    string? Circonscription,
    PriorityEducation? PriorityEducation,
    double? Latitude,
    double? Longitude,
    SchoolStatus? Status);

/// <summary>
/// The school rules, used by the create and replace endpoints and by each import row; the OpenAPI
/// document publishes the same rules as schema constraints.
/// </summary>
internal sealed class SchoolDraftValidator : AbstractValidator<SchoolDraft>
{
    /// <summary>
    /// The rules below, hand-written: true only when the validator finds nothing wrong with
    /// <paramref name="draft"/>. A bulk import asks this of every row and runs the validator only on
    /// the rows it refuses, to word their errors the validator's way: FluentValidation's rules cost
    /// more per row than the rest of an import's checks (ADR 0010). SchoolDraftRulesTests holds the
    /// two to the same answer and fails when a rule is added below but not here.
    /// </summary>
    public static bool Accepts(SchoolDraft draft, Territory.Snapshot territory)
    {
        // A UAI of 7 ASCII digits and an ASCII letter (the pattern below), with the right check letter.
        if (draft.Uai is not { Length: 8 } text || !char.IsAsciiLetter(text[7]) || text.AsSpan(0, 7).ContainsAnyExceptInRange('0', '9')
            || Domain.Uai.Normalize(text, out _) is not { } uai)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Length > 200 || draft.Type is null || draft.Sector is null
            || draft.Address?.Length > 300 || draft.Commune?.Length > 100 || draft.Circonscription?.Length > 200)
        {
            return false;
        }

        if (draft.Postcode is { } postcode && (postcode.Length != 5 || postcode.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            return false;
        }

        if ((draft.Latitude is null) != (draft.Longitude is null)
            || (draft.Latitude is { } latitude && !(latitude >= -90 && latitude <= 90))
            || (draft.Longitude is { } longitude && !(longitude >= -180 && longitude <= 180)))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(draft.Departement) || draft.Departement.Length > 3
            || territory.FindDepartement(draft.Departement) is not { } departement
            || (Domain.Uai.DepartementOf(uai) is { } expected && expected != departement.Code))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(draft.Academie) || territory.FindAcademie(draft.Academie)?.Code == departement.Academie;
    }

    public SchoolDraftValidator(Territory.Snapshot territory)
    {
        RuleFor(s => s.Uai).NotEmpty().WithMessage("The UAI is required.")
            .Matches("^[0-9]{7}[A-Za-z]$").WithMessage("A UAI is 7 digits followed by a check letter, e.g. 0951099D.")
            .DependentRules(() =>
            RuleFor(s => s.Uai).Custom((uai, context) =>
            {
                if (Domain.Uai.Normalize(uai, out var error) is null)
                {
                    context.AddFailure(error);
                }
            }));
        RuleFor(s => s.Name).NotEmpty().MaximumLength(200);
        RuleFor(s => s.Type).NotNull();
        RuleFor(s => s.Sector).NotNull();
        RuleFor(s => s.Address).MaximumLength(300);
        RuleFor(s => s.Postcode).Matches("^[0-9]{5}$").WithMessage("A postcode is 5 digits.");
        RuleFor(s => s.Commune).MaximumLength(100);
        RuleFor(s => s.Circonscription).MaximumLength(200);
        RuleFor(s => s.Latitude).InclusiveBetween(-90, 90);
        RuleFor(s => s.Longitude).InclusiveBetween(-180, 180);
        RuleFor(s => s.Longitude).NotNull().When(s => s.Latitude is not null).WithMessage("Give both latitude and longitude, or neither.");
        RuleFor(s => s.Latitude).NotNull().When(s => s.Longitude is not null).WithMessage("Give both latitude and longitude, or neither.");
        RuleFor(s => s.Departement).NotEmpty().MaximumLength(3).DependentRules(() =>
            RuleFor(s => s.Departement).Custom((code, context) =>
            {
                var draft = context.InstanceToValidate;
                var departement = territory.FindDepartement(code);
                if (departement is null)
                {
                    context.AddFailure($"Unknown département '{code}'. See GET /api/v1/departements.");
                    return;
                }

                if (Domain.Uai.Normalize(draft.Uai, out _) is { } uai && Domain.Uai.DepartementOf(uai) is { } expected
                    && expected != departement.Code)
                {
                    context.AddFailure($"UAI {uai} belongs to département {expected}, not {departement.Code}.");
                }
            }));
        RuleFor(s => s.Academie).Custom((code, context) =>
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
