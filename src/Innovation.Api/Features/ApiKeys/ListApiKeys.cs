using Dapper;
using Innovation.BuildingBlocks.Data;
using Microsoft.AspNetCore.Mvc;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;

namespace Innovation.Api.Features.ApiKeys;

/// <summary>An API key as listed: never its secret.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Key id.</param>
/// <param name="Name" example="versailles-sync">What the key is for.</param>
/// <param name="Academie" example="25">Académie code, or null for a national key.</param>
/// <param name="Departement" example="095">Département code the key is limited to (the experimentations only), or null.</param>
/// <param name="Scopes">Scopes granted.</param>
/// <param name="CreatedAt" example="2026-09-01T08:30:00Z">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while active.</param>
internal sealed record ApiKeySummary(Guid Id, string Name, string? Academie, string? Departement, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

internal static class ListApiKeys
{
    internal const string ListSql = """
        SELECT id AS Id, name AS Name, academie AS Academie, departement AS Departement, scopes AS Scopes, created_at AS CreatedAt,
            revoked_at AS RevokedAt
        FROM host.api_key
        WHERE (@Academie IS NULL OR academie = @Academie) AND id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY id
        {{limit @Take}}
        """;

    internal sealed record Query(Caller Caller, int Limit, string? Cursor) : IRequest<Page<ApiKeySummary>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Page<ApiKeySummary>>
    {
        public async Task<Page<ApiKeySummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(query.Limit, query.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<Row>(db.Sql(ListSql), new
            {
                query.Caller.Academie,
                page.After,
                page.Take,
            }), cancellationToken);
            var items = rows.Select(r => r.ToSummary()).ToList();
            return page.PageOf(items, k => k.Id.ToString());
        }
    }

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Academie { get; init; }
        public string? Departement { get; init; }
        public string Scopes { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }

        public ApiKeySummary ToSummary() =>
            new(Id, Name, Academie, Departement, Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), CreatedAt, RevokedAt);
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/api-keys", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "limit")] int? limit = null, [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new Query(http.Caller(), Limit.Resolve(limit), cursor), ct)))
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Lists the keys of the caller's académie (every key for a national administrator), revoked ones included. " +
                "Secrets are " +
                "never returned.")
            .Produces<Page<ApiKeySummary>>()
            .ProducesValidationProblem();
}
