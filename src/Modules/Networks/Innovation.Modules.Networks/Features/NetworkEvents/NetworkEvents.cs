using System.ComponentModel;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Networks;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.NetworkEvents;

/// <summary>A crossed peer observation: who observed whom (or which class), where, on what.</summary>
/// <param name="ObserverId">The observing teacher, by person id.</param>
/// <param name="ObservedPersonId">The observed teacher, by person id (or give the class).</param>
/// <param name="ObservedClass" example="CM1-CM2">The observed class (or give the teacher).</param>
/// <param name="Uai" example="0271234V">The school where the observation takes place (same académie).</param>
/// <param name="Focus" example="Ateliers autonomes en lecture">What the observation looks at.</param>
/// <param name="InspeStudentId">An INSPE student in responsibility of the class that day, by person id (INSPE partnership); no name is stored here.</param>
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
    Guid Id, Guid NetworkId, NetworkEventKind Kind, string Title, DateOnly Date, string? Place, Observation? Observation, IReadOnlyList<Attendee> Attendance);

/// <summary>A network event as a client sends it.</summary>
/// <param name="Kind">meeting, innovationSharingDay, crossedObservation or feteDeLApprendre.</param>
/// <param name="Title" example="Partage de l'innovation — bassin d'Évreux">Title.</param>
/// <param name="Date" example="2026-03-18">Day of the event.</param>
/// <param name="Place" example="Collège Jean Moulin, Évreux">Where it takes place.</param>
/// <param name="Observation">Required for a crossed observation, refused otherwise.</param>
internal sealed record NetworkEventDraft(NetworkEventKind? Kind, string? Title, DateOnly? Date, string? Place, Observation? Observation);

/// <summary>The attendance of an event, replaced whole.</summary>
/// <param name="Attendees">Each person at most once.</param>
internal sealed record AttendanceDraft(IReadOnlyList<Attendee>? Attendees);

