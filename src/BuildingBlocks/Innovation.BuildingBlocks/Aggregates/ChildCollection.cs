using System.Data.Common;
using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Mediation;
using Innovation.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks.Aggregates;

/// <summary>A row of a child collection, as far as the shared plumbing needs it.</summary>
public interface IChildRow
{
    Guid Id { get; }

    /// <summary>When the child was added: a replacement keeps it.</summary>
    DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An endpoint's OpenAPI operation id, summary and description.</summary>
public sealed record ChildOperation(string Name, string Summary, string Description);

/// <summary>
/// Where a collection's endpoints live (<c>{parent}/{id}/{Segment}</c> and <c>…/{Segment}/{{IdName}}</c>) and how
/// each is described. A collection without <see cref="Replace"/> has no PUT: its children are removed and added again.
/// </summary>
public sealed record ChildRoutes(
    string Segment, string IdName, ChildOperation Add, ChildOperation List, ChildOperation Get, ChildOperation Remove,
    ChildOperation? Replace = null);

/// <summary>
/// What a collection's problems call a child: <paramref name="One"/> in the 404 of an id the parent does not have,
/// <paramref name="Many"/> in the 409 of one child too many, whose stable code is <see cref="TooManyCode"/>.
/// </summary>
public sealed record ChildNames(string One, string Many)
{
    public required string TooManyCode { get; init; }
}

/// <summary>
/// A collection's statements: <c>@ParentId</c> in each but the insert and the update, which take the row's own
/// properties; <c>@Id</c> for one child. <paramref name="Update"/> replaces every field; only a collection with
/// <see cref="ChildRoutes.Replace"/> has one. <see cref="ForTable"/> writes them for a collection of one table.
/// </summary>
public sealed record ChildSql(string List, string Find, string Count, string Insert, string Delete, string? Update = null)
{
    /// <summary>
    /// The statements of a collection kept in one <paramref name="table"/> whose rows name their parent in
    /// <paramref name="parentColumn"/>: every column (<c>id</c>, the parent's, then <paramref name="columns"/>, comma-separated) is
    /// read into and written from the row's property of the same name in PascalCase (<c>amount_granted</c>, <c>AmountGranted</c>);
    /// <paramref name="orderBy"/> orders the list. Only the <paramref name="update"/> of a collection that has one is the module's.
    /// </summary>
    public static ChildSql ForTable(string table, string parentColumn, string columns, string orderBy, string? update = null)
    {
        string[] all = ["id", parentColumn, .. columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        var select = string.Join(", ", all.Select(c => $"{c} AS {Property(c)}"));
        var (names, values) = (string.Join(", ", all), string.Join(", ", all.Select(c => "@" + Property(c))));
        var ofParent = $"SELECT {select} FROM {table} WHERE {parentColumn} = @ParentId";
        return new(
            ofParent + $" ORDER BY {orderBy}",
            ofParent + " AND id = @Id",
            $"SELECT COUNT(*) FROM {table} WHERE {parentColumn} = @ParentId",
            $"INSERT INTO {table} ({names}) VALUES ({values})",
            $"DELETE FROM {table} WHERE {parentColumn} = @ParentId AND id = @Id",
            update);
    }

    /// <summary>The row's property a column is read into: <c>is_top_up</c>, <c>IsTopUp</c>.</summary>
    private static string Property(string column) =>
        string.Concat(column.Split('_').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}

/// <summary>
/// A collection of children of an aggregate (a project's partners, funding lines, resources): the add, list, get,
/// replace and remove endpoints with their OpenAPI description, under the parent's rules
/// (<see cref="AggregateParent{TParent}"/>: 404 across académies, 403, If-Match, version bump, lock), plus a bound
/// on the collection's size (409). The module says what is specific to the collection: its routes, its SQL, its
/// rows and its limit. The collection is listed whole, never paged: the bound keeps the list small. Each add, replace
/// and remove is audited in its transaction (resource <c>{parent}.{Segment}</c>, the item before and after: ADR 0020).
/// </summary>
public abstract class ChildCollection<TParent, TDraft, TRow, TItem, TList>(AggregateParent<TParent> parent)
    where TDraft : notnull
    where TRow : class, IChildRow
    where TItem : notnull
    where TList : notnull
{
    protected abstract ChildRoutes Routes { get; }

    /// <summary>The most children a parent may have.</summary>
    protected abstract int MaxPerParent { get; }

    /// <summary>
    /// What the collection's problems call a child; a collection without names says its own <see cref="TooMany"/> and
    /// <see cref="NotFound"/>.
    /// </summary>
    protected virtual ChildNames? Names => null;

    /// <summary>The 409 for one child too many: <c>A project has at most 100 partners.</c> (the parent by its resource type).</summary>
    protected virtual ProblemException TooMany() =>
        ProblemException.Conflict(NamesOrThrow.TooManyCode, $"A {parent.ResourceType} has at most {MaxPerParent} {NamesOrThrow.Many}.");

    /// <summary>The 404 for a child id the parent does not have.</summary>
    protected virtual ProblemException NotFound(Guid id) => ProblemException.NotFound(NamesOrThrow.One, id.ToString());

    private ChildNames NamesOrThrow =>
        Names ?? throw new InvalidOperationException($"{GetType().Name} names its children (Names) or says its own problems.");

    /// <summary>
    /// The collection's statements: <see cref="ChildSql.ForTable"/>'s (the T-SQL source scan parses their templates) or const strings
    /// of the module (which the T-SQL tests find).
    /// </summary>
    protected abstract ChildSql Sql { get; }

    /// <summary>The row a draft makes, added or replaced at <paramref name="now"/>.</summary>
    protected abstract TRow ToRow(Guid parentId, Guid id, TDraft draft, DateTimeOffset now);

    protected abstract TItem ToItem(TRow row);

    protected abstract TList ToList(IEnumerable<TRow> rows);

    /// <summary>
    /// What the module checks or writes with a child in the change's transaction, before the child is written: a rule on the
    /// parent's state (throw its problem), an event. Nothing by default.
    /// </summary>
    protected virtual Task WritingAsync(DbConnection connection, DbTransaction transaction, TParent parent, TRow row, DateTimeOffset now) =>
        Task.CompletedTask;

    public Task<(TList List, int Version)> ListAsync(Db db, Guid parentId, Caller caller, CancellationToken cancellationToken) =>
        parent.ReadAsync(db, parentId, caller, async (c, p) =>
            ToList(await c.QueryAsync<TRow>(db.Sql(Sql.List), new { ParentId = parent.IdOf(p) })), cancellationToken);

    public Task<(TItem Item, int Version)> GetAsync(Db db, Guid parentId, Guid id, Caller caller, CancellationToken cancellationToken) =>
        parent.ReadAsync(db, parentId, caller, async (c, p) => ToItem(await FindAsync(c, null, parent.IdOf(p), id)), cancellationToken);

    public Task<(TRow Row, int Version)> AddAsync(
        Db db, TimeProvider time, Guid parentId, TDraft draft, Caller caller, int? ifMatch, CancellationToken cancellationToken) =>
        parent.ChangeAsync(db, time, parentId, caller, ifMatch, async (c, t, p) =>
        {
            if (await c.ExecuteScalarAsync<int>(Sql.Count, new { ParentId = parent.IdOf(p) }, t) >= MaxPerParent)
            {
                throw TooMany();
            }

            var now = time.GetUtcNow();
            var row = ToRow(parent.IdOf(p), SortableId.New(), draft, now);
            await WritingAsync(c, t, p, row, now);
            await c.ExecuteAsync(Sql.Insert, row, t);
            await parent.AuditAsync(c, t, p, caller, now, Routes.Segment, row.Id, "add", null, ToItem(row));
            return row;
        }, cancellationToken);

    public Task<(TRow Row, int Version)> ReplaceAsync(
        Db db, TimeProvider time, Guid parentId, Guid id, TDraft draft, Caller caller, int? ifMatch, CancellationToken cancellationToken) =>
        parent.ChangeAsync(db, time, parentId, caller, ifMatch, async (c, t, p) =>
        {
            var current = await FindAsync(c, t, parent.IdOf(p), id);
            var now = time.GetUtcNow();
            var row = ToRow(parent.IdOf(p), current.Id, draft, now);
            row.CreatedAt = current.CreatedAt;
            await WritingAsync(c, t, p, row, now);
            await c.ExecuteAsync(Sql.Update!, row, t);
            await parent.AuditAsync(c, t, p, caller, now, Routes.Segment, row.Id, "replace", ToItem(current), ToItem(row));
            return row;
        }, cancellationToken);

    public async Task<int> RemoveAsync(
        Db db, TimeProvider time, Guid parentId, Guid id, Caller caller, int? ifMatch, CancellationToken cancellationToken) =>
        (await parent.ChangeAsync(db, time, parentId, caller, ifMatch, async (c, t, p) =>
        {
            var current = await FindAsync(c, t, parent.IdOf(p), id);
            var removed = await c.ExecuteAsync(Sql.Delete, new { ParentId = parent.IdOf(p), current.Id }, t);
            await parent.AuditAsync(c, t, p, caller, time.GetUtcNow(), Routes.Segment, current.Id, "remove", ToItem(current), null);
            return removed;
        }, cancellationToken)).Version;

    private async Task<TRow> FindAsync(DbConnection connection, DbTransaction? transaction, Guid parentId, Guid id) =>
        await connection.QuerySingleOrDefaultAsync<TRow>(Sql.Find, new { ParentId = parentId, Id = id }, transaction) ?? throw NotFound(id);

    /// <summary>Maps the collection's endpoints on the parents' route group (whose routes are <c>/{id:guid}</c>…).</summary>
    public void Map(IEndpointRouteBuilder parents)
    {
        var routes = Routes;
        var collection = $"/{{id:guid}}/{routes.Segment}";
        var one = $"{collection}/{{{routes.IdName}:guid}}";
        var childId = new ChildIdParameter(routes.IdName);
        Guid ChildId(HttpContext http) => Guid.Parse((string)http.GetRouteValue(routes.IdName)!);

        Describe(parent.RequireEditor(parents.MapPost(collection, async (Guid id, TDraft body, HttpContext http, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                await ValidateAsync(http, body, ct);
                var (row, version) = await AddAsync(Db(http), Time(http), id, body, http.Caller(), ifMatch, ct);
                http.Response.Headers.ETag = ETags.For(version);
                var location = http.RequestServices.GetRequiredService<LinkGenerator>()
                    .GetPathByName(http, routes.Get.Name, new RouteValueDictionary { ["id"] = id, [routes.IdName] = row.Id });
                return TypedResults.Created(location, ToItem(row));
            })), routes.Add)
            .WithIdempotency()
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<TDraft>("application/json")
            .Produces<TItem>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        Describe(parent.RequireReader(parents.MapGet(collection, async (Guid id, HttpContext http, CancellationToken ct) =>
                Read(http, await ListAsync(Db(http), id, http.Caller(), ct)))), routes.List)
            .ReturnsETag()
            .Produces<TList>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        Describe(parent.RequireReader(parents.MapGet(one, async (Guid id, HttpContext http, CancellationToken ct) =>
                Read(http, await GetAsync(Db(http), id, ChildId(http), http.Caller(), ct)))), routes.Get)
            .WithMetadata(childId)
            .ReturnsETag()
            .Produces<TItem>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        if (routes.Replace is { } replace)
        {
            Describe(parent.RequireEditor(parents.MapPut(one, async (Guid id, TDraft body, HttpContext http, CancellationToken ct) =>
                {
                    var ifMatch = ETags.RequiredIfMatch(http.Request);
                    await ValidateAsync(http, body, ct);
                    var (row, version) = await ReplaceAsync(Db(http), Time(http), id, ChildId(http), body, http.Caller(), ifMatch, ct);
                    http.Response.Headers.ETag = ETags.For(version);
                    return TypedResults.Ok(ToItem(row));
                })), replace)
                .WithMetadata(childId)
                .RequiresIfMatch()
                .ReturnsETag()
                .Accepts<TDraft>("application/json")
                .Produces<TItem>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        }

        Describe(parent.RequireEditor(parents.MapDelete(one, async (Guid id, HttpContext http, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                http.Response.Headers.ETag = ETags.For(await RemoveAsync(Db(http), Time(http), id, ChildId(http), http.Caller(), ifMatch, ct));
                return TypedResults.NoContent();
            })), routes.Remove)
            .WithMetadata(childId)
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, ChildOperation operation) =>
        endpoint.WithName(operation.Name).WithSummary(operation.Summary).WithDescription(operation.Description);

    private static IResult Read<T>(HttpContext http, (T Value, int Version) read) => ETags.OkOrNotModified(http, read.Version, read.Value);

    /// <summary>The draft's validators, run by the one validation step (every failing field at once, 400).</summary>
    private static Task ValidateAsync(HttpContext http, TDraft draft, CancellationToken cancellationToken) =>
        new ValidationBehaviour<TDraft, bool>(http.RequestServices.GetServices<IValidator<TDraft>>())
            .Handle(draft, cancellationToken, () => Task.FromResult(true));

    private static Db Db(HttpContext http) => http.RequestServices.GetRequiredService<Db>();

    private static TimeProvider Time(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>();
}
