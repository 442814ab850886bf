using System.Data.Common;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.SchoolDirectory;

/// <summary>
/// Projects' own copy of the schools it needs (name, département, type, priority status,
/// coordinates, open/closed), kept from the directory's events: never a query on the Networks
/// schema. A stale event (older version than the copy) changes nothing. A school not here yet is asked of the directory's
/// public query (<see cref="CatchUpAsync"/>).
/// </summary>
internal sealed class SchoolReadModel(Db db, TimeProvider time) :
    INotificationHandler<IntegrationEvent<SchoolRegistered>>,
    INotificationHandler<IntegrationEvent<SchoolUpdated>>,
    INotificationHandler<IntegrationEvent<SchoolClosed>>
{
    internal const string UpsertSql = """
        UPDATE projects.school
        SET name = @Name, type = @Type, departement = @Departement, academie = @Academie, priority_education = @PriorityEducation,
            latitude = @Latitude, longitude = @Longitude, status = @Status, version = @Version
        WHERE uai = CAST(@Uai AS VARCHAR(8000)) AND version < @Version;
        INSERT INTO projects.school (uai, name, type, departement, academie, priority_education, latitude, longitude, status, version)
        SELECT @Uai, @Name, @Type, @Departement, @Academie, @PriorityEducation, @Latitude, @Longitude, @Status, @Version
        WHERE NOT EXISTS (SELECT 1 FROM projects.school WHERE uai = CAST(@Uai AS VARCHAR(8000)));
        """;

    internal const string CountSql = "SELECT COUNT(*) FROM projects.school WHERE uai IN @Uais";

    internal const string FindSql = """
        SELECT uai AS Uai, name AS Name, type AS Type, departement AS Departement, academie AS Academie,
               priority_education AS PriorityEducation, latitude AS Latitude, longitude AS Longitude, status AS Status, version AS Version
        FROM projects.school
        WHERE uai = CAST(@Uai AS VARCHAR(8000))
        """;

    public Task Handle(IntegrationEvent<SchoolRegistered> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.School, cancellationToken);

    public Task Handle(IntegrationEvent<SchoolUpdated> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.School, cancellationToken);

    public Task Handle(IntegrationEvent<SchoolClosed> notification, CancellationToken cancellationToken) =>
        ApplyAsync(notification.Id, notification.Payload.School, cancellationToken);

    /// <summary>
    /// Read-your-writes (ADR 0026): schools this copy does not hold yet are asked of the directory (Networks'
    /// <see cref="FindSchools"/>) and written as their events would write them, so that a school just registered can join a
    /// project at once; then the usual checks apply (an unknown UAI stays a 400).
    /// </summary>
    public static Task CatchUpAsync(Db db, IMediator mediator, IReadOnlyList<string> uais, CancellationToken cancellationToken)
    {
        List<string> distinct = [.. uais.Distinct(StringComparer.Ordinal)];
        return db.CatchUpAsync(async c => await c.ExecuteScalarAsync<int>(CountSql, new { Uais = db.Dialect.AnsiList(distinct) }) == distinct.Count,
            async () => await mediator.Send(new FindSchools(distinct), cancellationToken) is { Count: > 0 } found ? found : null,
            async (c, t, schools) =>
            {
                foreach (var school in schools)
                {
                    await ApplyAsync(c, t, school);
                }
            }, cancellationToken);
    }

    private Task ApplyAsync(Guid eventId, SchoolSnapshot school, CancellationToken cancellationToken) =>
        db.ProcessOnceAsync(ProjectsModule.Schema, nameof(SchoolReadModel), eventId, time.GetUtcNow(),
            (c, t) => ApplyAsync(c, t, school), cancellationToken);

    private static async Task ApplyAsync(DbConnection c, DbTransaction t, SchoolSnapshot school)
    {
        // A project's views show its schools as the directory describes them.
        if (await c.ExecuteAsync(UpsertSql, school, t) > 0)
        {
            await ProjectTable.RewriteViewsOfSchoolAsync(c, t, school.Uai);
        }
    }

    /// <summary>The copy of one school, or null when no event about it has arrived.</summary>
    public static async Task<SchoolSnapshot?> FindAsync(DbConnection connection, string uai) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { Uai = uai }))?.ToSnapshot();

    internal sealed class Row
    {
        public string Uai { get; init; } = "";
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Departement { get; init; } = "";
        public string Academie { get; init; } = "";
        public string PriorityEducation { get; init; } = "";
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public string Status { get; init; } = "";
        public int Version { get; init; }

        public SchoolSnapshot ToSnapshot() =>
            new(Uai, Name, Type, "", null, null, Departement, Academie, PriorityEducation, Latitude, Longitude, Status, Version);
    }
}
