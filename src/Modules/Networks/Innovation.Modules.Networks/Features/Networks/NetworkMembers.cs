using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A member school of a network.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e70">The membership's id.</param>
/// <param name="Uai" example="0271234V">The school's UAI.</param>
/// <param name="From" example="2025-09-01">First day of the membership; null when unknown.</param>
/// <param name="To" example="2026-08-31">Last day of the membership; null while it lasts.</param>
/// <param name="Current">True when the membership covers the date asked (today by default).</param>
internal sealed record SchoolMember(Guid Id, string Uai, DateOnly? From, DateOnly? To, bool Current);

/// <summary>A member person of a network, by id (names are in the people directory).</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e71">The membership's id.</param>
/// <param name="PersonId" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e72">The person's id in the people directory.</param>
/// <param name="Role">The person's role in the network.</param>
/// <param name="Domain" example="culture">The referent's domain (culture, digital, e3d…); only for referents.</param>
/// <param name="From" example="2025-09-01">First day of the membership; null when unknown.</param>
/// <param name="To" example="2026-08-31">Last day of the membership; null while it lasts.</param>
/// <param name="Current">True when the membership covers the date asked (today by default).</param>
internal sealed record PersonMember(Guid Id, Guid PersonId, MemberRole Role, string? Domain, DateOnly? From, DateOnly? To, bool Current);

/// <summary>The members of a network.</summary>
/// <param name="Schools">Member schools, by UAI.</param>
/// <param name="People">Member people, by person id.</param>
internal sealed record Members(IReadOnlyList<SchoolMember> Schools, IReadOnlyList<PersonMember> People);

/// <summary>The membership tables and the rules every membership write (endpoint or import) obeys.</summary>
internal static class NetworkMembers
{
    internal const string InsertSchoolSql = """
        INSERT INTO networks.network_school (id, network_id, uai, kind, from_date, to_date)
        VALUES (@Id, @NetworkId, @Uai, @Kind, @FromDate, @ToDate)
        """;

    internal const string UpdateSchoolSql = "UPDATE networks.network_school SET from_date = @FromDate, to_date = @ToDate WHERE id = @Id";

    internal const string InsertPersonSql = """
        INSERT INTO networks.network_person (id, network_id, person_id, role, domain, from_date, to_date)
        VALUES (@Id, @NetworkId, @PersonId, @Role, @Domain, @FromDate, @ToDate)
        """;

    internal const string UpdatePersonSql = """
        UPDATE networks.network_person SET role = @Role, domain = @Domain, from_date = @FromDate, to_date = @ToDate WHERE id = @Id
        """;

    /// <summary>Memberships of the school in networks of the same kind whose period overlaps (bounds inclusive, null open).</summary>
    internal const string SchoolOverlapSql = """
        SELECT network_id FROM networks.network_school
        WHERE uai = CAST(@Uai AS VARCHAR(8000)) AND kind = @Kind AND id <> @Id
          AND (from_date IS NULL OR @ToDate IS NULL OR from_date <= @ToDate)
          AND (to_date IS NULL OR @FromDate IS NULL OR to_date >= @FromDate)
        """;

    internal const string PersonOverlapSql = """
        SELECT COUNT(*) FROM networks.network_person
        WHERE network_id = @NetworkId AND person_id = @PersonId AND id <> @Id
          AND (from_date IS NULL OR @ToDate IS NULL OR from_date <= @ToDate)
          AND (to_date IS NULL OR @FromDate IS NULL OR to_date >= @FromDate)
        """;

    /// <summary>
    /// A no-op write that locks the school's row until the transaction ends, so two transactions
    /// putting one school in two networks of a kind cannot both pass the overlap check (SQLite
    /// writers are serialised anyway; on SQL Server this is the row lock). The school's data and
    /// version do not change.
    /// </summary>
    internal const string LockSchoolSql =
        "UPDATE networks.school SET version = version WHERE uai = CAST(@Uai AS VARCHAR(8000)) AND academie = @Academie";

    internal const string FindSchoolSql = """
        SELECT id AS Id, network_id AS NetworkId, uai AS Uai, kind AS Kind, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_school WHERE id = @Id AND network_id = @NetworkId
        """;

    internal const string FindPersonSql = """
        SELECT id AS Id, network_id AS NetworkId, person_id AS PersonId, role AS Role, domain AS Domain, from_date AS FromDate, to_date AS ToDate
        FROM networks.network_person WHERE id = @Id AND network_id = @NetworkId
        """;

