using System.Text.Json;
using System.Text.Json.Serialization;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Meetings;

// The meeting records keep their "NetworkEvent…" names: those are their schema names in the published API.

/// <summary>A crossed peer observation: who observed whom (or which class), where, on what.</summary>
/// <param name="ObserverId">The observing teacher, by person id.</param>
/// <param name="ObservedPersonId">The observed teacher, by person id (or give the class).</param>
/// <param name="ObservedClass" example="CM1-CM2">The observed class (or give the teacher).</param>
/// <param name="Uai" example="0271234V">The school where the observation takes place (same académie).</param>
/// <param name="Focus" example="Ateliers autonomes en lecture">What the observation looks at.</param>
/// <param name="InspeStudentId">An INSPE student in responsibility of the class that day, by person id (INSPE partnership); no name is stored
/// here.</param>
internal sealed record Observation(Guid? ObserverId, Guid? ObservedPersonId, string? ObservedClass, string? Uai, string? Focus, Guid? InspeStudentId);

/// <summary>Whether one person attended.</summary>
/// <param name="PersonId">The person, by id.</param>
/// <param name="Status">present, absent or excused.</param>
internal sealed record Attendee(Guid? PersonId, AttendanceStatus? Status);

/// <summary>A network event: meeting, innovation-sharing day, crossed observation or fête de l'apprendre.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="NetworkId">The network.</param>
/// <param name="Kind">Kind of event.</param>
/// <param name="Title" example="Partage de l'innovation — bassin d'Évreux">Title.</param>
/// <param name="Date" example="2026-03-18">Day of the event.</param>
/// <param name="Place" example="Collège Jean Moulin, Évreux">Where it takes place.</param>
/// <param name="Observation">For a crossed observation only.</param>
/// <param name="Attendance">Who attended (ids only).</param>
internal sealed record NetworkEvent(
    Guid Id, Guid NetworkId, NetworkEventKind Kind, string Title, DateOnly Date, string? Place, Observation? Observation,
    IReadOnlyList<Attendee> Attendance);

/// <summary>The <c>networks.network_event</c> table: a network's meetings, with their attendance as a JSON list.</summary>
internal static class MeetingTable
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, kind AS Kind, title AS Title, event_date AS EventDate, place AS Place,
               observer_id AS ObserverId, observed_person_id AS ObservedPersonId, observed_class AS ObservedClass, uai AS Uai, focus AS Focus,
               inspe_student_id AS InspeStudentId, attendance AS Attendance, version AS Version
        FROM networks.network_event

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string InsertSql = """
        INSERT INTO networks.network_event (id, network_id, kind, title, event_date, place, observer_id, observed_person_id, observed_class,
                                            uai, focus, inspe_student_id, attendance, version)
        VALUES (@Id, @NetworkId, @Kind, @Title, @EventDate, @Place, @ObserverId, @ObservedPersonId, @ObservedClass, @Uai, @Focus,
                @InspeStudentId, @Attendance, @Version)
        """;

    internal const string UpdateAttendanceSql =
        "UPDATE networks.network_event SET attendance = @Attendance, version = @Version WHERE id = @Id AND version = @Version - 1";

    /// <summary>How <see cref="NetworkChildren"/> finds and changes a row (the 404 names a event).</summary>
    internal static readonly (string What, string FindSql, string UpdateSql) Child = ("event", FindSql, UpdateAttendanceSql);

    internal static readonly JsonSerializerOptions AttendanceJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal sealed class Row : INetworkChildRow
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public string EventDate { get; set; } = "";
        public string? Place { get; set; }
        public Guid? ObserverId { get; set; }
        public Guid? ObservedPersonId { get; set; }
        public string? ObservedClass { get; set; }
        public string? Uai { get; set; }
        public string? Focus { get; set; }
        public Guid? InspeStudentId { get; set; }
        public string Attendance { get; set; } = "[]";
        public int Version { get; set; }

        public NetworkEvent ToMeeting() => new(
            Id, NetworkId, StableCode.Parse<NetworkEventKind>(Kind), Title, Periods.Date(EventDate)!.Value, Place,
            ObserverId is null ? null : new Observation(ObserverId, ObservedPersonId, ObservedClass, Uai, Focus, InspeStudentId),
            JsonSerializer.Deserialize<List<Attendee>>(Attendance, AttendanceJson)!);
    }
}
