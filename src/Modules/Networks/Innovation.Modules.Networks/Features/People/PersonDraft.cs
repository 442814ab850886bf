namespace Innovation.Modules.Networks.Features.People;

/// <summary>A staff member as a client sends them (create, replace, or one import row). Never a pupil.</summary>
/// <param name="FirstName" example="Camille">First name.</param>
/// <param name="LastName" example="Lefèvre">Last name.</param>
/// <param name="Email" example="camille.lefevre@ac-normandie.fr">Professional e-mail, unique within the académie (case-insensitive).</param>
/// <param name="Academie" example="70">Académie code (or name). Optional: defaults to the caller's académie, else to the school's.</param>
/// <param name="SchoolUai" example="0271234V">The person's school, if any: a school of the directory, in the same académie.</param>
/// <param name="Functions">One or more functions.</param>
internal sealed record PersonDraft(
    string? FirstName,
    string? LastName,
    string? Email,
    string? Academie,
    string? SchoolUai,
    IReadOnlyList<PersonFunction>? Functions);

/// <summary>
/// The person rules that need no database (the school's existence and the e-mail's uniqueness are
/// checked by the handlers), used by the create and replace endpoints and by each import row.
/// </summary>
internal sealed class PersonDraftValidator : AbstractValidator<PersonDraft>
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public PersonDraftValidator(Territory.Snapshot territory)
    {
        RuleFor(p => p.FirstName).NotEmpty().MaximumLength(MaxNameLength);
        RuleFor(p => p.LastName).NotEmpty().MaximumLength(MaxNameLength);
        RuleFor(p => p.Email).NotEmpty().MaximumLength(MaxEmailLength)
            .Must(BeAnEmail).WithMessage("'{PropertyValue}' is not an e-mail address (name@domain.tld).");
        RuleFor(p => p.Functions).NotEmpty().WithMessage("Give at least one function.");
        RuleForEach(p => p.Functions).IsInEnum();
        RuleFor(p => p.SchoolUai).Custom((uai, context) =>
        {
            if (!string.IsNullOrWhiteSpace(uai) && Uai.Normalize(uai, out var error) is null)
            {
                context.AddFailure(error);
            }
        });
        RuleFor(p => p.Academie).Custom((code, context) =>
        {
            if (!string.IsNullOrWhiteSpace(code) && territory.FindAcademie(code) is null)
            {
                context.AddFailure($"Unknown académie '{code}'. See GET /api/v1/academies.");
            }
        });
    }

    /// <summary>One @, something before it, a dotted domain after it, no spaces: enough to catch typos.</summary>
    private static bool BeAnEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return true; // NotEmpty reports it
        }

        var text = email.Trim();
        var at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }
}
