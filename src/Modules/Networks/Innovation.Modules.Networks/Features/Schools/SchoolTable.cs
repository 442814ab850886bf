using System.Data.Common;
using Innovation.Abstractions;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Features.Schools;

/// <summary>A school as the API returns it.</summary>
/// <param name="Uai" example="0951099D">National identifier.</param>
/// <param name="Name" example="Lycée Évariste Galois">Official name.</param>
/// <param name="Type">Kind of school.</param>
/// <param name="Sector">Public, or private under contract.</param>
/// <param name="Address" example="14 rue Jean Jaurès">Street address.</param>
/// <param name="Postcode" example="95500">Postcode.</param>
/// <param name="Commune" example="Gonesse">Commune.</param>
/// <param name="Departement" example="095">Département code (3 characters).</param>
/// <param name="Academie" example="25">Académie code.</param>
/// <param name="Circonscription" example="Gonesse">Circonscription or network.</param>
/// <param name="PriorityEducation">Priority-education status.</param>
/// <param name="Latitude" example="48.9866">WGS84 latitude.</param>
/// <param name="Longitude" example="2.4492">WGS84 longitude.</param>
/// <param name="Status">open or closed.</param>
internal sealed record School(
    string Uai, string Name, SchoolType Type, SchoolSector Sector, string? Address, string? Postcode, string? Commune,
    string Departement, string Academie, string? Circonscription, PriorityEducation PriorityEducation,
    double? Latitude, double? Longitude, SchoolStatus Status);

/// <summary>The <c>networks.school</c> table: its row shape, its SQL, and the events a change publishes.</summary>
internal static class SchoolTable
{
    public const string Schema = "networks";

    /// <summary>The columns of a school row, as <see cref="Row"/> reads them.</summary>
    internal const string SelectColumns = """
        SELECT uai AS Uai, name AS Name, type AS Type, sector AS Sector, address AS Address, postcode AS Postcode, commune AS Commune,
               departement AS Departement, academie AS Academie, circonscription AS Circonscription, priority_education AS PriorityEducation,
               latitude AS Latitude, longitude AS Longitude, status AS Status, version AS Version
        FROM networks.school

        """;

    internal const string FindSql = SelectColumns + "WHERE uai = CAST(@Uai AS VARCHAR(8000))";

    internal const string FindManySql = SelectColumns + "WHERE uai IN @Uais";

    internal const string InsertSql = """
        INSERT INTO networks.school (uai, name, type, sector, address, postcode, commune, departement, academie, circonscription,
                                     priority_education, latitude, longitude, status, search_text, version, created_at, updated_at)
        VALUES (@Uai, @Name, @Type, @Sector, @Address, @Postcode, @Commune, @Departement, @Academie, @Circonscription,
                @PriorityEducation, @Latitude, @Longitude, @Status, @SearchText, @Version, @Now, @Now)
        """;

    internal const string UpdateSql = """
        UPDATE networks.school
        SET name = @Name, type = @Type, sector = @Sector, address = @Address, postcode = @Postcode, commune = @Commune,
            departement = @Departement, academie = @Academie, circonscription = @Circonscription,
            priority_education = @PriorityEducation, latitude = @Latitude, longitude = @Longitude, status = @Status,
            search_text = @SearchText, version = @Version, updated_at = @Now
        WHERE uai = CAST(@Uai AS VARCHAR(8000)) AND version = @Version - 1
        """;

    /// <summary>A row of networks.school (codes as stored).</summary>
    internal sealed class Row
    {
        private string _name = "";
        private string? _commune;
        private string? _searchText;

        public string Uai { get; set; } = "";

        public string Name
        {
            get => _name;
            set => (_name, _searchText) = (value, null);
        }

        public string Type { get; set; } = "";
        public string Sector { get; set; } = "";
        public string? Address { get; set; }
        public string? Postcode { get; set; }

        public string? Commune
        {
            get => _commune;
            set => (_commune, _searchText) = (value, null);
        }

        public string Departement { get; set; } = "";
        public string Academie { get; set; } = "";
        public string? Circonscription { get; set; }
        public string PriorityEducation { get; set; } = "";
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }

        /// <summary>Computed once: an import computes it while checking the row, before the batch is written.</summary>
        public string SearchText => _searchText ??= TextKey.Of($"{Name} {Commune}");

        public School ToSchool() => new(
            Uai, Name, StableCode.Parse<SchoolType>(Type), StableCode.Parse<SchoolSector>(Sector), Address, Postcode, Commune,
            Departement, Academie, Circonscription, StableCode.Parse<PriorityEducation>(PriorityEducation), Latitude, Longitude,
            StableCode.Parse<SchoolStatus>(Status));

