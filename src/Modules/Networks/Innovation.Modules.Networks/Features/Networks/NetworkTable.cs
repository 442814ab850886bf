using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A network as the API returns it.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e6f">The network's id.</param>
/// <param name="Kind">Kind of network.</param>
/// <param name="Name" example="Groupe de mutualisation de l'Eure">Name.</param>
/// <param name="Academie" example="70">Académie code.</param>
/// <param name="Departement" example="027">Département code, when the network belongs to one.</param>
/// <param name="Description" example="Enseignants innovants du département qui mutualisent leurs pratiques.">What the network is for.</param>
/// <param name="ActiveYears">School years in which the network is active (e.g. 2025-2026), in order.</param>
internal sealed record Network(
    Guid Id, NetworkKind Kind, string Name, string Academie, string? Departement, string? Description, IReadOnlyList<string> ActiveYears);

/// <summary>The <c>networks.network</c> table and its member tables: rows, SQL, and the events a change publishes.</summary>
internal static class NetworkTable
{
    internal const string SelectColumns = """
        SELECT id AS Id, academie AS Academie, departement AS Departement, kind AS Kind, name AS Name, description AS Description,
               active_years AS ActiveYears, version AS Version
        FROM networks.network

        """;

    internal const string FindSql = SelectColumns + "WHERE id = @Id";

    internal const string InsertSql = """
        INSERT INTO networks.network (id, academie, departement, kind, name, description, active_years, search_text, version, created_at, updated_at)
        VALUES (@Id, @Academie, @Departement, @Kind, @Name, @Description, @ActiveYears, @SearchText, @Version, @Now, @Now)
        """;

    internal const string UpdateSql = """
        UPDATE networks.network
        SET departement = @Departement, name = @Name, description = @Description, active_years = @ActiveYears,
            search_text = @SearchText, version = @Version, updated_at = @Now
        WHERE id = @Id AND version = @Version - 1
        """;

    internal const string BumpSql = "UPDATE networks.network SET version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version";

    internal const string SchoolMembersSql = """
        SELECT id AS Id, network_id AS NetworkId, uai AS Uai, kind AS Kind, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_school WHERE network_id = @NetworkId ORDER BY uai, from_date, id
        """;

    internal const string PersonMembersSql = """
        SELECT id AS Id, network_id AS NetworkId, person_id AS PersonId, role AS Role, domain AS Domain, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_person WHERE network_id = @NetworkId ORDER BY person_id, from_date, id
        """;

    // The import's upsert key: network, member and from.
    internal const string FindSchoolByKeySql = """
        SELECT id AS Id, network_id AS NetworkId, uai AS Uai, kind AS Kind, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_school
        WHERE network_id = @NetworkId AND uai = CAST(@Uai AS VARCHAR(8000)) AND ((from_date IS NULL AND @FromDate IS NULL) OR from_date = @FromDate)
        """;

    internal const string FindPersonByKeySql = """
        SELECT id AS Id, network_id AS NetworkId, person_id AS PersonId, role AS Role, domain AS Domain, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_person
        WHERE network_id = @NetworkId AND person_id = @PersonId AND ((from_date IS NULL AND @FromDate IS NULL) OR from_date = @FromDate)
        """;

    /// <summary>A row of networks.network (codes as stored; years comma-separated).</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
        public string? Departement { get; set; }
        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string ActiveYears { get; set; } = "";
        public int Version { get; set; }

        public string SearchText => TextKey.Of($"{Name} {Description}");

        public Network ToNetwork() => new(
            Id, StableCode.Parse<NetworkKind>(Kind), Name, Academie, Departement, Description,
            ActiveYears.Length == 0 ? [] : ActiveYears.Split(','));

        public NetworkSnapshot ToSnapshot() => new(Id, Kind, Name, Academie, Departement, Version);

