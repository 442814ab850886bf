using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Features.SchoolDirectory;

namespace Innovation.Modules.Projects.Features.Projects;

internal static class CreateProject
{
    internal sealed record Command(ProjectDraft Body, Caller Caller) : IRequest<Project>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ProjectDraft> project) => RuleFor(c => c.Body).SetValidator(project);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Project>
    {
        public async Task<Project> Handle(Command command, CancellationToken cancellationToken)
        {
            var (body, caller) = (command.Body, command.Caller);
            var named = await NamedAcademieAsync(mediator, body.Academie, cancellationToken);
            if (!caller.Has(Scopes.ProjectsWrite) && !body.NamesAsCarrier(caller.Email))
            {
                throw ProblemException.Forbidden("not_a_carrier",
                    "With projects:carry you create projects you carry: name your own e-mail as carrier or co-carrier in the team.");
            }

            var uais = body.Schools!.Select(u => u.Trim().ToUpperInvariant()).ToList();
            await SchoolReadModel.CatchUpAsync(db, mediator, uais, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var academie = await ProjectSchools.ResolveAcademieAsync(c, t, uais, named, []);
                if (!caller.Sees(academie))
                {
                    throw ProblemException.Forbidden("academie_forbidden",
                        $"Your credential is limited to académie {caller.Academie}; this project belongs to {academie}.");
                }

                var record = ProjectTable.Record.From(SortableId.New(), body, academie, ProjectStatus.Draft);
                await EnsureExternalReferenceFreeAsync(c, t, record.Row);
                var now = time.GetUtcNow();
                var project = await ProjectTable.InsertAsync(c, t, record, caller.Id, now);
                await ProjectTable.AuditAsync(c, t, "create", null, record, caller, now);
                return project;
            }, cancellationToken);
        }
    }

    /// <summary>The code of the académie a client named (code or name), or the 400 for an unknown one.</summary>
    internal static async Task<string?> NamedAcademieAsync(IMediator mediator, string? academie, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(academie))
        {
            return null;
        }

        var found = await mediator.Send(new FindAcademie(academie), cancellationToken);
        return found?.Code ?? throw RequestValidationException.For("academie",
            $"Unknown académie '{academie}'. Use a code from GET /api/v1/academies.");
    }

    /// <summary>The 409 when another project of the académie already uses the external reference.</summary>
    internal static async Task EnsureExternalReferenceFreeAsync(System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction transaction, ProjectTable.Row row)
    {
        if (row.ExternalReference is { } reference
            && await ProjectTable.ExternalReferenceOwnerAsync(connection, transaction, row.Academie, reference) is { } owner && owner != row.Id)
        {
            throw ProblemException.Conflict("external_reference_exists",
                $"Project {owner} of académie {row.Academie} already uses the external reference '{reference}'.")
                .With("projectId", owner);
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/", async (ProjectDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var project = await mediator.Send(new Command(body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(project.Version);
                return TypedResults.Created($"/api/v1/projects/{project.Id}", project.VisibleTo(http.Caller()));
            })
            .RequireProjectEditor()
            .WithName("CreateProject")
            .WithSummary("Create a project (as a draft)")
            .WithDescription("Creates a Draft project. Every school must be open, in the directory and in the project's académie. Needs " +
                "`projects:write`, or `projects:carry` with the caller's own e-mail as carrier or co-carrier in the team. The external reference " +
                "is unique within the académie (409 `external_reference_exists`).")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<ProjectDraft>("application/json")
            .Produces<Project>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
