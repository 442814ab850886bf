using Dapper;
using Innovation.Api.Auth;
using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.ApiKeys;

internal static class RevokeApiKey
{
    internal const string RevokeSql = """
        UPDATE host.api_key SET revoked_at = @Now
        WHERE id = @Id AND revoked_at IS NULL AND (@Academie IS NULL OR academie = @Academie)
        """;

    internal const string FindSql = """
        SELECT id AS Id, name AS Name, academie AS Academie, departement AS Departement, scopes AS Scopes, created_at AS CreatedAt,
            revoked_at AS RevokedAt
        FROM host.api_key WHERE id = @Id AND (@Academie IS NULL OR academie = @Academie)
        """;

    internal sealed record Command(Guid Id, Caller Caller) : IRequest<Unit>;

    internal sealed class Handler(Db db, TimeProvider time, ApiKeyCache cache) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var found = await db.WriteAsync(async (c, t) =>
            {
                var args = new { command.Id, command.Caller.Academie, Now = now };
                if (await c.QuerySingleOrDefaultAsync<ListApiKeys.Row>(FindSql, args, t) is not { } key)
                {
                    return false;
                }

                // Revoking a revoked key changes nothing, so records nothing.
                if (await c.ExecuteAsync(RevokeSql, args, t) == 1)
                {
                    var before = key.ToSummary();
                    await HostAudit.ApiKeyAsync(c, t, command.Caller.Id, now, "revoke", before, before with { RevokedAt = now });
                }

                return true;
            }, cancellationToken);
            cache.Evict(command.Id);
            return found ? Unit.Value : throw ProblemException.NotFound("API key", command.Id.ToString());
        }
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapDelete("/api-keys/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new Command(id, http.Caller()), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Revokes the key: it is refused from the next request on. Revoking an already revoked key answers 204 again. No " +
                "If-Match is needed: a key has no editable state, and revocation must never be blocked by a precondition.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
