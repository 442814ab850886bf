using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;

namespace Innovation.Modules.Projects.Features.Lifecycle;

/// <summary>The lifecycle action endpoints: one transition of the state table, its history line and its event.</summary>
internal static class TransitionProject
{
    internal const string SetStatusSql = """
        UPDATE projects.project SET status = @Status, version = version + 1, updated_by = @Actor, updated_at = @Now
        WHERE id = @Id AND version = @ExpectedVersion
        """;

    private const int MaxNoteLength = 2000;

    /// <summary>An action with its body: a reject's <see cref="Rejection"/>, a return's <see cref="Return"/>, none for the others.</summary>
    internal sealed record Command(Guid Id, ProjectAction Action, object? Body, int? IfMatch, Caller Caller) : IRequest<ProjectTable.Record>
    {
        /// <summary>The reason or the comment, kept in the history.</summary>
        public string? Note => Body switch { Rejection rejection => rejection.Reason, Return @return => @return.Comment, _ => null };
    }

    /// <summary>Why a project is rejected.</summary>
    /// <param name="Reason" example="Le projet relève du fonctionnement ordinaire de l'établissement.">The reason, kept in the project's history
    /// (required, up to 2000 characters).</param>
    internal sealed record Rejection(string? Reason);

    /// <summary>What the carriers should change before submitting again.</summary>
    /// <param name="Comment" example="Précisez les indicateurs d'évaluation.">The comment, kept in the project's history (required, up to 2000
    /// characters).</param>
    internal sealed record Return(string? Comment);

    internal sealed class RejectionValidator : AbstractValidator<Rejection>
    {
        public RejectionValidator() => RuleFor(r => r.Reason).NotEmpty().WithMessage("A rejection needs a reason.")
            .MaximumLength(MaxNoteLength).OverridePropertyName("reason");
    }

    internal sealed class ReturnValidator : AbstractValidator<Return>
    {
        public ReturnValidator() => RuleFor(r => r.Comment).NotEmpty().WithMessage("Returning a project needs a comment for its carriers.")
            .MaximumLength(MaxNoteLength).OverridePropertyName("comment");
    }

