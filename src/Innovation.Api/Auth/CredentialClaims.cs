using Innovation.Modules.Networks.Contracts;
using MediatR;

namespace Innovation.Api.Auth;

/// <summary>
/// What a credential may name, whether an API key or a JWT: académie codes of the territorial frame and scopes this API
/// declares. A credential naming anything else is refused (401) rather than half-trusted: a token for académie "99" must not
/// read as if it were a valid one, and a scope that no longer exists grants nothing anyone can reason about.
/// </summary>
internal static class CredentialClaims
{
    private static readonly object RefusalKey = new();

    /// <summary>Records why this request's credential is refused, for the 401 problem's detail.</summary>
    public static void SetRefusal(HttpContext context, string reason) => context.Items[RefusalKey] = reason;

    /// <summary>Why this request's credential was refused, when the refusal said so.</summary>
    public static string? RefusalOf(HttpContext context) => context.Items.TryGetValue(RefusalKey, out var reason) ? reason as string : null;

    /// <summary>
    /// Why the credential is refused, or null when every académie and scope it names is known. <c>academie</c> is the code it
    /// names, null for a national credential.
    /// </summary>
    public static async Task<string?> RefusalAsync(
        IServiceProvider services, string? academie, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var known = services.GetRequiredService<KnownScopes>();
        if (scopes.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
        {
            return $"The credential names an unknown scope '{unknown}'.";
        }

        if (academie is null)
        {
            return null;
        }

        // FindAcademie accepts a name too; a credential must carry the code itself.
        var found = await services.GetRequiredService<IMediator>().Send(new FindAcademie(academie), cancellationToken);
        return found?.Code == academie ? null : $"The credential names an unknown académie '{academie}'.";
    }
}