    /// <summary>Today as the ISO text membership periods are compared with (the UTC date).</summary>
    public static string Today(DateTimeOffset now) => Periods.Text(DateOnly.FromDateTime(now.UtcDateTime))!;

    /// <summary>The UAIs of the schools whose membership of the network covers <paramref name="day"/>.</summary>
    public static async Task<HashSet<string>> CurrentSchoolsAsync(
        DbConnection connection, Guid networkId, string day, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<NetworkTable.SchoolMemberRow>(NetworkTable.SchoolMembersSql, new { NetworkId = networkId }, transaction))
            .Where(m => Covers(m.FromDate, m.ToDate, day)).Select(m => m.Uai).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A membership write through an endpoint, in one transaction: the network must be visible to the caller (404
    /// otherwise); <paramref name="write"/> answers the member as of a day, and the membership's row before and after
    /// (the same when nothing changed). A change moves the network one version up, publishes its membership and is
    /// audited (<c>network.{part}</c>); the version answered is the network's (its ETag).
    /// </summary>
    public static Task<(TMember Member, int Version)> WriteAsync<TMember>(
        Db db, TimeProvider time, Guid networkId, Caller caller, string part,
        Func<DbConnection, DbTransaction, NetworkTable.Row, Task<(Func<string, TMember> Member, Membership Change)>> write,
        CancellationToken cancellationToken) =>
        db.WriteAsync(async (c, t) =>
        {
            var network = await NetworkTable.FindVisibleAsync(c, networkId, caller, t);
            var (member, change) = await write(c, t, network);
            var now = time.GetUtcNow();
            if (change.Changed)
            {
                await NetworkTable.MembershipChangedAsync(c, t, network, now);
                await NetworksAudit.RecordAsync(c, t, caller, now, network.Academie, $"network.{part}", change.Id.ToString(),
                    change.Before is null ? "add" : "replace", change.Before, change.After, network.Id);
            }

            return (member(Today(now)), network.Version);
        }, cancellationToken);

    /// <summary>
    /// A membership added through an endpoint (<see cref="WriteAsync"/>): the row <paramref name="row"/> makes for the network, once
    /// <paramref name="rule"/> finds it breaks no membership rule (it throws the problem), written by <paramref name="insertSql"/>.
    /// </summary>
    public static Task<(TMember Member, int Version)> AddAsync<TRow, TMember>(
        Db db, TimeProvider time, Guid networkId, Caller caller, string part, string insertSql, Func<NetworkTable.Row, TRow> row,
        Func<DbConnection, DbTransaction, NetworkTable.Row, TRow, Task> rule, Func<TRow, Func<string, TMember>> member,
        CancellationToken cancellationToken)
        where TRow : NetworkTable.IMemberRow =>
        WriteAsync(db, time, networkId, caller, part, async (c, t, network) =>
        {
            var added = row(network);
            await rule(c, t, network, added);
            await c.ExecuteAsync(insertSql, added, t);
            return (member(added), Membership.Added(added.Id, added));
        }, cancellationToken);

    /// <summary>
    /// A membership changed through an endpoint (<see cref="WriteAsync"/>): the one <paramref name="sql"/> finds in the network (404;
    /// If-Match on the network's version, 412) takes what <paramref name="change"/> sets, which says false when nothing differs (nothing
    /// is written); <paramref name="rule"/> refuses a change that breaks a membership rule (it throws the problem).
    /// </summary>
    public static Task<(TMember Member, int Version)> ChangeAsync<TRow, TMember>(
        Db db, TimeProvider time, Guid networkId, Guid membershipId, int? ifMatch, Caller caller, string part, (string Find, string Update) sql,
        Func<TRow, bool> change, Func<DbConnection, DbTransaction, NetworkTable.Row, TRow, Task> rule, Func<TRow, Func<string, TMember>> member,
        CancellationToken cancellationToken)
        where TRow : NetworkTable.IMemberRow =>
        WriteAsync(db, time, networkId, caller, part, async (c, t, network) =>
        {
            var row = await FindToChangeAsync<TRow>(c, t, sql.Find, network, membershipId, ifMatch);
            var before = AuditChanges.Snapshot(row);
            if (!change(row))
            {
                return (member(row), Membership.Unchanged(row.Id, row));
            }

            await rule(c, t, network, row);
            await c.ExecuteAsync(sql.Update, row, t);
            return (member(row), new Membership(row.Id, before, row, true));
        }, cancellationToken);

    /// <summary>
    /// An import's school membership, upserted on its key (network, school, from): unchanged when it ends on <paramref name="to"/>
    /// already, else added or its period replaced once <see cref="SchoolRuleAsync"/> passes. The write, or the broken rule's message.
    /// </summary>
    public static async Task<(Membership? Write, string? Problem)> UpsertSchoolAsync(
        DbConnection c, DbTransaction t, NetworkTable.Row network, string uai, string? from, string? to)
    {
        var existing = await c.QuerySingleOrDefaultAsync<NetworkTable.SchoolMemberRow>(NetworkTable.FindSchoolByKeySql,
            new { NetworkId = network.Id, Uai = uai, FromDate = from }, t);
        if (existing is not null && existing.ToDate == to)
        {
            return (Membership.Unchanged(existing.Id, existing), null);
        }

        var row = new NetworkTable.SchoolMemberRow
        {
            Id = existing?.Id ?? SortableId.New(), NetworkId = network.Id, Uai = uai, Kind = network.Kind, FromDate = from, ToDate = to,
        };
        if (await SchoolRuleAsync(c, t, network, row.Id, uai, from, to) is { } broken)
        {
            return (null, broken.Message);
        }

        await c.ExecuteAsync(existing is null ? InsertSchoolSql : UpdateSchoolSql, row, t);
        return (new Membership(row.Id, existing, row, true), null);
    }

    /// <summary>
    /// An import's person membership, upserted on its key (network, person, from): unchanged when it holds <paramref name="row"/>'s
    /// role, domain and end already, else added or replaced once the person is of the network's académie and no other membership
    /// overlaps. The write, or the broken rule's message.
    /// </summary>
    public static async Task<(Membership? Write, string? Problem)> UpsertPersonAsync(
        DbConnection c, DbTransaction t, NetworkTable.Row network, NetworkTable.PersonMemberRow row)
    {
        var existing = await c.QuerySingleOrDefaultAsync<NetworkTable.PersonMemberRow>(NetworkTable.FindPersonByKeySql,
            new { NetworkId = network.Id, row.PersonId, row.FromDate }, t);
        if (existing is not null && (existing.Role, existing.Domain, existing.ToDate) == (row.Role, row.Domain, row.ToDate))
        {
            return (Membership.Unchanged(existing.Id, existing), null);
        }

        (row.Id, row.NetworkId) = (existing?.Id ?? SortableId.New(), network.Id);
        var problem = await PersonDirectory.ProblemAsync(c, t, row.PersonId, network.Academie)
            ?? await PersonOverlapAsync(c, t, network.Id, row.Id, row.PersonId, row.FromDate, row.ToDate);
        if (problem is null)
        {
            await c.ExecuteAsync(existing is null ? InsertPersonSql : UpdatePersonSql, row, t);
        }

        return problem is null ? (new Membership(row.Id, existing, row, true), null) : (null, problem);
    }

    /// <summary>
    /// After an import's batch, what <see cref="WriteAsync"/> does after one change: each network whose membership changed moves one
    /// version up and publishes its membership once, and every change is audited (<c>network.{part}</c>, action <c>import</c>).
    /// </summary>
    public static async Task ImportedAsync(DbConnection c, DbTransaction t, Caller caller, DateTimeOffset now,
        IReadOnlyList<(NetworkTable.Row Network, string Part, Membership Write)> changes)
    {
        foreach (var network in changes.Select(m => m.Network).DistinctBy(n => n.Id))
        {
            await NetworkTable.MembershipChangedAsync(c, t, network, now);
        }

        await AuditTrail.RecordManyAsync(c, t, SchoolTable.Schema, changes.Select(m => new AuditEntry(
            now, caller.Id, m.Network.Academie, $"network.{m.Part}", m.Write.Id.ToString(), "import", m.Write.Before, m.Write.After)
        {
            ParentId = m.Network.Id.ToString(),
        }));
    }

    /// <summary>A membership's row before (null when added) and after a write; unchanged when both are the same row.</summary>
    internal sealed record Membership(Guid Id, object? Before, object After, bool Changed)
    {
        public static Membership Added(Guid id, object row) => new(id, null, row, true);

        public static Membership Unchanged(Guid id, object row) => new(id, row, row, false);
    }

    /// <summary>
    /// The membership <paramref name="findSql"/> finds in the network (404 otherwise), once If-Match matches the
    /// network's version (412).
    /// </summary>
    public static async Task<TRow> FindToChangeAsync<TRow>(
        DbConnection connection, DbTransaction transaction, string findSql, NetworkTable.Row network, Guid membershipId, int? ifMatch)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TRow>(findSql, new { Id = membershipId, NetworkId = network.Id }, transaction)
            ?? throw ProblemException.NotFound("membership", membershipId.ToString());
        return ifMatch is { } expected && expected != network.Version ? throw ETags.Stale(network.Version) : row;
    }

