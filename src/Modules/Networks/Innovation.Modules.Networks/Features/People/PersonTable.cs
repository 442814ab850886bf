using System.Data.Common;
using Innovation.Abstractions;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.People;

/// <summary>
/// A person as the API returns them. After erasure only the id, the académie and the audit
/// timestamps remain: names, e-mail, school and functions are gone.
/// </summary>
/// <param name="Id" example="0193a5f2-7c1e-7d3a-9b0e-4f2c1a7e5d10">The person's id (stable, also after erasure).</param>
/// <param name="FirstName" example="Camille">First name; null once erased.</param>
/// <param name="LastName" example="Lefèvre">Last name; null once erased.</param>
/// <param name="Email" example="camille.lefevre@ac-normandie.fr">Professional e-mail; null once erased.</param>
/// <param name="Academie" example="70">Académie code.</param>
/// <param name="SchoolUai" example="0271234V">The person's school, if any.</param>
/// <param name="Functions">The person's functions (empty once erased).</param>
/// <param name="CreatedAt">When the person entered the directory.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
/// <param name="ErasedAt">When the person's data was erased (right to erasure); null otherwise.</param>
internal sealed record Person(
    Guid Id, string? FirstName, string? LastName, string? Email, string Academie, string? SchoolUai,
    IReadOnlyList<PersonFunction> Functions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ErasedAt);

/// <summary>The <c>networks.person</c> table: its row shape, its SQL, and the events a change publishes.</summary>
internal static class PersonTable
{
    internal const string SelectColumns = """
        SELECT id AS Id, first_name AS FirstName, last_name AS LastName, email AS Email, email_normalized AS EmailNormalized,
               academie AS Academie, school_uai AS SchoolUai, functions AS Functions, version AS Version,
               created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt, updated_by AS UpdatedBy,
               erased_at AS ErasedAt, erased_by AS ErasedBy
        FROM networks.person

        """;

    internal const string FindSql = SelectColumns + "WHERE id = @Id";

    internal const string FindByEmailSql = SelectColumns + "WHERE academie = @Academie AND email_normalized = @EmailNormalized";

    internal const string FindManyByEmailSql = SelectColumns + "WHERE email_normalized IN @Emails";

    internal const string InsertSql = """
        INSERT INTO networks.person (id, first_name, last_name, email, email_normalized, academie, school_uai, functions, search_text,
                                     version, created_at, created_by, updated_at, updated_by)
        VALUES (@Id, @FirstName, @LastName, @Email, @EmailNormalized, @Academie, @SchoolUai, @Functions, @SearchText,
                @Version, @Now, @By, @Now, @By)
        """;

    internal const string UpdateSql = """
        UPDATE networks.person
        SET first_name = @FirstName, last_name = @LastName, email = @Email, email_normalized = @EmailNormalized,
            school_uai = @SchoolUai, functions = @Functions, search_text = @SearchText,
            version = @Version, updated_at = @Now, updated_by = @By
        WHERE id = @Id AND version = @Version - 1 AND erased_at IS NULL
        """;

    internal const string EraseSql = """
        UPDATE networks.person
        SET first_name = NULL, last_name = NULL, email = NULL, email_normalized = NULL, school_uai = NULL, functions = '',
            search_text = '', version = version + 1, updated_at = @Now, updated_by = @By, erased_at = @Now, erased_by = @By
        WHERE id = @Id AND erased_at IS NULL
        """;

    /// <summary>A row of networks.person (functions in their stored <c>|code|</c> form).</summary>
    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? EmailNormalized { get; set; }
        public string Academie { get; set; } = "";
        public string? SchoolUai { get; set; }
        public string Functions { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public string CreatedBy { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }
        public string UpdatedBy { get; set; } = "";
        public DateTimeOffset? ErasedAt { get; set; }
        public string? ErasedBy { get; set; }

        public bool IsErased => ErasedAt is not null;

        public string SearchText => TextKey.Of($"{FirstName} {LastName}");

        public Person ToPerson() => new(
            Id, FirstName, LastName, Email, Academie, SchoolUai, PersonFunctions.Parse(Functions), CreatedAt, UpdatedAt, ErasedAt);

        /// <summary>True when the two rows hold the same data (version and audit aside).</summary>
        public bool SameDataAs(Row other) =>
            (FirstName, LastName, Email, Academie, SchoolUai, Functions) == (other.FirstName, other.LastName, other.Email, other.Academie,
                other.SchoolUai, other.Functions);

        /// <summary>
        /// The row a validated draft describes. The académie is the draft's, else the caller's, else
        /// the school's (<paramref name="schoolAcademie"/>); null when none says.
        /// </summary>
        public static Row? From(PersonDraft draft, Territory.Snapshot territory, Caller caller, Func<string, string?> schoolAcademie)
        {
            var uai = string.IsNullOrWhiteSpace(draft.SchoolUai) ? null : Uai.Normalize(draft.SchoolUai, out _);
            var academie = territory.FindAcademie(draft.Academie)?.Code ?? caller.Academie ?? (uai is null ? null : schoolAcademie(uai));
            if (academie is null)
            {
                return null;
            }

            var email = draft.Email!.Trim();
            return new Row
            {
                Id = SortableId.New(),
                FirstName = draft.FirstName!.Trim(),
                LastName = draft.LastName!.Trim(),
                Email = email,
                EmailNormalized = NormalizeEmail(email),
                Academie = academie,
                SchoolUai = uai,
                Functions = PersonFunctions.Store(draft.Functions!),
            };
        }
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static Task<Row?> FindAsync(DbConnection connection, Guid id, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = id }, transaction);

