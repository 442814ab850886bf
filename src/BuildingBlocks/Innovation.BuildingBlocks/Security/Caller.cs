using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Security;

/// <summary>
/// Who is calling: an id (API key id or JWT subject) and the académie they may see, or none for a
/// national credential. Every query filters on it, so a foreign row is simply not found.
/// </summary>
public sealed record Caller(string Id, string? Academie)
{
    public bool IsNational => Academie is null;

    /// <summary>True when this caller may see or change rows of <paramref name="academie"/>.</summary>
    public bool Sees(string academie) => IsNational || string.Equals(Academie, academie, StringComparison.Ordinal);

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")
            ?? throw new InvalidOperationException("An authenticated caller has no id.");
        var academie = user.FindFirstValue(InnovationClaims.Academie);
        return new Caller(id, academie is null or InnovationClaims.National ? null : academie);
    }
}

public static class CallerHttpContextExtensions
{
    public static Caller Caller(this HttpContext context) => Security.Caller.From(context.User);
}
