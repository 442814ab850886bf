using Innovation.Modules.Experimentation.Features.Projects;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class UpdateExperimentation
{
    internal sealed record Command : VersionedChange<ExperimentationDossier, ExperimentationView>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ExperimentationDossier> dossier) => RuleFor(c => c.Body).SetValidator(dossier);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public async Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            var (current, project) = await db.ReadAsync(async c =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller);
                return (row, await ProjectReadModel.FindVisibleAsync(c, row.ProjectId, command.Caller));
            }, cancellationToken);
            var dossier = command.Body.Normalized();
            await DossierChecks.CheckAsync(mediator, project, dossier, "", cancellationToken);
            var now = time.GetUtcNow();
            return await db.WriteAsync(async (c, t) =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                if (!ExperimentationWorkflow.DossierEditable(row.StatusCode))
                {
                    throw ExperimentationWorkflow.InvalidTransition("edited (only a draft or a dossier returned for changes is)", row.StatusCode);
                }

                var before = await ExperimentationTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                row.Content = dossier;
                await ExperimentationTable.WriteDepartementsAsync(c, t, row.Id, DossierChecks.DepartementsOf(project, dossier));
                return await ExperimentationTable.SaveChangeAsync(db, c, t, row, before, "update", command.Caller, now, Today.Of(time), null);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapChange<Command, ExperimentationDossier, ExperimentationView>("PUT", "/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ExperimentationsWrite)
            .WithName("UpdateExperimentation")
            .WithSummary("Replace an experimentation's dossier")
            .WithDescription("Replaces the whole dossier of a `draft` or `returnedForChanges` experimentation, with the same checks as its creation "
                + "(400 naming each malformed field; 422 `duration_too_long`, `school_outside_project` or `person_not_in_directory`). "
                + "In any other status a 409 `invalid_transition` with `currentStatus` and `allowedActions`. An "
                + "experimentation of another académie is a 404. Requires If-Match with its ETag.")
            .WithMetadata(DossierChecks.Refusals("."));
}