        /// <summary>
        /// The audit changes of this row imported as a new school: each field as <see cref="ToSchool"/> shows it, written
        /// directly (<see cref="AuditChanges.Created"/>).
        /// </summary>
        public string? CreatedChanges() => AuditChanges.Created([
            ("uai", Uai), ("name", Name), ("type", Type), ("sector", Sector), ("address", Address), ("postcode", Postcode),
            ("commune", Commune), ("departement", Departement), ("academie", Academie), ("circonscription", Circonscription),
            ("priorityEducation", PriorityEducation), ("latitude", Latitude), ("longitude", Longitude), ("status", Status),
        ]);

        public SchoolSnapshot ToSnapshot() => new(
            Uai, Name, Type, Sector, Commune, Postcode, Departement, Academie, PriorityEducation, Latitude, Longitude, Status, Version);

        /// <summary>True when the two rows hold the same data (the version aside).</summary>
        public bool SameDataAs(Row other) =>
            (Name, Type, Sector, Address, Postcode, Commune, Departement, Academie, Circonscription, PriorityEducation, Latitude, Longitude, Status)
            == (other.Name, other.Type, other.Sector, other.Address, other.Postcode, other.Commune, other.Departement, other.Academie,
                other.Circonscription, other.PriorityEducation, other.Latitude, other.Longitude, other.Status);

