using System.Security.Claims;

namespace Innovation.BuildingBlocks.Security;

/// <summary>
/// A principal that carries its <see cref="Security.Caller"/>, read once from its claims. The API-key
/// handler keeps one per valid key for as long as it remembers the key, so a request neither
/// rebuilds the claims nor reads them again to know who is calling (ADR 0010). Shared by every
/// request of the key: nothing may add claims or identities to it.
/// </summary>
public sealed class CallerPrincipal : ClaimsPrincipal
{
    public CallerPrincipal(ClaimsIdentity identity)
        : base(identity) =>
        Caller = Caller.From(this);

    public Caller Caller { get; }
}