    /// <summary>True when [from, to] covers <paramref name="day"/> (ISO text; null bounds are open).</summary>
    public static bool Covers(string? from, string? to, string day) =>
        (from is null || string.CompareOrdinal(from, day) <= 0) && (to is null || string.CompareOrdinal(to, day) >= 0);

    public static SchoolMember ToMember(this NetworkTable.SchoolMemberRow row, string day) =>
        new(row.Id, row.Uai, Periods.Date(row.FromDate), Periods.Date(row.ToDate), Covers(row.FromDate, row.ToDate, day));

    public static PersonMember ToMember(this NetworkTable.PersonMemberRow row, string day) =>
        new(row.Id, row.PersonId, StableCode.Parse<MemberRole>(row.Role), row.Domain, Periods.Date(row.FromDate), Periods.Date(row.ToDate),
            Covers(row.FromDate, row.ToDate, day));

    /// <summary>The message when a period ends before it starts, or null.</summary>
    public static string? PeriodError(DateOnly? from, DateOnly? to) =>
        from is { } f && to is { } t && t < f ? $"The membership ends ({t:yyyy-MM-dd}) before it starts ({f:yyyy-MM-dd})." : null;

    /// <summary>The message when role and domain disagree, or null.</summary>
    public static string? DomainError(MemberRole role, string? domain) => role switch
    {
        MemberRole.Referent when string.IsNullOrWhiteSpace(domain) => "A referent needs a domain (culture, digital, e3d…).",
        not MemberRole.Referent when !string.IsNullOrWhiteSpace(domain) => "Only a referent has a domain.",
        _ when domain is { Length: > 40 } => "A domain is at most 40 characters.",
        _ => null,
    };

