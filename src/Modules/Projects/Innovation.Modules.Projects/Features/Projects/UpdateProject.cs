using Innovation.Modules.Projects.Features.Lifecycle;
using Innovation.Modules.Projects.Features.SchoolDirectory;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// Replaces a project's data (ADR 0011). Who may, by status: carriers and the académie on drafts and
/// projects returned for changes; only the académie (projects:write) on validated and in-progress
/// projects, whose canvas must stay complete; nobody on submitted, rejected, completed or archived
/// ones (409 <c>project_locked</c>). Erased team members are kept whatever the body says.
/// </summary>
internal static class UpdateProject
{
    internal sealed record Command(Guid Id, ProjectDraft Body, int? IfMatch, Caller Caller) : IRequest<ProjectTable.Record>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ProjectDraft> project)
        {
            RuleFor(c => c.Body).SetValidator(project);

            // The draft rules check the carrier only on a non-empty team; a PUT must not empty it either.
            RuleFor(c => c.Body.Team).NotEmpty().WithMessage("A project has a team with at least one carrier.").OverridePropertyName("team");
        }
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, ProjectTable.Record>
    {
        public async Task<ProjectTable.Record> Handle(Command command, CancellationToken cancellationToken)
        {
            var (body, caller) = (command.Body, command.Caller);
            var named = await CreateProject.NamedAcademieAsync(mediator, body.Academie, cancellationToken);
            var uais = body.Schools!.Select(u => u.Trim().ToUpperInvariant()).ToList();
            await SchoolReadModel.CatchUpAsync(db, mediator, uais, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await ProjectTable.LoadAsync(c, command.Id, t);
                if (current is null || !caller.Sees(current.Row.Academie))
                {
                    throw ProjectAccess.NotFound(command.Id);
                }

                ETags.EnsureCurrent(command.IfMatch, current.Row.Version);

                await ProjectAccess.EnsureCanEditAsync(c, t, current.Row, caller);
                var status = current.Row.StatusCode;
                var asAcademie = caller.Has(Scopes.ProjectsWrite);
                if (!(asAcademie ? ProjectLifecycle.AcademieMayEdit(status) : ProjectLifecycle.CarriersMayEdit(status)))
                {
                    throw ProjectLifecycle.Locked(status, asAcademie);
                }

                if (named is not null && named != current.Row.Academie)
                {
                    throw RequestValidationException.For("academie", $"A project cannot change académie: it belongs to {current.Row.Academie}.");
                }

                var academie = await ProjectSchools.ResolveAcademieAsync(c, t, uais, current.Row.Academie, [.. current.Schools.Select(s => s.Uai)]);
                if (!asAcademie && !body.NamesAsCarrier(caller.Email))
                {
                    // A carrier who drops themselves would lose the project on the next request: say so instead.
                    throw RequestValidationException.For("team",
                        "You would no longer be a carrier of this project: keep your own e-mail as carrier or co-carrier (someone with " +
                            "projects:write can hand the project over).");
                }

                var next = KeepErasedMembers(ProjectTable.Record.From(current.Row.Id, body, academie, status), current);
                next.Row.HasExperimentation = current.Row.HasExperimentation;
                if (status is ProjectStatus.Validated or ProjectStatus.InProgress && next.Row.Canvas.MissingItems() is { Count: > 0 } missing)
                {
                    throw ProjectLifecycle.CanvasIncomplete(missing, $"A {StableCode.Of(status)} project");
                }

                if (SameData(current, next))
                {
                    return current;
                }

                await CreateProject.EnsureExternalReferenceFreeAsync(c, t, next.Row);
                var now = time.GetUtcNow();
                if (!await ProjectTable.ReplaceAsync(c, t, current.Row, next, caller.Id, now))
                {
                    throw ETags.Stale(current.Row.Version);
                }

                var updated = (await ProjectTable.LoadAsync(c, current.Row.Id, t))!;
                await ProjectTable.AuditAsync(c, t, "update", current, updated, caller, now);
                return updated;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// The team as written, then the project's erased members (anonymised history of who took
    /// part), in their previous order: a PUT cannot resurrect, edit or drop them.
    /// </summary>
    private static ProjectTable.Record KeepErasedMembers(ProjectTable.Record next, ProjectTable.Record current)
    {
        var erased = current.Team.Where(m => m.ErasedAt is not null).ToList();
        if (erased.Count == 0)
        {
            return next;
        }

        var team = next.Team.ToList();
        team.AddRange(erased.Select((m, i) => new ProjectTable.MemberRow { Position = next.Team.Count + i + 1, Role = m.Role,
            ErasedAt = m.ErasedAt }));
        return next with { Team = team };
    }

    private static bool SameData(ProjectTable.Record current, ProjectTable.Record next)
    {
        var (a, b) = (current.Row, next.Row);
        return a.Title == b.Title && a.Summary == b.Summary && a.ExternalReference == b.ExternalReference && a.Levels == b.Levels
            && a.PupilsConcerned == b.PupilsConcerned && a.PlannedStart == b.PlannedStart && a.PlannedEnd == b.PlannedEnd && a.IsPublic == b.IsPublic
            && a.Canvas == b.Canvas
            && current.Schools.Select(s => s.Uai).SequenceEqual(next.Schools.Select(s => s.Uai))
            && current.Themes.Order(StringComparer.Ordinal).SequenceEqual(next.Themes.Order(StringComparer.Ordinal))
            && current.Tags.Order(StringComparer.Ordinal).SequenceEqual(next.Tags.Order(StringComparer.Ordinal))
            && current.Team.Select(m => (m.Position, m.Role, m.Name, m.Email, m.ErasedAt))
                .SequenceEqual(next.Team.Select(m => (m.Position, m.Role, m.Name, m.Email, m.ErasedAt)));
    }

    /// <summary>
    /// Team entries with neither name nor e-mail are the client echoing erased members back (as GET
    /// shows them): they are dropped before validation, since the erased members are kept anyway.
    /// </summary>
    internal static ProjectDraft WithoutErasedEchoes(ProjectDraft body) =>
        body.Team is null ? body : body with { Team = [.. body.Team.Where(m => m is null || m.Name is not null || m.Email is not null)] };

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}", async (Guid id, ProjectDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var record = await mediator.Send(new Command(id, WithoutErasedEchoes(body), ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(record.Row.Version);
                return TypedResults.Ok(record.ToProject().VisibleTo(http.Caller()));
            })
            .RequireProjectEditor()
            .WithName("UpdateProject")
            .WithSummary("Replace a project's data")
            .WithDescription(
                "Replaces every field with the same body as the creation (omitted optional fields become empty). Requires If-Match with the " +
                "project's ETag; an identical body changes nothing and keeps the ETag.\n" +
                "Who, by status: on `draft` and `returnedForChanges`, the carriers and co-carriers (`projects:carry`, recognised by the token's " +
                "e-mail; 403 `not_a_carrier` for others) and `projects:write`; on `validated` and `inProgress`, only `projects:write`, and the " +
                "canvas must stay complete (422 `canvas_incomplete`); `submitted`, `rejected`, `completed` and `archived` projects are locked " +
                "(409 `project_locked` with `currentStatus` and `allowedActions`).\n" +
                "The académie cannot change (400). A school closed in the directory may stay but cannot be added. A carrier cannot remove " +
                "themselves from the carriers (400 on `team`). Erased team members (null name and e-mail) are kept whatever the body says: send " +
                "them back or omit them, it is the same.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<ProjectDraft>("application/json")
            .Produces<Project>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
