using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>The public portal of the resource bank: published resources of every académie, without a credential.</summary>
internal static class PublicResources
{
    /// <summary>The host's rate-limit policy for anonymous portal calls, the one the public projects name too.</summary>
    internal const string RateLimitPolicy = "public-portal";

    internal const string FindSql = ResourceTable.FindSql + " AND r.is_published = 1";

    /// <summary>Order and paging of the portal's list.</summary>
    /// <param name="Sort" example="relevance">`relevance`: best match first, then by id (the default with `q`, only with it); `id`: by id.</param>
    /// <param name="Limit" example="50">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page (of the same order).</param>
    internal sealed record Paging(
        [property: FromQuery(Name = "sort"), EnumCodes(typeof(ResourceListOrder))] string? Sort,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record ListQuery(ResourceFilters Filters, Paging Paging) : IRequest<Page<BankResource>>;

    internal sealed record GetQuery(Guid Id) : IRequest<BankResource>;

    /// <summary>Nobody in particular: the portal sees every académie, and only what is published.</summary>
    private static readonly Caller Public = new("public", null);

    internal sealed class Handler(Db db, IMediator mediator) : IRequestHandler<ListQuery, Page<BankResource>>, IRequestHandler<GetQuery, BankResource>
    {
        public async Task<Page<BankResource>> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            var parameters = await query.Filters.ResolveAsync(Public, published: true, mediator, cancellationToken);
            return await ListResources.PageAsync(
                db, parameters, query.Filters.Q, query.Paging.Sort, query.Paging.Limit, query.Paging.Cursor, cancellationToken);
        }

        public Task<BankResource> Handle(GetQuery query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await c.QuerySingleOrDefaultAsync<ResourceTable.Row>(FindSql, new { query.Id })
                    ?? throw ProblemException.NotFound("resource", query.Id.ToString());
                return (await ResourceTable.LoadAsync(db, c, [row]))[0];
            }, cancellationToken);
    }

    /// <summary>Maps the portal under <c>/public/resources</c>: anonymous, rate-limited by <see cref="RateLimitPolicy"/>.</summary>
    public static void Map(IEndpointRouteBuilder api)
    {
        var portal = api.MapGroup("/public/resources").WithTags("Public portal").AllowAnonymous().RequireRateLimiting(RateLimitPolicy);

        portal.MapGet("/", async ([AsParameters] ResourceFilters filters, [AsParameters] Paging paging, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListQuery(filters, paging), ct)))
            .WithName("ListPublicResources")
            .WithSummary("List published resources of the bank (no credentials)")
            .WithDescription("The public portal of the resource bank: published resources of every académie, with the filters, search "
                + "(`q`, accents and case ignored, relevance order) and cursor pagination of `GET /api/v1/accompaniment/resources`. Needs no "
                + "credentials; rate-limited per client address more strictly than authenticated calls (429 with Retry-After).")
            .Produces<Page<BankResource>>()
            .ProducesValidationProblem();

        portal.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetQuery(id), ct)))
            .WithName("GetPublicResource")
            .WithSummary("Get a published resource of the bank (no credentials)")
            .WithDescription("One resource of the public portal. A resource that does not exist or is not published answers 404. "
                + "Rate-limited like the list.")
            .Produces<BankResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
