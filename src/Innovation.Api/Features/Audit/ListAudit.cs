using System.ComponentModel;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Api.Features.Audit;

/// <summary>
/// The audit trail of every module, newest first (ADR 0020). Each module keeps its own in its schema; the host reads them
/// through the building block's <c>{schema}</c> template (<see cref="AuditLog"/>), so it names no module's table.
/// </summary>
internal static class ListAudit
{
    internal sealed record Query(Caller Caller, AuditFilter Filter, int? Limit, string? Cursor) : IRequest<Page<AuditRecord>>;

    internal sealed class Handler(Db db, IEnumerable<AuditSource> sources) : IRequestHandler<Query, Page<AuditRecord>>
    {
        public Task<Page<AuditRecord>> Handle(Query query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Limit);
            var (module, from, to) = (query.Filter.Module, query.Filter.From, query.Filter.To);
            if (module is not null && !sources.Any(s => s.Module == module))
            {
                throw RequestValidationException.For("module",
                    $"Unknown module '{module}'. Known: {string.Join(", ", sources.Select(s => s.Module).Distinct())}.");
            }

            if (from is not null && to is not null && to <= from)
            {
                throw RequestValidationException.For("to", "to must be after from.");
            }

            return AuditLog.ListAsync(db, sources, query.Filter, query.Caller, limit, query.Cursor, cancellationToken);
        }
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit", async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "resourceType"), Description("Only this resource type (`project`, `project.funding`, `school`…).")]
                string? resourceType = null,
                [FromQuery(Name = "resourceId"), Description("Only this resource, or the parts of this aggregate (a project's funding lines).")]
                string? resourceId = null,
                [FromQuery(Name = "actor"), Description("Only changes by this actor (an API key id or a JWT subject).")] string? actor = null,
                [FromQuery(Name = "module"), Description("Only this module's trail (`projects`, `networks`…).")] string? module = null,
                [FromQuery(Name = "action"), Description("Only this action (`create`, `update`, `submit`, `add`…).")] string? action = null,
                [FromQuery(Name = "from"), Description("Changes at or after this instant (ISO 8601).")] DateTimeOffset? from = null,
                [FromQuery(Name = "to"), Description("Changes before this instant (ISO 8601).")] DateTimeOffset? to = null,
                [FromQuery(Name = "limit")] int? limit = null,
                [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(
                    new Query(http.Caller(), new AuditFilter(module, resourceType, resourceId, actor, action, from, to), limit, cursor), ct)))
            .RequireAuthorization(Scopes.AuditRead)
            .WithTags("Audit")
            .WithName("ListAuditEntries")
            .WithSummary("List the audit trail: who changed what, with the values before and after")
            .WithDescription("Every write of every module (create, update, lifecycle action, a part added, replaced or removed, a membership, an " +
                "import row, an erasure) as one entry: who (`actor`), when, which resource, the action and each changed field's value before " +
                "and after, recorded in the same transaction as the change. Newest first, cursor-paged (`limit` up to 200, then `nextCursor`); " +
                "a caller sees only its académie's entries (all for a national credential). Fields holding personal data (`personal`) show " +
                "their values only to callers with `people:read` (`masked` otherwise); after a person's erasure their values are anonymised " +
                "(`erased`). An unknown module, a bad period or cursor is a 400.")
            .Produces<Page<AuditRecord>>()
            .ProducesValidationProblem();
}