    public static Task<Row?> FindByEmailAsync(DbConnection connection, string academie, string emailNormalized, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefaultAsync<Row>(FindByEmailSql, new { Academie = academie, EmailNormalized = emailNormalized }, transaction);

    /// <summary>The people of every académie whose normalised e-mail is one of <paramref name="emails"/>, by (académie, e-mail).</summary>
    public static async Task<Dictionary<(string Academie, string Email), Row>> FindManyByEmailAsync(
        DbConnection connection, DbTransaction? transaction, IEnumerable<string> emails)
    {
        var distinct = emails.Distinct().ToList();
        return distinct.Count == 0
            ? []
            : (await connection.QueryAsync<Row>(FindManyByEmailSql, new { Emails = distinct }, transaction))
                .ToDictionary(r => (r.Academie, r.EmailNormalized!));
    }

    /// <summary>
    /// The school rule: when <paramref name="row"/> names a school, it is in the directory and in the
    /// person's académie. A school of another académie is reported exactly as an unknown one.
    /// </summary>
    public static async Task<string?> SchoolProblemAsync(DbConnection connection, Row row, DbTransaction? transaction = null)
    {
        if (row.SchoolUai is null)
        {
            return null;
        }

        var school = await SchoolTable.FindAsync(connection, row.SchoolUai, transaction);
        return school is not null && school.Academie == row.Academie ? null : UnknownSchool(row.SchoolUai, row.Academie);
    }

    public static string UnknownSchool(string uai, string academie) =>
        $"No school {uai} in the directory of académie {academie}: register it first (POST /api/v1/schools), or check the UAI.";

    public static ProblemException EmailTaken(string academie) =>
        ProblemException.Conflict("person_email_exists",
            $"Another person of académie {academie} already has this e-mail: find them with GET /api/v1/people?email=….");

    /// <summary>Inserts a new person (version 1) and publishes PersonRegistered.</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Row row, Caller caller, DateTimeOffset now)
    {
        Stamp(row, caller, now);
        row.Version = 1;
        row.CreatedAt = now;
        row.CreatedBy = caller.Id;
        await connection.ExecuteAsync(InsertSql, Parameters(row, caller, now), transaction);
        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema, Registered(row), now);
        await AuditTrail.RecordAsync(connection, transaction, SchoolTable.Schema,
            NetworksAudit.Person(caller, now, row.Academie, row.Id, "create", null, row.ToPerson()));
    }

