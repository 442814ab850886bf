namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A person's membership of a network (create or replace).</summary>
/// <param name="PersonId" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e72">The person's id in the people directory (same académie). Ignored on
/// replace.</param>
/// <param name="Role">The person's role in the network.</param>
/// <param name="Domain" example="culture">The referent's domain (culture, digital, e3d…): required for a referent, refused otherwise.</param>
/// <param name="From" example="2025-09-01">First day of the membership (optional).</param>
/// <param name="To" example="2026-08-31">Last day; set it to end the membership.</param>
internal sealed record PersonMembershipDraft(Guid? PersonId, MemberRole? Role, string? Domain, DateOnly? From, DateOnly? To);

/// <summary>
/// The rules of a person membership's role, domain and period, for the add and change requests. They are not a
/// validator of the draft itself, whose published schema would then gain them.
/// </summary>
internal static class PersonMembershipRules
{
    public static void Apply<T>(AbstractValidator<T> validator, Func<T, PersonMembershipDraft> body)
    {
        validator.RuleFor(c => body(c).Role).NotNull().OverridePropertyName("role");
        validator.RuleFor(c => body(c).Domain).Must((c, domain) => body(c).Role is not { } role || NetworkMembers.DomainError(role, domain) is null)
            .WithMessage(c => NetworkMembers.DomainError(body(c).Role!.Value, body(c).Domain)).OverridePropertyName("domain");
        validator.RuleFor(c => body(c).To).Must((c, to) => NetworkMembers.PeriodError(body(c).From, to) is null)
            .WithMessage(c => NetworkMembers.PeriodError(body(c).From, body(c).To)).OverridePropertyName("to");
    }
}
