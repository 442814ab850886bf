using System.Data.Common;
using Innovation.Modules.Networks.Features.Networks;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Modules.Networks.Features.Meetings;

/// <summary>A network event as a client sends it.</summary>
/// <param name="Kind">meeting, innovationSharingDay, crossedObservation or feteDeLApprendre.</param>
/// <param name="Title" example="Partage de l'innovation — bassin d'Évreux">Title.</param>
/// <param name="Date" example="2026-03-18">Day of the event.</param>
/// <param name="Place" example="Collège Jean Moulin, Évreux">Where it takes place.</param>
/// <param name="Observation">Required for a crossed observation, refused otherwise.</param>
internal sealed record NetworkEventDraft(NetworkEventKind? Kind, string? Title, DateOnly? Date, string? Place, Observation? Observation);

internal static class ScheduleMeeting
{
    internal sealed record Command(Guid NetworkId, NetworkEventDraft Body, Caller Caller) : IRequest<MeetingTable.Row>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Kind).NotNull().OverridePropertyName("kind");
            RuleFor(c => c.Body.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title");
            RuleFor(c => c.Body.Date).NotNull().OverridePropertyName("date");
            RuleFor(c => c.Body.Place).MaximumLength(200).OverridePropertyName("place");
            RuleFor(c => c.Body.Observation).NotNull().When(c => c.Body.Kind == NetworkEventKind.CrossedObservation)
                .WithMessage("A crossed observation needs its observation (observer, observed teacher or class, school, focus).")
                .OverridePropertyName("observation");
            RuleFor(c => c.Body.Observation).Null().When(c => c.Body.Kind is not null and not NetworkEventKind.CrossedObservation)
                .WithMessage("Only a crossed observation has an observation.").OverridePropertyName("observation");
            // An observation's fields are checked when there is one (ChildRules skips null), under the names the flat rules had.
            RuleFor(c => c.Body.Observation!).ChildRules(observation =>
            {
                observation.RuleFor(o => o.ObserverId).NotEmpty().WithName("observation.observer Id");
                observation.RuleFor(o => o.ObservedClass).NotEmpty().When(o => o.ObservedPersonId is null)
                    .WithMessage("Name the observed teacher (observedPersonId) or the observed class.")
                    .MaximumLength(100).WithName("observation.observed Class");
                observation.RuleFor(o => o.Uai).NotEmpty().WithName("observation.uai").Custom((uai, context) =>
                {
                    if (!string.IsNullOrWhiteSpace(uai) && Domain.Uai.Normalize(uai, out var error) is null)
                    {
                        context.AddFailure(error!);
                    }
                });
                observation.RuleFor(o => o.Focus).NotEmpty().MaximumLength(500).WithName("observation.focus");
                observation.RuleFor(o => o.ObservedPersonId).NotEqual(o => o.ObserverId).When(o => o.ObservedPersonId is not null)
                    .WithMessage("A crossed observation observes someone else.");
            });
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, MeetingTable.Row>
    {
        public Task<MeetingTable.Row> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.WriteAsync(db, command.NetworkId, command.Caller, async (c, t, network) =>
            {
                var body = command.Body;
                var observation = body.Observation;
                var row = new MeetingTable.Row
                {
                    Id = SortableId.New(), NetworkId = network.Id, Kind = StableCode.Of(body.Kind!.Value), Title = body.Title!.Trim(),
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

                await c.ExecuteAsync(MeetingTable.InsertSql, row, t);
                await NetworkChildren.AuditAsync(c, t, network, command.Caller, time.GetUtcNow(), "event", row.Id, "add", null, row);
                return row;
            }, cancellationToken);

        private static async Task RequirePeopleAsync(DbConnection c, DbTransaction t, string academie, MeetingTable.Row row)
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
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/{id:guid}/events", async (Guid id, NetworkEventDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return http.CreatedWithETag($"/api/v1/networks/{id}/events/{row.Id}", row.Version, row.ToMeeting());
            })
            .WithName("ScheduleNetworkEvent")
            .WithSummary("Record a network event")
            .WithDescription("Records a meeting, an innovation-sharing day (partage de l'innovation), a crossed peer observation "
                + "or a fête de l'apprendre. A crossed observation names the observer, the observed teacher or class, the school, the focus "
                + "and, optionally, an INSPE student in responsibility that day; people are referenced by id (people directory, same académie) "
                + "and no name is stored with the event.")
            .CreatesInNetwork<NetworkEventDraft, NetworkEvent>();
}
