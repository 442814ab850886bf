using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.BuildingBlocks.Search;
using Innovation.Modules.Accompaniment.Contracts;

namespace Innovation.Modules.Accompaniment.Features.Resources;

/// <summary>A resource of the bank.</summary>
/// <param name="Id">The resource's id.</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Title" example="Conduire un projet innovant : le canevas pas à pas">Title.</param>
/// <param name="Description" example="Tutoriel vidéo de 12 minutes sur le canevas de projet et son diagramme de Gantt.">What it offers.</param>
/// <param name="Kind">audio, video, document, schema or siteWeb.</param>
/// <param name="Format">hybridTrainingModule, mooc, webinar, communityOfPractice, practicalSheet, video, tutorial or pedagogicalScenario.</param>
/// <param name="Themes">Theme codes, sorted.</param>
/// <param name="Audience">Who it is for, in the order given.</param>
/// <param name="GuideSections">The guide's sections it serves (`I 3.1` … `II 4.3`), in the guide's order.</param>
/// <param name="Link" example="https://www.reseau-canope.fr/canevas-projet">Its http(s) address (never fetched by the server).</param>
/// <param name="Language" example="fr">ISO 639 language code.</param>
/// <param name="Licence" example="CC BY-SA 4.0">Licence.</param>
/// <param name="Published">Whether the public portal serves it.</param>
/// <param name="CreatedAt">When it entered the bank.</param>
/// <param name="UpdatedAt">Its last change.</param>
/// <param name="PublishedAt">When it was last published.</param>
internal sealed record BankResource(
    Guid Id, string Academie, string Title, string Description, BankResourceKind Kind, BankResourceFormat Format, IReadOnlyList<string> Themes,
    IReadOnlyList<string> Audience, IReadOnlyList<string> GuideSections, string Link, string Language, string? Licence, bool Published,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

/// <summary>
/// The <c>accompaniment.resource</c> table with its themes, guide sections and search terms, written together; a write that
/// publishes the resource writes its <c>ResourcePublished</c> event too.
/// </summary>
internal static class ResourceTable
{
    internal const string ColumnsSql = """
        SELECT r.id AS Id, r.academie AS Academie, r.title AS Title, r.description AS Description, r.kind AS Kind, r.format AS Format,
               r.audience AS Audience, r.link AS Link, r.language AS Language, r.licence AS Licence, r.is_published AS IsPublished,
               r.version AS Version, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt, r.published_at AS PublishedAt
        """;

    internal const string SelectSql = ColumnsSql + "\nFROM accompaniment.resource r\n";

    internal const string FindSql = SelectSql + "WHERE r.id = @Id";

    internal const string FindByLinksSql = SelectSql + "WHERE r.academie = @Academie AND r.link IN @Links";

    internal const string LinkOwnerSql = "SELECT id FROM accompaniment.resource WHERE academie = @Academie AND link = @Link";

    internal const string InsertSql = """
        INSERT INTO accompaniment.resource (id, academie, title, description, kind, format, audience, link, language, licence, is_published,
                                            version, created_at, updated_at, published_at)
        VALUES (@Id, @Academie, @Title, @Description, @Kind, @Format, @Audience, @Link, @Language, @Licence, @IsPublished,
                @Version, @CreatedAt, @UpdatedAt, @PublishedAt)
        """;

    internal const string UpdateSql = """
        UPDATE accompaniment.resource
        SET title = @Title, description = @Description, kind = @Kind, format = @Format, audience = @Audience, link = @Link, language = @Language,
            licence = @Licence, is_published = @IsPublished, version = @Version, updated_at = @UpdatedAt, published_at = @PublishedAt
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string DeleteSql = "DELETE FROM accompaniment.resource WHERE id = @Id AND version = @Version";

    internal const string ThemesSql = "SELECT resource_id AS ResourceId, theme AS Value FROM accompaniment.resource_theme WHERE resource_id IN @Ids";

    internal const string SectionsSql = """
        SELECT resource_id AS ResourceId, section AS Value FROM accompaniment.resource_section WHERE resource_id IN @Ids
        """;

    internal const string DeleteThemesSql = "DELETE FROM accompaniment.resource_theme WHERE resource_id = @Id";

    internal const string DeleteSectionsSql = "DELETE FROM accompaniment.resource_section WHERE resource_id = @Id";

    internal const string InsertThemeSql = "INSERT INTO accompaniment.resource_theme (resource_id, theme) VALUES (@Id, @Value)";

    internal const string InsertSectionSql = "INSERT INTO accompaniment.resource_section (resource_id, section) VALUES (@Id, @Value)";

    internal const string DeleteTermsSql = "DELETE FROM accompaniment.resource_search_term WHERE resource_id = @Owner";

    internal const string InsertTermSql = """
        INSERT INTO accompaniment.resource_search_term (resource_id, term, weight) VALUES (@Owner, @Term, @Weight)
        """;

    private static readonly SearchTermTable Terms = new(DeleteTermsSql, InsertTermSql);

    /// <summary>A resource's type in the audit trail.</summary>
    internal const string ResourceType = "accompaniment.resource";

    /// <summary>A resource visible to <paramref name="caller"/>, or the 404 of a missing one (another académie's too).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection c, Guid id, Caller caller, DbTransaction? t = null) =>
        await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, t) is { } row && caller.Sees(row.Academie)
            ? row
            : throw ProblemException.NotFound("resource", id.ToString());

    /// <summary>
    /// Writes a new resource or a change of one (its version already set: 1 for a new one) with its themes, sections and search
    /// terms, its audit entry (<paramref name="before"/>: the resource before the change, null for a new one), and
    /// <c>ResourcePublished</c> when the write publishes it. A stale change is a 412.
    /// </summary>
    public static async Task SaveAsync(DbConnection c, DbTransaction t, Row row, Row? before, Caller caller, string action)
    {
        var wasPublished = before?.IsPublished ?? false;
        if (row.Version == 1)
        {
            await c.ExecuteAsync(InsertSql, row, t);
        }
        else if (await c.ExecuteAsync(UpdateSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }
        else
        {
            await DeleteListsAsync(c, t, row.Id);
        }

        await c.ExecuteAsync(InsertThemeSql, row.Themes.Select(v => new { row.Id, Value = v }), t);
        await c.ExecuteAsync(InsertSectionSql, row.Sections.Select(v => new { row.Id, Value = v }), t);
        await Terms.WriteAsync(c, t, row.Id, SearchTerms.Of(
            (row.Title, 2), (row.Description, 1), (string.Join(' ', row.Themes), 1), (row.Audience.Replace('\n', ' '), 1)));
        if (row.IsPublished && !wasPublished)
        {
            await Outbox.EnqueueAsync(c, t, AccompanimentModule.Schema, new ResourcePublished(
                row.Id, row.Academie, row.Kind, row.Format, row.Sections, row.Version), row.UpdatedAt);
        }

        await AccompanimentAudit.RecordAsync(c, t, caller, row.UpdatedAt, row.Academie, ResourceType, row.Id, null, action,
            before?.ToResource(), row.ToResource());
    }

    /// <summary>
    /// Saves the rows a batch of an import compared with the bank (<see cref="SaveAsync"/>, each with the row it replaces): false,
    /// and the rest left unwritten, when one changed since (its 412).
    /// </summary>
    public static async Task<bool> SaveManyAsync(DbConnection c, DbTransaction t, IEnumerable<(Row Row, Row? Before)> rows, Caller caller,
        string action)
    {
        foreach (var (row, before) in rows)
        {
            try
            {
                await SaveAsync(c, t, row, before, caller, action);
            }
            catch (ProblemException stale) when (stale.Status == StatusCodes.Status412PreconditionFailed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the resource with its lists and terms: a 412 when it changed meanwhile.</summary>
    public static async Task DeleteAsync(DbConnection c, DbTransaction t, Row row, Caller caller, DateTimeOffset now)
    {
        await AccompanimentAudit.RecordAsync(c, t, caller, now, row.Academie, ResourceType, row.Id, null, "delete", row.ToResource(), null);
        await DeleteListsAsync(c, t, row.Id);
        await c.ExecuteAsync(DeleteTermsSql, new { Owner = row.Id }, t);
        if (await c.ExecuteAsync(DeleteSql, row, t) == 0)
        {
            throw ETags.Stale(row.Version);
        }
    }

    /// <summary>The rows' themes and sections, read in two queries.</summary>
    public static async Task<List<BankResource>> LoadAsync(Db db, DbConnection c, IReadOnlyList<Row> rows, DbTransaction? t = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = new { Ids = db.Dialect.IdList(rows.Select(r => r.Id)) };
        var themes = (await c.QueryAsync<ListRow>(ThemesSql, ids, t)).ToLookup(x => x.ResourceId, x => x.Value);
        var sections = (await c.QueryAsync<ListRow>(SectionsSql, ids, t)).ToLookup(x => x.ResourceId, x => x.Value);
        foreach (var row in rows)
        {
            row.Themes = [.. themes[row.Id].Order(StringComparer.Ordinal)];
            row.Sections = [.. sections[row.Id]];
        }

        return [.. rows.Select(r => r.ToResource())];
    }

    private static async Task DeleteListsAsync(DbConnection c, DbTransaction t, Guid id)
    {
        await c.ExecuteAsync(DeleteThemesSql, new { Id = id }, t);
        await c.ExecuteAsync(DeleteSectionsSql, new { Id = id }, t);
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Format { get; set; } = "";

        /// <summary>The audience entries, one a line.</summary>
        public string Audience { get; set; } = "";

        public string Link { get; set; } = "";
        public string Language { get; set; } = "";
        public string? Licence { get; set; }
        public bool IsPublished { get; set; }
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? PublishedAt { get; set; }

        /// <summary>Not a column of the table: the relevance of a search's match (<see cref="ResourceFilters.ScoreSql"/>).</summary>
        public int Score { get; set; }

        /// <summary>Not a column: the themes, sorted.</summary>
        public IReadOnlyList<string> Themes { get; set; } = [];

        /// <summary>Not a column: the guide sections, in the guide's order.</summary>
        public IReadOnlyList<string> Sections { get; set; } = [];

        /// <summary>A new resource (version 1) of <paramref name="academie"/>, or <paramref name="current"/> changed by the draft.</summary>
        public static Row From(BankResourceDraft draft, string academie, DateTimeOffset now, Row? current = null)
        {
            var published = draft.Published ?? false;
            var sections = (draft.GuideSections ?? []).Select(GuideSections.Normalize).ToHashSet();
            return new Row
            {
                Id = current?.Id ?? SortableId.New(),
                Academie = academie,
                Title = draft.Title!.Trim(),
                Description = draft.Description!.Trim(),
                Kind = StableCode.Of(draft.Kind!.Value),
                Format = StableCode.Of(draft.Format!.Value),
                Audience = string.Join('\n', (draft.Audience ?? []).Select(a => a.Trim())),
                Link = draft.Link!.Trim(),
                Language = draft.Language!,
                Licence = string.IsNullOrWhiteSpace(draft.Licence) ? null : draft.Licence.Trim(),
                IsPublished = published,
                Version = (current?.Version ?? 0) + 1,
                CreatedAt = current?.CreatedAt ?? now,
                UpdatedAt = now,
                PublishedAt = !published ? null : current is { IsPublished: true } ? current.PublishedAt : now,
                Themes = [.. (draft.Themes ?? []).Select(t => t.Trim()).Order(StringComparer.Ordinal)],
                Sections = [.. GuideSections.All.Where(sections.Contains)],
            };
        }

        /// <summary>Whether <paramref name="other"/> (a change of this row) holds the same data: an import counts it unchanged.</summary>
        public bool SameDataAs(Row other) =>
            Title == other.Title && Description == other.Description && Kind == other.Kind && Format == other.Format
            && Audience == other.Audience && Link == other.Link && Language == other.Language && Licence == other.Licence
            && IsPublished == other.IsPublished && Themes.SequenceEqual(other.Themes) && Sections.SequenceEqual(other.Sections);

        public BankResource ToResource() => new(
            Id, Academie, Title, Description, StableCode.Parse<BankResourceKind>(Kind), StableCode.Parse<BankResourceFormat>(Format), Themes,
            Audience.Length == 0 ? [] : Audience.Split('\n'), Sections, Link, Language, Licence, IsPublished, CreatedAt, UpdatedAt, PublishedAt);
    }

    internal sealed class ListRow
    {
        public Guid ResourceId { get; set; }
        public string Value { get; set; } = "";
    }
}
