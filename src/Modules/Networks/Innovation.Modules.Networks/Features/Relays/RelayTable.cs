using System.Text.Json;
using System.Text.Json.Serialization;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Relays;

/// <summary>One dated step of a relay's progression.</summary>
/// <param name="Decision">start, promote, hold or stop.</param>
/// <param name="Year" example="2">The year the teacher is in after this step.</param>
/// <param name="On" example="2026-09-01">The date of the decision.</param>
/// <param name="CpcId">The CPC the teacher continues with (year 2), when named.</param>
internal sealed record RelayStep(RelayDecision Decision, int Year, DateOnly On, Guid? CpcId);

/// <summary>A teacher's relay progression in a mutualisation group.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5ea0">The relay's id.</param>
/// <param name="NetworkId">The mutualisation group.</param>
/// <param name="PersonId">The teacher, by id.</param>
/// <param name="Departement" example="027">The group's département.</param>
/// <param name="Year" example="2">1 (group), 2 (continued with a CPC) or 3 (relay in the territory).</param>
/// <param name="Status">active, or stopped.</param>
/// <param name="CpcId">The CPC of year 2, when named.</param>
/// <param name="Steps">Every decision, in order.</param>
internal sealed record Relay(
    Guid Id, Guid NetworkId, Guid PersonId, string? Departement, int Year, RelayStatus Status, Guid? CpcId, IReadOnlyList<RelayStep> Steps);

/// <summary>The <c>networks.relay</c> table: relay progression of teachers in mutualisation groups (seed 002), steps as a JSON list.</summary>
internal static class RelayTable
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, person_id AS PersonId, academie AS Academie, departement AS Departement, stage AS Stage,
               status AS Status, cpc_id AS CpcId, last_date AS LastDate, steps AS Steps, version AS Version
        FROM networks.relay

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string InsertSql = """
        INSERT INTO networks.relay (id, network_id, person_id, academie, departement, stage, status, cpc_id, last_date, steps, version)
        VALUES (@Id, @NetworkId, @PersonId, @Academie, @Departement, @Stage, @Status, @CpcId, @LastDate, @Steps, @Version)
        """;

    internal const string UpdateSql = """
        UPDATE networks.relay SET stage = @Stage, status = @Status, cpc_id = @CpcId, last_date = @LastDate, steps = @Steps, version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    /// <summary>How <see cref="NetworkChildren"/> finds and changes a row (the 404 names a relay).</summary>
    internal static readonly (string What, string FindSql, string UpdateSql) Child = ("relay", FindSql, UpdateSql);

    internal static readonly JsonSerializerOptions StepsJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal sealed class Row : INetworkChildRow
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public Guid PersonId { get; set; }
        public string Academie { get; set; } = "";
        public string? Departement { get; set; }
        public int Stage { get; set; }
        public string Status { get; set; } = "";
        public Guid? CpcId { get; set; }
        public string LastDate { get; set; } = "";
        public string Steps { get; set; } = "[]";
        public int Version { get; set; }

        public List<RelayStep> StepList => JsonSerializer.Deserialize<List<RelayStep>>(Steps, StepsJson)!;

        public Relay ToRelay() => new(Id, NetworkId, PersonId, Departement, Stage, StableCode.Parse<RelayStatus>(Status), CpcId, StepList);
    }
}
