using Innovation.Modules.Experimentation.Features.Experimentations;

namespace Innovation.Modules.Experimentation.Features.Families;

/// <summary>That the pupils' legal guardians were informed, of what, when and how.</summary>
/// <param name="About">objectives (required before the experimentation runs) or results (required before it closes).</param>
/// <param name="InformedOn" example="2026-09-02">When they were informed.</param>
/// <param name="Means">letter, meeting or digitalWorkspaceMessage.</param>
internal sealed record FamiliesInformationBody(FamiliesInformedOf? About, DateOnly? InformedOn, InformationMeans? Means);

/// <summary>
/// Article L.314-2: the legal guardians are informed of the objectives and then of the results. The objectives may be recorded once
/// the DASEN approved the experimentation and until it closes; the results only while it runs. Recording again replaces the record.
/// </summary>
internal static class RecordFamiliesInformation
{
    internal sealed record Command : VersionedChange<FamiliesInformationBody, ExperimentationView>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.About).NotNull().OverridePropertyName("about");
            RuleFor(c => c.Body.InformedOn).NotNull().OverridePropertyName("informedOn");
            RuleFor(c => c.Body.Means).NotNull().OverridePropertyName("means");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var body = command.Body;
            return db.WriteAsync(async (c, t) =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                var objectives = body.About == FamiliesInformedOf.Objectives;
                if (objectives ? !ExperimentationWorkflow.UnderWay(row.StatusCode) : row.StatusCode != ExperimentationStatus.Running)
                {
                    throw ExperimentationWorkflow.InvalidTransition(
                        objectives ? "told to families before the DASEN approves it" : "reported to families before it runs", row.StatusCode);
                }

                var before = await ExperimentationTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                var means = StableCode.Of(body.Means!.Value);
                if (objectives)
                {
                    (row.ObjectivesInformedOn, row.ObjectivesInformedMeans) = (body.InformedOn, means);
                }
                else
                {
                    (row.ResultsInformedOn, row.ResultsInformedMeans) = (body.InformedOn, means);
                }

                return await ExperimentationTable.SaveChangeAsync(db, c, t, row, before, "familiesInformed", command.Caller, now, Today.Of(time),
                    ("familiesInformed", row.Status, null, new { about = StableCode.Of(body.About!.Value), informedOn = body.InformedOn, means }));
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapChange<Command, FamiliesInformationBody, ExperimentationView>(
                "POST", "/{id:guid}/families-information", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ExperimentationsWrite)
            .WithName("RecordFamiliesInformation")
            .WithSummary("Record that the families were informed")
            .WithDescription("Records that the pupils' legal guardians were informed of the objectives (from approval until closing; required "
                + "before the experimentation runs) or of the results (while it runs; required before it closes): the day and the means "
                + "(letter, meeting, digital workspace message). Recording again replaces it. Out of those statuses a 409 `invalid_transition` "
                + "with `currentStatus` and `allowedActions`; an experimentation of another académie a 404. Requires If-Match.");
}
