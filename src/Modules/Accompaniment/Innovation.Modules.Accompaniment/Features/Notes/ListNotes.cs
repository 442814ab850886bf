using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Accompaniment.Features.Notes;

internal static class ListNotes
{
    /// <summary>The plan and the paging of its notes.</summary>
    internal sealed record Paging(
        [property: FromRoute(Name = "id")] Guid PlanId,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Paging Paging, Caller Caller) : IRequest<Page<PlanNote>>;

    internal sealed class Handler(Db db, IMediator mediator, IDataProtectionProvider protection) : IRequestHandler<Query, Page<PlanNote>>
    {
        public async Task<Page<PlanNote>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = PageRequest.AfterId(Limit.Resolve(query.Paging.Limit), query.Paging.Cursor);
            var (plan, reader) = await NotePlan.OpenAsync(db, mediator, query.Paging.PlanId, query.Caller, cancellationToken);
            var rows = await db.ReadAsync(c => c.QueryAsync<NoteTable.Row>(db.Sql(NoteTable.ListSql), new
            {
                PlanId = plan.Id, Accompanist = reader.IsAccompanist ? 1 : 0, ReaderKey = reader.Key, page.After, page.Take,
            }), cancellationToken);
            return page.PageOf([.. rows.Select(r => r.ToNote(protection, reader))], n => n.Id.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapQuery("/plans/{id:guid}/notes", (Paging paging, Caller caller) => new Query(paging, caller))
            .RequireReaderScope()
            .WithName("ListAccompanimentNotes")
            .WithSummary("List the notes of a plan the caller may read")
            .WithDescription("The plan's notes the caller may read, in the order they were written, with cursor pagination (`limit` "
                + "1–200, default 50): every note for an accompanist of the plan, the caller's own notes for anyone else (so often an "
                + "empty list). " + NotePlan.Confidential + " A plan of another académie is a 404." + NotePlan.ReaderScopes);
}
