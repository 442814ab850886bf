using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Security;

/// <summary>
/// Who is calling: an id (API key id or JWT subject) and the académie they may see, or none for a
/// national credential. Every query filters on it, so a foreign row is simply not found. A JWT may
/// also carry the person's professional e-mail, which is how a project carrier is recognised.
/// <see cref="Departement"/> further limits a credential of an académie to one of its départements (the DASEN's view):
/// only the modules that say so apply it (Experimentation, ADR 0023); every other read keeps the académie scoping alone.
/// </summary>
public sealed record Caller(string Id, string? Academie, string? Email = null, IReadOnlySet<string>? Scopes = null, string? Departement = null)
{
    public bool IsNational => Academie is null;

    /// <summary>
    /// True when this caller is not limited to a département, or is limited to <paramref name="departement"/> (a 3-character
    /// code, ADR 0006). Only for the modules that apply the département limit; it says nothing of the académie.
    /// </summary>
    public bool SeesDepartement(string departement) => Departement is null || string.Equals(Departement, departement, StringComparison.Ordinal);

    /// <summary>True when this caller may see or change rows of <paramref name="academie"/>.</summary>
    public bool Sees(string academie) => IsNational || string.Equals(Academie, academie, StringComparison.Ordinal);

    /// <summary>True when the credential carries <paramref name="scope"/>.</summary>
    public bool Has(string scope) => Scopes?.Contains(scope) == true;

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")
            ?? throw new InvalidOperationException("An authenticated caller has no id.");
        var academie = user.FindFirstValue(InnovationClaims.Academie);
        var email = user.FindFirstValue(InnovationClaims.Email) ?? user.FindFirstValue(ClaimTypes.Email);
        var scopes = user.FindAll(InnovationClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var departement = user.FindFirstValue(InnovationClaims.Departement);
        return new Caller(id, academie is null or InnovationClaims.National ? null : academie, email?.Trim().ToLowerInvariant(), scopes,
            departement);
    }
}

public static class CallerHttpContextExtensions
{
    /// <summary>The caller of this request; read from the claims unless the principal already carries it.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.User is CallerPrincipal principal ? principal.Caller : Security.Caller.From(context.User);
}
