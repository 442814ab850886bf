using System.Text.Json;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Meetings;

/// <summary>The attendance of an event, replaced whole.</summary>
/// <param name="Attendees">Each person at most once.</param>
internal sealed record AttendanceDraft(IReadOnlyList<Attendee>? Attendees);

internal static class RecordMeetingAttendance
{
    internal sealed record Command(Guid NetworkId, Guid MeetingId, AttendanceDraft Body, int? IfMatch, Caller Caller) : IRequest<MeetingTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Attendees).NotNull().Must(a => a is null || a.Count <= 1000).WithMessage("At most 1,000 attendees.")
                .OverridePropertyName("attendees");
            RuleForEach(c => c.Body.Attendees).ChildRules(a =>
            {
                a.RuleFor(x => x.PersonId).NotEmpty();
                a.RuleFor(x => x.Status).NotNull();
            }).OverridePropertyName("attendees");
            RuleFor(c => c.Body.Attendees).Must(a => a is null || a.Select(x => x.PersonId).Distinct().Count() == a.Count)
                .WithMessage("Each person appears at most once.").OverridePropertyName("attendees");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, MeetingTable.Row>
    {
        public Task<MeetingTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.ChangeAsync<MeetingTable.Row>(
                db, time, command.NetworkId, command.MeetingId, command.IfMatch, command.Caller, MeetingTable.Child,
                async (c, t, network, row) =>
                {
                    var attendees = command.Body.Attendees!;
                    for (var i = 0; i < attendees.Count; i++)
                    {
                        await PersonDirectory.RequireAsync(c, t, attendees[i].PersonId!.Value, network.Academie, $"attendees[{i}].personId");
                    }

                    var attendance = JsonSerializer.Serialize(attendees, MeetingTable.AttendanceJson);
                    if (attendance == row.Attendance)
                    {
                        return null;
                    }

                    row.Attendance = attendance;
                    return row;
                }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPut("/{id:guid}/events/{eventId:guid}/attendance", async (
                Guid id, Guid eventId, AttendanceDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Command(id, eventId, body, ifMatch, http.Caller()), ct);
                return http.OkWithETag(row.Version, row.ToMeeting());
            })
            .WithName("RecordNetworkEventAttendance")
            .WithSummary("Record an event's attendance")
            .WithDescription("Replaces the attendance of an event: each person (people directory, same académie) at most once, "
                + "present, absent or excused. Requires If-Match with the event's ETag.")
            .ReplacesInNetwork<AttendanceDraft, NetworkEvent>();
}