    /// <summary>Each body is checked by its own type's validator, which the OpenAPI document reads (its `required`).</summary>
    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<Rejection> rejection, IValidator<Return> @return) =>
            RuleFor(c => c.Body).SetInheritanceValidator(body => body.Add(rejection).Add(@return));
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, ProjectTable.Record>
    {
        public async Task<ProjectTable.Record> Handle(Command command, CancellationToken cancellationToken)
        {
            var (caller, transition) = (command.Caller, ProjectLifecycle.For(command.Action));
            return await db.WriteAsync(async (c, t) =>
            {
                var row = await ProjectAccess.FindVisibleAsync(c, command.Id, caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                await EnsureActorAsync(c, t, transition.Actor, row, caller);
                var from = row.StatusCode;
                if (!transition.From.Contains(from))
                {
                    throw ProjectLifecycle.InvalidTransition(command.Action, from);
                }

                if (command.Action == ProjectAction.Submit && row.Canvas.MissingItems() is { Count: > 0 } missing)
                {
                    throw ProjectLifecycle.CanvasIncomplete(missing, "Submitting a project");
                }

                var now = time.GetUtcNow();
                var to = StableCode.Of(transition.To);
                if (await c.ExecuteAsync(SetStatusSql, new { Id = row.Id, Status = to, Actor = caller.Id, Now = now,
                    ExpectedVersion = row.Version }, t) == 0)
                {
                    throw ETags.Stale(row.Version);
                }

                var note = command.Note?.Trim();
                await ProjectTable.AppendTransitionAsync(c, t, row.Id, StableCode.Of(command.Action), row.Status, to,
                    string.IsNullOrEmpty(note) ? null : note, caller.Id, now);
                var record = (await ProjectTable.LoadAsync(c, row.Id, t))!;
                await AuditTrail.RecordAsync(c, t, ProjectsModule.Schema, new AuditEntry(
                    now, caller.Id, row.Academie, "project", row.Id.ToString(), StableCode.Of(command.Action), new { row.Status },
                    new { Status = to, Note = string.IsNullOrEmpty(note) ? null : note }));
                await Outbox.EnqueueAsync(c, t, ProjectsModule.Schema, transition.Event(ProjectLifecycle.Snapshot(record, from, now)), now);
                return record;
            }, cancellationToken);
        }

        private static async Task EnsureActorAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction t, Actor actor,
            ProjectTable.Row row, Caller caller)
        {
            // The endpoint's policy already demands the scope; the handler says it again so the rule lives with the state table.
            switch (actor)
            {
                case Actor.CarrierOrAcademie:
                    await ProjectAccess.EnsureCanEditAsync(c, t, row, caller);
                    break;
                case Actor.Validator when !caller.Has(Scopes.ProjectsValidate):
                    throw ProblemException.Forbidden("forbidden", "Validating, rejecting and returning a project need projects:validate.");
                case Actor.Academie when !caller.Has(Scopes.ProjectsWrite):
                    throw ProblemException.Forbidden("forbidden", "Archiving a project needs projects:write.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder projects)
    {
        Plain(projects, ProjectAction.Submit, "SubmitProject", "Submit a project for validation",
                "Draft or returnedForChanges → submitted. By the project's carriers and co-carriers (`projects:carry`, recognised by the token's " +
                    "e-mail) or `projects:write`. The canvas must be complete: otherwise 422 `canvas_incomplete` lists every missing item in " +
                    "`missing` (and one error per field in `errors`). Publishes `ProjectSubmitted`.")
            .RequireProjectEditor()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        Plain(projects, ProjectAction.Validate, "ValidateProject", "Validate a submitted project",
                "Submitted → validated. Needs `projects:validate`. Publishes `ProjectValidated`.")
            .RequireAuthorization(Scopes.ProjectsValidate);
        WithNote<Rejection>(projects, ProjectAction.Reject, "RejectProject", "Reject a submitted project",
                "Submitted → rejected. Needs `projects:validate` and a `reason` (400 without one), kept in the history. Publishes " +
                    "`ProjectRejected` (without the reason).",
                (body, id, ifMatch, caller) => new Command(id, ProjectAction.Reject, body, ifMatch, caller))
            .RequireAuthorization(Scopes.ProjectsValidate);
        WithNote<Return>(projects, ProjectAction.Return, "ReturnProject", "Return a submitted project to its carriers for changes",
                "Submitted → returnedForChanges. Needs `projects:validate` and a `comment` (400 without one), kept in the history. The carriers " +
                    "can then edit and submit again. Publishes `ProjectReturned` (without the comment).",
                (body, id, ifMatch, caller) => new Command(id, ProjectAction.Return, body, ifMatch, caller))
            .RequireAuthorization(Scopes.ProjectsValidate);
        Plain(projects, ProjectAction.Start, "StartProject", "Start a validated project",
                "Validated → inProgress. By the carriers (`projects:carry`) or `projects:write`. Publishes `ProjectStarted`.")
            .RequireProjectEditor();
        Plain(projects, ProjectAction.Complete, "CompleteProject", "Complete a project in progress",
                "InProgress → completed. By the carriers (`projects:carry`) or `projects:write`. Publishes `ProjectCompleted`.")
            .RequireProjectEditor();
        Plain(projects, ProjectAction.Archive, "ArchiveProject", "Archive a completed or rejected project",
                "Completed or rejected → archived. Needs `projects:write` (archiving is the académie's call). Publishes `ProjectArchived`.")
            .RequireAuthorization(Scopes.ProjectsWrite);
    }

    private const string Common =
        " Requires If-Match with the project's ETag; answers the project at its new version. An action its status does not allow is a 409 " +
            "`invalid_transition` with `currentStatus` and `allowedActions`. A project of another académie is a 404.";

    private static RouteHandlerBuilder Plain(IEndpointRouteBuilder projects, ProjectAction action, string name, string summary, string description) =>
        Describe(projects.MapPost($"/{{id:guid}}/{StableCode.Of(action)}",
            async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await Send(http, mediator, ifMatch => new Command(id, action, null, ifMatch, http.Caller()), ct)),
            name, summary, description);

    private static RouteHandlerBuilder WithNote<TBody>(
        IEndpointRouteBuilder projects, ProjectAction action, string name, string summary, string description, Func<TBody, Guid, int?, Caller,
            Command> command)
        where TBody : class =>
        Describe(projects.MapPost($"/{{id:guid}}/{StableCode.Of(action)}",
            async (Guid id, TBody body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await Send(http, mediator, ifMatch => command(body, id, ifMatch, http.Caller()), ct)),
            name, summary, description)
            .Accepts<TBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<IResult> Send(HttpContext http, IMediator mediator, Func<int?, Command> command, CancellationToken ct)
    {
        var ifMatch = ETags.RequiredIfMatch(http.Request);
        var record = await mediator.Send(command(ifMatch), ct);
        http.Response.Headers.ETag = ETags.For(record.Row.Version);
        return TypedResults.Ok(record.ToProject());
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, string name, string summary, string description) =>
        endpoint
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + Common)
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<Project>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