    /// <summary>Inserts new people and publishes PersonRegistered for each (bulk imports).</summary>
    public static async Task InsertManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Row> rows, Caller caller,
        DateTimeOffset now)
    {
        if (rows.Count == 0)
        {
            return;
        }

        foreach (var row in rows)
        {
            Stamp(row, caller, now);
            row.Version = 1;
            row.CreatedAt = now;
            row.CreatedBy = caller.Id;
        }

        await BulkInsert.ExecuteAsync(connection, transaction, rows.Select(r => new Stamped(r, caller.Id, now)));
        await Outbox.EnqueueManyAsync(connection, transaction, SchoolTable.Schema, rows.Select(r => (IIntegrationEvent)Registered(r)), now);
        await AuditTrail.RecordManyAsync(connection, transaction, SchoolTable.Schema,
            rows.Select(r => NetworksAudit.Person(caller, now, r.Academie, r.Id, "import", null, r.ToPerson())));
    }

    /// <summary>
    /// Replaces the data of <paramref name="current"/> with <paramref name="row"/> (one version up,
    /// same id) and publishes PersonUpdated. False when the version moved or the person was erased.
    /// </summary>
    public static async Task<bool> UpdateAsync(DbConnection connection, DbTransaction transaction, Row current, Row row, Caller caller,
        DateTimeOffset now)
    {
        Carry(current, row, caller, now);
        if (await connection.ExecuteAsync(UpdateSql, Parameters(row, caller, now), transaction) == 0)
        {
            return false;
        }

        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema, Updated(row), now);
        await AuditTrail.RecordAsync(connection, transaction, SchoolTable.Schema,
            NetworksAudit.Person(caller, now, row.Academie, row.Id, "update", current.ToPerson(), row.ToPerson()));
        return true;
    }

    /// <summary>Replaces the data of many people, as <see cref="UpdateAsync"/> does. False when any version moved.</summary>
    public static async Task<bool> UpdateManyAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(Row Current, Row Row)> changes, Caller caller, DateTimeOffset now)
    {
        if (changes.Count == 0)
        {
            return true;
        }

        foreach (var (current, row) in changes)
        {
            Carry(current, row, caller, now);
        }

        if (await BulkUpdate.ExecuteAsync(connection, transaction, changes.Select(c => new Stamped(c.Row, caller.Id, now))) != changes.Count)
        {
            return false;
        }

        await Outbox.EnqueueManyAsync(connection, transaction, SchoolTable.Schema, changes.Select(c => (IIntegrationEvent)Updated(c.Row)), now);
        await AuditTrail.RecordManyAsync(connection, transaction, SchoolTable.Schema,
            changes.Select(c => NetworksAudit.Person(caller, now, c.Row.Academie, c.Row.Id, "import", c.Current.ToPerson(), c.Row.ToPerson())));
        return true;
    }

    /// <summary>
    /// Empties every personal field of <paramref name="current"/> and publishes PersonErased, whose
    /// e-mail key lets other modules find their own copies. Returns the erased row; an erased
    /// person is returned as is, with no second event.
    /// </summary>
    public static async Task<Row> EraseAsync(DbConnection connection, DbTransaction transaction, Row current, Caller caller, DateTimeOffset now)
    {
        if (current.IsErased)
        {
            return current;
        }

        await connection.ExecuteAsync(EraseSql, new { current.Id, Now = now, By = caller.Id }, transaction);
        await Outbox.EnqueueAsync(connection, transaction, SchoolTable.Schema,
            new PersonErased(current.Id, current.Academie, PersonErased.KeyOf(current.Email ?? "")), now);
        var erased = (await FindAsync(connection, current.Id, transaction))!;
        await AuditTrail.RecordAsync(connection, transaction, SchoolTable.Schema,
            NetworksAudit.Person(caller, now, current.Academie, current.Id, "erase", current.ToPerson(), erased.ToPerson()));
        await NetworksAudit.AnonymisePersonAsync(connection, transaction, current.Id);
        return erased;
    }

    private static void Stamp(Row row, Caller caller, DateTimeOffset now)
    {
        row.UpdatedAt = now;
        row.UpdatedBy = caller.Id;
    }

    private static void Carry(Row current, Row row, Caller caller, DateTimeOffset now)
    {
        row.Id = current.Id;
        row.Version = current.Version + 1;
        row.CreatedAt = current.CreatedAt;
        row.CreatedBy = current.CreatedBy;
        Stamp(row, caller, now);
    }

    private static PersonRegistered Registered(Row row) =>
        new(row.Id, row.Academie, row.SchoolUai, PersonFunctions.Codes(row.Functions), row.Version);

    private static PersonUpdated Updated(Row row) =>
        new(row.Id, row.Academie, row.SchoolUai, PersonFunctions.Codes(row.Functions), row.Version);

    private static object Parameters(Row row, Caller caller, DateTimeOffset now) => new
    {
        row.Id, row.FirstName, row.LastName, row.Email, row.EmailNormalized, row.Academie, row.SchoolUai, row.Functions,
        row.SearchText, row.Version, Now = now, By = caller.Id,
    };

    /// <summary>A row, who writes it and when, as a bulk write takes them.</summary>
    internal readonly record struct Stamped(Row Row, string By, DateTimeOffset Now);

    // The parameters of InsertSql and UpdateSql, as Parameters names them.
    private static readonly (string, Func<Stamped, DbValue>)[] BulkParameters =
    [
        ("Id", s => s.Row.Id), ("FirstName", s => s.Row.FirstName), ("LastName", s => s.Row.LastName), ("Email", s => s.Row.Email),
        ("EmailNormalized", s => s.Row.EmailNormalized), ("Academie", s => s.Row.Academie), ("SchoolUai", s => s.Row.SchoolUai),
        ("Functions", s => s.Row.Functions), ("SearchText", s => s.Row.SearchText), ("Version", s => s.Row.Version),
        ("Now", s => s.Now), ("By", s => s.By),
    ];

    internal static readonly BulkStatement<Stamped> BulkInsert = new(InsertSql, BulkParameters);

    // An update keeps the person's académie.
    internal static readonly BulkStatement<Stamped> BulkUpdate = new(UpdateSql, [.. BulkParameters.Where(p => p.Item1 != "Academie")]);
}