        public bool SameDataAs(Row other) =>
            (Departement, Name, Description, ActiveYears) == (other.Departement, other.Name, other.Description, other.ActiveYears);
    }

    /// <summary>A school's membership of a network (dates as ISO text).</summary>
    internal sealed class SchoolMemberRow : IMemberRow
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string Uai { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? FromDate { get; set; }
        public string? ToDate { get; set; }
    }

    /// <summary>A membership's row, as the shared membership writes know it.</summary>
    internal interface IMemberRow
    {
        Guid Id { get; }
    }

    /// <summary>A person's membership of a network, by id only.</summary>
    internal sealed class PersonMemberRow : IMemberRow
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public Guid PersonId { get; set; }
        public string Role { get; set; } = "";
        public string? Domain { get; set; }
        public string? FromDate { get; set; }
        public string? ToDate { get; set; }
    }

    public static Task<Row?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction);

    /// <summary>The network, or the 404 a caller of another académie gets too (nothing leaks).</summary>
    public static async Task<Row> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction = null)
    {
        var row = await FindAsync(connection, id, transaction);
        return row is not null && caller.Sees(row.Academie) ? row : throw ProblemException.NotFound("network", id.ToString());
    }

    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Row row, DateTimeOffset now)
    {
        row.Version = 1;
        await connection.ExecuteAsync(InsertSql, Parameters(row, now), transaction);
        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema, new NetworkCreated(row.ToSnapshot()), now);
    }

    public static async Task<bool> UpdateAsync(DbConnection connection, DbTransaction transaction, Row current, Row row, DateTimeOffset now)
    {
        row.Version = current.Version + 1;
        if (await connection.ExecuteAsync(UpdateSql, Parameters(row, now), transaction) == 0)
        {
            return false;
        }

        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema, new NetworkUpdated(row.ToSnapshot()), now);
        return true;
    }

    /// <summary>
    /// After a membership write in the same transaction: the network goes one version up and
    /// NetworkMembershipChanged carries the whole membership. A concurrent change is a 412.
    /// </summary>
    public static async Task MembershipChangedAsync(DbConnection connection, DbTransaction transaction, Row network, DateTimeOffset now)
    {
        if (await connection.ExecuteAsync(BumpSql, new { network.Id, network.Version, Now = now }, transaction) == 0)
        {
            throw ETags.Stale(network.Version);
        }

        network.Version++;
        var schools = await connection.QueryAsync<SchoolMemberRow>(SchoolMembersSql, new { NetworkId = network.Id }, transaction);
        var people = await connection.QueryAsync<PersonMemberRow>(PersonMembersSql, new { NetworkId = network.Id }, transaction);
        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema, new NetworkMembershipChanged(
            network.Id, network.Academie,
            schools.Select(s => new NetworkSchoolMember(s.Uai, Periods.Date(s.FromDate), Periods.Date(s.ToDate))).ToList(),
            people.Select(p => new NetworkPersonMember(p.PersonId, p.Role, p.Domain, Periods.Date(p.FromDate), Periods.Date(p.ToDate))).ToList(),
            network.Version), now);
    }

    private static object Parameters(Row row, DateTimeOffset now) => new
    {
        row.Id, row.Academie, row.Departement, row.Kind, row.Name, row.Description, row.ActiveYears, row.SearchText, row.Version, Now = now,
    };
}

/// <summary>The people directory (same module, <c>networks.person</c>): who exists, and in which académie.</summary>
internal static class PersonDirectory
{
    internal const string AcademieSql = "SELECT academie FROM networks.person WHERE id = @Id AND erased_at IS NULL";

    /// <summary>A 400 on <paramref name="field"/> unless the person exists (not erased) in <paramref name="academie"/>.</summary>
    public static async Task RequireAsync(DbConnection connection, DbTransaction? transaction, Guid personId, string academie, string field)
    {
        if (await ProblemAsync(connection, transaction, personId, academie) is { } problem)
        {
            throw RequestValidationException.For(field, problem);
        }
    }

    /// <summary>Why the person is not one of <paramref name="academie"/> (unknown, erased, or of another académie), or null.</summary>
    public static async Task<string?> ProblemAsync(DbConnection connection, DbTransaction? transaction, Guid personId, string academie) =>
        await connection.QuerySingleOrDefaultAsync<string>(AcademieSql, new { Id = personId }, transaction) == academie
            ? null
            // Worded the same whether the person is unknown or of another académie.
            : $"No person {personId} in académie {academie}: register them with POST /api/v1/people first.";
}
