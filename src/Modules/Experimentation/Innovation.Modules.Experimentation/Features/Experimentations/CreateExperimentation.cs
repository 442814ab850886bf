using Innovation.Modules.Experimentation.Features.Projects;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class CreateExperimentation
{
    internal sealed record Command(NewExperimentation Body, Caller Caller) : IRequest<Versioned<ExperimentationView>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<NewExperimentation> body) => RuleFor(c => c.Body).SetValidator(body);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public async Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            await ProjectReadModel.CatchUpAsync(db, mediator, command.Body.ProjectId!.Value, cancellationToken);
            var project = await db.ReadAsync(
                c => ProjectReadModel.FindVisibleAsync(c, command.Body.ProjectId!.Value, command.Caller), cancellationToken);
            if (!project.Eligible)
            {
                throw ProblemException.Conflict("project_not_eligible",
                    $"A {project.Status} project cannot become an experimentation.").With("projectStatus", project.Status);
            }

            var dossier = (command.Body.Dossier ?? ExperimentationDossier.Empty).Normalized();
            await DossierChecks.CheckAsync(mediator, project, dossier, "dossier.", cancellationToken);
            var now = time.GetUtcNow();
            var row = new ExperimentationTable.Row
            {
                Id = SortableId.New(), ProjectId = project.Id, Academie = project.Academie, Status = StableCode.Of(ExperimentationStatus.Draft),
                Content = dossier, Version = 1, CreatedAt = now, CreatedBy = command.Caller.Id, UpdatedAt = now,
            };
            return await db.WriteAsync(async (c, t) =>
                new Versioned<ExperimentationView>(
                    await ExperimentationTable.InsertAsync(c, t, row, DossierChecks.DepartementsOf(project, dossier), command.Caller), row.Version),
                cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapCreate<NewExperimentation, ExperimentationView>("/", (body, caller) => new Command(body, caller),
                experimentation => $"/api/v1/experimentations/{experimentation.Id}", StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ExperimentationsWrite)
            .WithName("CreateExperimentation")
            .WithSummary("Open an experimentation's dossier")
            .WithDescription("Opens the dossier of a derogatory experimentation (article L.314-2) for a project of the académie, as a `draft`. "
                + "Any part of the dossier may still be missing (`GET …/checklist` lists them); what is given is checked: a malformed part "
                + "is a 400 naming each field; a duration above 5 school years is a 422 `duration_too_long`, a perimeter school that is "
                + "not one of the project's schools a 422 `school_outside_project`, a team member not in the académie's people directory a "
                + "422 `person_not_in_directory` (each with the fields in `errors` and a French `label`; nothing is written). A project "
                + "never submitted or of another académie is a 404 (a project just submitted is usable at once); a rejected or archived "
                + "project a 409 `project_not_eligible`.")
            .WithMetadata(DossierChecks.Refusals("; or this Idempotency-Key was used with a different request."));
}