        /// <summary>The row a validated draft describes (département and académie resolved to codes).</summary>
        public static Row From(SchoolDraft draft, Territory.Snapshot territory)
        {
            var departement = territory.FindDepartement(draft.Departement)!;
            return new Row
            {
                Uai = Domain.Uai.Normalize(draft.Uai, out _)!,
                Name = draft.Name!.Trim(),
                Type = StableCode.Of(draft.Type!.Value),
                Sector = StableCode.Of(draft.Sector!.Value),
                Address = Blank(draft.Address),
                Postcode = Blank(draft.Postcode),
                Commune = Blank(draft.Commune),
                Departement = departement.Code,
                Academie = departement.Academie,
                Circonscription = Blank(draft.Circonscription),
                PriorityEducation = StableCode.Of(draft.PriorityEducation ?? Domain.PriorityEducation.None),
                Latitude = draft.Latitude,
                Longitude = draft.Longitude,
                Status = StableCode.Of(draft.Status ?? SchoolStatus.Open),
            };
        }

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public static Task<Row?> FindAsync(DbConnection connection, string uai, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Uai = uai }, transaction);

    /// <summary>Inserts a new school (version 1) and publishes SchoolRegistered.</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Row row, DateTimeOffset now)
    {
        row.Version = 1;
        await connection.ExecuteAsync(InsertSql, Parameters(row, now), transaction);
        await Outbox.EnqueueAsync(connection, transaction, Schema, new SchoolRegistered(row.ToSnapshot()), now);
    }

    /// <summary>
    /// Replaces the data of <paramref name="current"/> with <paramref name="row"/> (one version up)
    /// and publishes SchoolClosed when it closes, else SchoolUpdated. False when the version moved.
    /// </summary>
    public static async Task<bool> UpdateAsync(DbConnection connection, DbTransaction transaction, Row current, Row row, DateTimeOffset now)
    {
        row.Version = current.Version + 1;
        if (await connection.ExecuteAsync(UpdateSql, Parameters(row, now), transaction) == 0)
        {
            return false;
        }

        await Outbox.EnqueueAsync(connection, transaction, Schema, Change(current, row), now);
        return true;
    }

    /// <summary>
    /// Inserts new schools (version 1) and publishes SchoolRegistered for each (bulk imports), with the
    /// event each row's <see cref="Registered"/> prepared; each row is audited as imported by <paramref name="actor"/>,
    /// with the changes its <see cref="Row.CreatedChanges"/> prepared.
    /// </summary>
    public static async Task InsertManyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(Row Row, OutboxPayload Registered, string? Changes)> rows,
        string actor, DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var (row, _, _) in rows)
        {
            row.Version = 1;
        }

        await BulkInsert.ExecuteAsync(connection, transaction, rows.Select(r => new Stamped(r.Row, now)));
        await Outbox.EnqueueManyAsync(connection, transaction, Schema, rows.Select(r => r.Registered), now);
        await AuditTrail.RecordManyAsync(connection, transaction, Schema,
            rows.Select(r => new AuditEntry(now, actor, r.Row.Academie, "school", r.Row.Uai, "import", null, null) { Changes = r.Changes }));
    }

    /// <summary>The SchoolRegistered event of <paramref name="row"/> once inserted (version 1), serialized for the outbox.</summary>
    public static OutboxPayload Registered(Row row) =>
        Outbox.Prepare(new SchoolRegistered(row.ToSnapshot() with { Version = 1 }), SchoolEventJson.Default.SchoolRegistered);

    /// <summary>The rows of <paramref name="uais"/> that exist (see <see cref="KeyLookup"/>).</summary>
    public static Task<List<Row>> FindManyAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> uais) =>
        KeyLookup.FindManyAsync<Row>(connection, transaction, FindSql, "Uai", FindManySql, "Uais", uais);

    /// <summary>
    /// Replaces the data of many schools (each one version up) and publishes SchoolClosed or
    /// SchoolUpdated for each, as <see cref="UpdateAsync"/> does. False when any version moved.
    /// </summary>
    public static async Task<bool> UpdateManyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(Row Current, Row Row)> changes, string actor, DateTimeOffset now)
    {
        if (changes.Count == 0)
        {
            return true;
        }

        foreach (var (current, row) in changes)
        {
            row.Version = current.Version + 1;
        }

        if (await BulkUpdate.ExecuteAsync(connection, transaction, changes.Select(c => new Stamped(c.Row, now))) != changes.Count)
        {
            return false;
        }

        await Outbox.EnqueueManyAsync(connection, transaction, Schema, changes.Select(c => Change(c.Current, c.Row)), now);
        await AuditTrail.RecordManyAsync(connection, transaction, Schema, changes.Select(c => Imported(actor, now, c.Current, c.Row)));
        return true;
    }

    private static AuditEntry Imported(string actor, DateTimeOffset now, Row current, Row row) =>
        new(now, actor, row.Academie, "school", row.Uai, "import", current.ToSchool(), row.ToSchool());

    private static IIntegrationEvent Change(Row current, Row row) =>
        row.Status == "closed" && current.Status != "closed" ? new SchoolClosed(row.ToSnapshot()) : new SchoolUpdated(row.ToSnapshot());

    internal static object Parameters(Row row, DateTimeOffset now) => new
    {
        row.Uai, row.Name, row.Type, row.Sector, row.Address, row.Postcode, row.Commune, row.Departement, row.Academie,
        row.Circonscription, row.PriorityEducation, row.Latitude, row.Longitude, row.Status, row.SearchText, row.Version, Now = now,
    };

    /// <summary>A row and the instant a bulk write stamps it with.</summary>
    internal readonly record struct Stamped(Row Row, DateTimeOffset Now);

    // The parameters of InsertSql and UpdateSql, as Parameters names them.
    private static readonly (string, Func<Stamped, DbValue>)[] BulkParameters =
    [
        ("Uai", s => s.Row.Uai), ("Name", s => s.Row.Name), ("Type", s => s.Row.Type), ("Sector", s => s.Row.Sector),
        ("Address", s => s.Row.Address), ("Postcode", s => s.Row.Postcode), ("Commune", s => s.Row.Commune),
        ("Departement", s => s.Row.Departement), ("Academie", s => s.Row.Academie), ("Circonscription", s => s.Row.Circonscription),
        ("PriorityEducation", s => s.Row.PriorityEducation), ("Latitude", s => s.Row.Latitude), ("Longitude", s => s.Row.Longitude),
        ("Status", s => s.Row.Status), ("SearchText", s => s.Row.SearchText), ("Version", s => s.Row.Version), ("Now", s => s.Now),
    ];

    internal static readonly BulkStatement<Stamped> BulkInsert = new(InsertSql, BulkParameters);

    internal static readonly BulkStatement<Stamped> BulkUpdate = new(UpdateSql, BulkParameters);
}

/// <summary>Answers the directory's public query <see cref="FindSchools"/> for other modules, next to the data, with the events' snapshot.</summary>
internal sealed class FindSchoolsHandler(Db db) : IRequestHandler<FindSchools, IReadOnlyList<SchoolSnapshot>>
{
    public async Task<IReadOnlyList<SchoolSnapshot>> Handle(FindSchools request, CancellationToken cancellationToken) =>
        request.Uais.Count == 0
            ? []
            : [.. (await db.ReadAsync(c => SchoolTable.FindManyAsync(c, null, [.. request.Uais.Distinct()]), cancellationToken))
                .Select(r => r.ToSnapshot())];
}