/// <summary>Network events and their attendance.</summary>
internal static class NetworkEvents
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, kind AS Kind, title AS Title, event_date AS EventDate, place AS Place, observer_id AS ObserverId,
               observed_person_id AS ObservedPersonId, observed_class AS ObservedClass, uai AS Uai, focus AS Focus, inspe_student_id AS InspeStudentId,
               attendance AS Attendance, version AS Version
        FROM networks.network_event

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string ListSql = SelectSql + """
        WHERE network_id = @NetworkId
          AND (@Kind IS NULL OR kind = @Kind)
          AND (@From IS NULL OR event_date >= @From)
          AND (@To IS NULL OR event_date <= @To)
          AND (@AfterDate IS NULL OR event_date > @AfterDate OR (event_date = @AfterDate AND id > @AfterId))
        ORDER BY event_date, id
        {{limit @Take}}
        """;

    internal const string InsertSql = """
        INSERT INTO networks.network_event (id, network_id, kind, title, event_date, place, observer_id, observed_person_id, observed_class, uai, focus,
                                            inspe_student_id, attendance, version)
        VALUES (@Id, @NetworkId, @Kind, @Title, @EventDate, @Place, @ObserverId, @ObservedPersonId, @ObservedClass, @Uai, @Focus,
                @InspeStudentId, @Attendance, @Version)
        """;

    internal const string UpdateAttendanceSql = "UPDATE networks.network_event SET attendance = @Attendance, version = @Version WHERE id = @Id AND version = @Version - 1";

    private static readonly JsonSerializerOptions AttendanceJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    internal sealed class Row
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

        public NetworkEvent ToEvent() => new(
            Id, NetworkId, SchoolCodes.Parse<NetworkEventKind>(Kind), Title, Periods.Date(EventDate)!.Value, Place,
            ObserverId is null ? null : new Observation(ObserverId, ObservedPersonId, ObservedClass, Uai, Focus, InspeStudentId),
            JsonSerializer.Deserialize<List<Attendee>>(Attendance, AttendanceJson)!);
    }

    internal sealed record Schedule(Guid NetworkId, NetworkEventDraft Body, Caller Caller) : IRequest<Row>;

    internal sealed record Get(Guid NetworkId, Guid EventId, Caller Caller) : IRequest<Row>;

    internal sealed record RecordAttendance(Guid NetworkId, Guid EventId, AttendanceDraft Body, int? IfMatch, Caller Caller) : IRequest<Row>;

    internal sealed record List(Guid NetworkId, string? Kind, DateOnly? From, DateOnly? To, int? Limit, string? Cursor, Caller Caller) : IRequest<Page<NetworkEvent>>;

    internal sealed class ScheduleValidator : AbstractValidator<Schedule>
    {
        public ScheduleValidator()
        {
            RuleFor(c => c.Body.Kind).NotNull().OverridePropertyName("kind");
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title");
            RuleFor(c => c.Body.Date).NotNull().OverridePropertyName("date");
            RuleFor(c => c.Body.Place).MaximumLength(200).OverridePropertyName("place");
            RuleFor(c => c.Body.Observation).NotNull().When(c => c.Body.Kind == NetworkEventKind.CrossedObservation)
                .WithMessage("A crossed observation needs its observation (observer, observed teacher or class, school, focus).").OverridePropertyName("observation");
            RuleFor(c => c.Body.Observation).Null().When(c => c.Body.Kind is not null and not NetworkEventKind.CrossedObservation)
                .WithMessage("Only a crossed observation has an observation.").OverridePropertyName("observation");
            When(c => c.Body.Observation is not null, () =>
            {
                RuleFor(c => c.Body.Observation!.ObserverId).NotEmpty().OverridePropertyName("observation.observerId");
                RuleFor(c => c.Body.Observation!.ObservedClass).NotEmpty().When(c => c.Body.Observation!.ObservedPersonId is null)
                    .WithMessage("Name the observed teacher (observedPersonId) or the observed class.").OverridePropertyName("observation.observedClass");
                RuleFor(c => c.Body.Observation!.ObservedClass).MaximumLength(100).OverridePropertyName("observation.observedClass");
                RuleFor(c => c.Body.Observation!.Uai).NotEmpty().OverridePropertyName("observation.uai").Custom((uai, context) =>
                {
                    if (!string.IsNullOrWhiteSpace(uai) && Domain.Uai.Normalize(uai, out var error) is null)
                    {
                        context.AddFailure("observation.uai", error!);
                    }
                });
                RuleFor(c => c.Body.Observation!.Focus).NotEmpty().MaximumLength(500).OverridePropertyName("observation.focus");
                RuleFor(c => c.Body.Observation!.ObservedPersonId).NotEqual(c => c.Body.Observation!.ObserverId)
                    .When(c => c.Body.Observation!.ObservedPersonId is not null)
                    .WithMessage("A crossed observation observes someone else.").OverridePropertyName("observation.observedPersonId");
            });
        }
    }

    internal sealed class AttendanceValidator : AbstractValidator<RecordAttendance>
    {
        public AttendanceValidator()
        {
            RuleFor(c => c.Body.Attendees).NotNull().Must(a => a is null || a.Count <= 1000).WithMessage("At most 1,000 attendees.").OverridePropertyName("attendees");
            RuleForEach(c => c.Body.Attendees).ChildRules(a =>
            {
                a.RuleFor(x => x.PersonId).NotEmpty();
                a.RuleFor(x => x.Status).NotNull();
            }).OverridePropertyName("attendees");
            RuleFor(c => c.Body.Attendees).Must(a => a is null || a.Select(x => x.PersonId).Distinct().Count() == a.Count)
                .WithMessage("Each person appears at most once.").OverridePropertyName("attendees");
        }
    }

    internal sealed class Handler(Db db) :
        IRequestHandler<Schedule, Row>, IRequestHandler<Get, Row>, IRequestHandler<RecordAttendance, Row>, IRequestHandler<List, Page<NetworkEvent>>
    {
        public Task<Row> Handle(Schedule command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var body = command.Body;
                var observation = body.Observation;
                var row = new Row
                {
                    Id = Guid.CreateVersion7(), NetworkId = network.Id, Kind = SchoolCodes.Code(body.Kind!.Value), Title = body.Title!.Trim(),
                    EventDate = Periods.Text(body.Date)!, Place = string.IsNullOrWhiteSpace(body.Place) ? null : body.Place.Trim(), Version = 1,
                };
                if (observation is not null)
                {
                    row.ObserverId = observation.ObserverId;
                    row.ObservedPersonId = observation.ObservedPersonId;
                    row.ObservedClass = string.IsNullOrWhiteSpace(observation.ObservedClass) ? null : observation.ObservedClass.Trim();
                    row.Uai = Domain.Uai.Normalize(observation.Uai, out _);
                    row.Focus = observation.Focus!.Trim();
                    row.InspeStudentId = observation.InspeStudentId;
                    await RequirePeopleAsync(c, t, network.Academie, row);
                    var school = await SchoolTable.FindAsync(c, row.Uai!, t);
                    if (school is null || school.Academie != network.Academie)
                    {
                        throw RequestValidationException.For("observation.uai", $"No school {row.Uai} in académie {network.Academie}.");
                    }
                }

                await c.ExecuteAsync(InsertSql, row, t);
                return row;
            }, cancellationToken);

        private static async Task RequirePeopleAsync(DbConnection c, DbTransaction t, string academie, Row row)
        {
            await PersonDirectory.RequireAsync(c, t, row.ObserverId!.Value, academie, "observation.observerId");
            if (row.ObservedPersonId is { } observed)
            {
                await PersonDirectory.RequireAsync(c, t, observed, academie, "observation.observedPersonId");
            }

            if (row.InspeStudentId is { } student)
            {
                await PersonDirectory.RequireAsync(c, t, student, academie, "observation.inspeStudentId");
            }
        }

        public Task<Row> Handle(Get query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                return await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = query.EventId, NetworkId = network.Id })
                    ?? throw ProblemException.NotFound("event", query.EventId.ToString());
            }, cancellationToken);

        public Task<Row> Handle(RecordAttendance command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = command.EventId, NetworkId = network.Id }, t)
                    ?? throw ProblemException.NotFound("event", command.EventId.ToString());
                if (command.IfMatch is { } expected && expected != row.Version)
                {
                    throw ETags.Stale(row.Version);
                }

                var attendees = command.Body.Attendees!;
                for (var i = 0; i < attendees.Count; i++)
                {
                    await PersonDirectory.RequireAsync(c, t, attendees[i].PersonId!.Value, network.Academie, $"attendees[{i}].personId");
                }

                var attendance = JsonSerializer.Serialize(attendees, AttendanceJson);
                if (attendance == row.Attendance)
                {
                    return row;
                }

                row.Attendance = attendance;
                row.Version++;
                return await c.ExecuteAsync(UpdateAttendanceSql, row, t) == 1 ? row : throw ETags.Stale(row.Version - 1);
            }, cancellationToken);

        public Task<Page<NetworkEvent>> Handle(List query, CancellationToken cancellationToken)
        {
            var limit = Limit.Resolve(query.Limit);
            var kind = EnumCodesAttribute.Parse<NetworkEventKind>(query.Kind, "kind");
            string? afterDate = null;
            Guid? afterId = null;
            if (Cursor.Decode(query.Cursor) is { } after)
            {
                var parts = after.Split('|');
                if (parts.Length != 2 || !Guid.TryParse(parts[1], out var id))
                {
                    throw RequestValidationException.For("cursor", "The cursor is not one this API issued.");
                }

                (afterDate, afterId) = (parts[0], id);
            }

            return db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var rows = await c.QueryAsync<Row>(db.Sql(ListSql), new
                {
                    NetworkId = network.Id, Kind = kind is { } k ? SchoolCodes.Code(k) : null, From = Periods.Text(query.From), To = Periods.Text(query.To),
                    AfterDate = afterDate, AfterId = afterId, Take = limit + 1,
                });
                return Page<NetworkEvent>.From(rows.Select(r => r.ToEvent()).ToList(), limit, e => $"{Periods.Text(e.Date)}|{e.Id}");
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/events", async (Guid id, NetworkEventDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Schedule(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Created($"/api/v1/networks/{id}/events/{row.Id}", row.ToEvent());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("ScheduleNetworkEvent")
            .WithSummary("Record a network event")
            .WithDescription("Records a meeting, an innovation-sharing day (partage de l'innovation), a crossed peer observation or a fête de l'apprendre. A crossed observation names the observer, the observed teacher or class, the school, the focus and, optionally, an INSPE student in responsibility that day; people are referenced by id (people directory, same académie) and no name is stored with the event.")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<NetworkEventDraft>("application/json")
            .Produces<NetworkEvent>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapGet("/{id:guid}/events/{eventId:guid}", async (Guid id, Guid eventId, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Get(id, eventId, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return ETags.IsNotModified(http.Request, row.Version)
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Ok(row.ToEvent());
            })
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetNetworkEvent")
            .WithSummary("Get a network event")
            .WithDescription("One event of a network, with its attendance.")
            .ReturnsETag()
            .Produces<NetworkEvent>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapPut("/{id:guid}/events/{eventId:guid}/attendance", async (Guid id, Guid eventId, AttendanceDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new RecordAttendance(id, eventId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToEvent());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("RecordNetworkEventAttendance")
            .WithSummary("Record an event's attendance")
            .WithDescription("Replaces the attendance of an event: each person (people directory, same académie) at most once, present, absent or excused. Requires If-Match with the event's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<AttendanceDraft>("application/json")
            .Produces<NetworkEvent>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapGet("/{id:guid}/events", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "kind"), EnumCodes(typeof(NetworkEventKind)), Description("Only events of this kind.")] string? kind = null,
                [FromQuery(Name = "from"), Description("Events on or after this day (yyyy-MM-dd).")] DateOnly? from = null,
                [FromQuery(Name = "to"), Description("Events on or before this day (yyyy-MM-dd).")] DateOnly? to = null,
                [FromQuery(Name = "limit")] int? limit = null,
                [FromQuery(Name = "cursor")] string? cursor = null) =>
                TypedResults.Ok(await mediator.Send(new List(id, kind, from, to, limit, cursor, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkEvents")
            .WithSummary("List a network's events")
            .WithDescription("Events of a network by date, with cursor pagination; filters `kind`, `from`, `to`.")
            .Produces<Page<NetworkEvent>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