    /// <summary>A domain as stored: trimmed, camelCase-ish lower case code ("E3D" → "e3d").</summary>
    public static string? DomainCode(string? domain) => string.IsNullOrWhiteSpace(domain) ? null : TextKey.Of(domain.Trim());

    /// <summary>
    /// The school must be in the directory and in the network's académie (a school of another
    /// académie reads as unknown), and be in no other network of the same kind over an
    /// overlapping period, nor twice in this one. Returns the message, or null.
    /// </summary>
    public static async Task<(int Status, string Code, string Message)?> SchoolRuleAsync(
        DbConnection connection, DbTransaction transaction, NetworkTable.Row network, Guid membershipId, string uai, string? from, string? to)
    {
        if (await connection.ExecuteAsync(LockSchoolSql, new { Uai = uai, network.Academie }, transaction) == 0)
        {
            return (400, "validation_failed", $"No school {uai} in académie {network.Academie}: register it in the directory first.");
        }

        var others = (await connection.QueryAsync<Guid>(SchoolOverlapSql,
            new { Uai = uai, network.Kind, Id = membershipId, FromDate = from, ToDate = to }, transaction)).ToList();
        if (others.Contains(network.Id))
        {
            return (409, "already_member",
                $"School {uai} is already a member of this network over an overlapping period: change that membership instead.");
        }

        return others.Count > 0
            ? (409, "school_in_network_of_same_kind",
                $"School {uai} already belongs to network {others[0]}, of the same kind ({network.Kind}), over an overlapping period: end that " +
                    $"membership first.")
            : null;
    }

    public static async Task<string?> PersonOverlapAsync(
        DbConnection connection, DbTransaction? transaction, Guid networkId, Guid membershipId, Guid personId, string? from, string? to) =>
        await connection.ExecuteScalarAsync<int>(PersonOverlapSql,
            new { NetworkId = networkId, PersonId = personId, Id = membershipId, FromDate = from, ToDate = to }, transaction) > 0
            ? $"Person {personId} is already a member of this network over an overlapping period: change that membership instead."
            : null;

    public static Exception Problem((int Status, string Code, string Message) rule, string field) =>
        rule.Status == 400 ? RequestValidationException.For(field, rule.Message) : (Exception)ProblemException.Conflict(rule.Code, rule.Message);
}
