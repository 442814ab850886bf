using System.Data.Common;
using Innovation.BuildingBlocks.Aggregates;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A row that belongs to one network and carries its own version (its ETag).</summary>
internal interface INetworkChildRow
{
    int Version { get; set; }
}

/// <summary>A row a client replaces whole by a draft: it makes itself from the draft and says when nothing changed.</summary>
internal interface INetworkChildRow<TRow, in TDraft> : INetworkChildRow
    where TRow : INetworkChildRow<TRow, TDraft>
{
    Guid Id { get; }

    Guid NetworkId { get; }

    static abstract TRow From(TDraft draft, Guid id, Guid networkId);

    bool SameDataAs(TRow other);
}

/// <summary>
/// The replace of a sub-resource by its draft (PUT), written once: a replace use case closes the validator over its
/// draft's and the handler over its table, and names its endpoint.
/// </summary>
internal static class ReplaceInNetwork<TDraft, TRow>
    where TDraft : notnull
    where TRow : class, INetworkChildRow<TRow, TDraft>
{
    internal sealed record Command(Guid NetworkId, Guid Id, TDraft Body, int? IfMatch, Caller Caller) : IRequest<TRow>;

    internal abstract class Validator : AbstractValidator<Command>
    {
        protected Validator(IValidator<TDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal abstract class Handler(Db db, TimeProvider time, (string What, string FindSql, string UpdateSql) table) : IRequestHandler<Command, TRow>
    {
        public Task<TRow> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ReplaceAsync<TRow>(
                db, time, command.NetworkId, command.Id, command.IfMatch, command.Caller, table,
                current => TRow.From(command.Body, current.Id, current.NetworkId), (current, row) => current.SameDataAs(row),
                cancellationToken);
    }

    /// <summary>
    /// The PUT <c>/{id}/{segment}/{{idName}}</c>: 428 without If-Match, then the replace; 200 with the child's new ETag.
    /// The child's id is read from the route values, so one endpoint serves every sub-resource.
    /// </summary>
    public static RouteHandlerBuilder MapReplace<TResult>(
        IEndpointRouteBuilder networks, string segment, string idName, Func<TRow, TResult> toResult) where TResult : notnull =>
        networks.MapPut($"/{{id:guid}}/{segment}/{{{idName}:guid}}", async (
                Guid id, TDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var childId = Guid.Parse((string)http.GetRouteValue(idName)!);
                var row = await mediator.Send(new Command(id, childId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(row.Version, toResult(row));
            })
            .WithMetadata(new ChildIdParameter(idName))
            .ReplacesInNetwork<TDraft, TResult>();
}

/// <summary>
/// The rules every sub-resource of a network (objective, convention, meeting, relay, training need) obeys, written once:
/// the network must be visible to the caller (another académie's reads as 404); a child is found within its network
/// (404 otherwise); a change honours If-Match against the child's own version (412), writes nothing when nothing changes
/// and moves the version one up under optimistic concurrency. The endpoint answers 428 for a missing If-Match and
/// 403 for a missing scope. A change is audited here (<c>network.{what}</c>, the row before and after); an add calls
/// <see cref="AuditAsync"/> once.
/// </summary>
internal static class NetworkChildren
{
    /// <summary>Records a write of a part of <paramref name="network"/> in the audit, in the write's transaction.</summary>
    public static Task AuditAsync(
        DbConnection connection, DbTransaction transaction, NetworkTable.Row network, Caller caller, DateTimeOffset now, string what, Guid id,
        string action, object? before, object? after) =>
        NetworksAudit.RecordAsync(connection, transaction, caller, now, network.Academie, $"network.{what}", id.ToString(), action, before, after,
            network.Id);

    public static Task<T> WriteAsync<T>(
        Db db, Guid networkId, Caller caller, Func<DbConnection, DbTransaction, NetworkTable.Row, Task<T>> write,
        CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) => await write(c, t, await NetworkTable.FindVisibleAsync(c, networkId, caller, t)), cancellationToken);

    public static Task<T> ReadAsync<T>(
        Db db, Guid networkId, Caller caller, Func<DbConnection, NetworkTable.Row, Task<T>> read, CancellationToken cancellationToken) =>
        db.ReadAsync(async c => await read(c, await NetworkTable.FindVisibleAsync(c, networkId, caller)), cancellationToken);

    /// <summary>Every row <paramref name="sql"/> selects for the network, in one page: these lists are bounded by the network.</summary>
    public static Task<Page<TItem>> ListAsync<TRow, TItem>(
        Db db, Guid networkId, Caller caller, string sql, Func<Guid, object> parameters, Func<TRow, TItem> toItem,
        CancellationToken cancellationToken) =>
        ReadAsync(db, networkId, caller, async (c, network) =>
            new Page<TItem>((await c.QueryAsync<TRow>(sql, parameters(network.Id))).Select(toItem).ToList(), null), cancellationToken);

    /// <summary>The row <paramref name="findSql"/> finds by <c>@Id</c> within <c>@NetworkId</c>, or a 404 naming <paramref name="what"/>.</summary>
    public static async Task<TRow> FindAsync<TRow>(
        DbConnection connection, string findSql, Guid networkId, Guid id, string what, DbTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<TRow>(findSql, new { Id = id, NetworkId = networkId }, transaction)
            ?? throw ProblemException.NotFound(what, id.ToString());

    /// <summary>
    /// Changes one row: <paramref name="change"/> returns the new row (the current one may be changed in place),
    /// or null when nothing changes; the table's update writes it where <c>version = @Version - 1</c>.
    /// </summary>
    public static Task<TRow> ChangeAsync<TRow>(
        Db db, TimeProvider time, Guid networkId, Guid id, int? ifMatch, Caller caller, (string What, string FindSql, string UpdateSql) table,
        Func<DbConnection, DbTransaction, NetworkTable.Row, TRow, Task<TRow?>> change, CancellationToken cancellationToken)
        where TRow : class, INetworkChildRow =>
        WriteAsync(db, networkId, caller, async (c, t, network) =>
        {
            var current = await FindAsync<TRow>(c, table.FindSql, network.Id, id, table.What, t);
            var version = current.Version;
            ETags.EnsureCurrent(ifMatch, version);

            var before = AuditChanges.Snapshot(current);
            if (await change(c, t, network, current) is not { } row)
            {
                return current;
            }

            row.Version = version + 1;
            if (await c.ExecuteAsync(table.UpdateSql, row, t) != 1)
            {
                throw ETags.Stale(version);
            }

            await AuditAsync(c, t, network, caller, time.GetUtcNow(), table.What, id, "replace", before, row);
            return row;
        }, cancellationToken);

    /// <summary>
    /// Replaces every field of a row by <paramref name="replacement"/>'s; nothing is written, and the version stays,
    /// when <paramref name="same"/> finds no difference.
    /// </summary>
    public static Task<TRow> ReplaceAsync<TRow>(
        Db db, TimeProvider time, Guid networkId, Guid id, int? ifMatch, Caller caller, (string What, string FindSql, string UpdateSql) table,
        Func<TRow, TRow> replacement, Func<TRow, TRow, bool> same, CancellationToken cancellationToken)
        where TRow : class, INetworkChildRow =>
        ChangeAsync<TRow>(db, time, networkId, id, ifMatch, caller, table, (_, _, _, current) =>
        {
            var row = replacement(current);
            return Task.FromResult(same(current, row) ? null : row);
        }, cancellationToken);
}
