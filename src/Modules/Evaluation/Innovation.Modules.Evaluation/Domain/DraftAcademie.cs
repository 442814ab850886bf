using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Domain;

/// <summary>The académie a draft names (a code or a name, asked through Networks), else the caller's.</summary>
internal static class DraftAcademie
{
    /// <summary>The one named, else the caller's; a 400 for an unknown one or none, a 403 for one outside the caller's.</summary>
    public static async Task<string> ResolveAsync(string? named, IMediator mediator, Caller caller, CancellationToken cancellationToken)
    {
        var code = await NamedOrCallersAsync(named, mediator, caller, "A national credential must name the académie.", cancellationToken);
        return caller.Sees(code)
            ? code
            : throw ProblemException.Forbidden("academie_forbidden", $"Your credential is limited to académie {caller.Academie}, not {code}.");
    }

    /// <summary>The one named, else the caller's; a 400 for an unknown one, or for none (<paramref name="required"/> says why).</summary>
    public static async Task<string> NamedOrCallersAsync(
        string? named, IMediator mediator, Caller caller, string required, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(named))
        {
            return caller.Academie ?? throw RequestValidationException.For("academie", required);
        }

        return (await mediator.Send(new FindAcademie(named), cancellationToken))?.Code
            ?? throw RequestValidationException.For("academie", $"Unknown académie '{named}'. Use a code from GET /api/v1/academies.");
    }
}
