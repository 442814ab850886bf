using Innovation.Abstractions;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using Innovation.Modules.Experimentation.Features.Projects;
using Innovation.Modules.Experimentation.Features.Reviews;

namespace Innovation.Modules.Experimentation.Features.Experimentations;

/// <summary>Why the DASEN rejects a dossier or returns it for changes.</summary>
/// <param name="Reason" example="Le protocole ne dit pas comment mesurer l'effet sur les élèves.">The reason, kept in the history (required, up
/// to 2000 characters).</param>
internal sealed record DecisionNote(string? Reason);

/// <summary>The vote that adopted the experimentation.</summary>
/// <param name="Body">schoolCouncil (conseil d'école) or boardOfAdministration (conseil d'administration).</param>
/// <param name="VoteDate" example="2026-06-20">Date of the vote.</param>
internal sealed record AdoptionVote(AdoptingBody? Body, DateOnly? VoteDate);

/// <summary>The day a step happened.</summary>
/// <param name="On" example="2026-09-01">The day (entry in the school project, or the actual start).</param>
internal sealed record DatedStep(DateOnly? On);

/// <summary>A reject's or a return's body: the reason is required.</summary>
internal sealed class DecisionNoteValidator : AbstractValidator<DecisionNote>
{
    public DecisionNoteValidator() => RuleFor(n => n.Reason).NotEmpty().WithMessage("The DASEN's refusal or return needs a reason.")
        .MaximumLength(2000).OverridePropertyName("reason");
}

/// <summary>An adoption's body: the council and the date of its vote, both required.</summary>
internal sealed class AdoptionVoteValidator : AbstractValidator<AdoptionVote>
{
    public AdoptionVoteValidator()
    {
        RuleFor(v => v.Body).NotNull().OverridePropertyName("body");
        RuleFor(v => v.VoteDate).NotNull().OverridePropertyName("voteDate");
    }
}

/// <summary>The body of an entry in the school project or of a start: the day is required.</summary>
internal sealed class DatedStepValidator : AbstractValidator<DatedStep>
{
    public DatedStepValidator() => RuleFor(s => s.On).NotNull().OverridePropertyName("on");
}

/// <summary>
/// The workflow's action endpoints: one transition of the state table (<see cref="ExperimentationWorkflow"/>), with its date, author and
/// reason in the history, its audit entry and its event, in one transaction.
/// </summary>
internal static class TransitionExperimentation
{
    /// <summary>
    /// An action on an experimentation, with its body (<see cref="DecisionNote"/>, <see cref="AdoptionVote"/>, <see cref="DatedStep"/>;
    /// an empty one when none was sent), or none for an action without one.
    /// </summary>
    internal sealed record Command(Guid Id, ExperimentationAction Action, object? Body, int? IfMatch, Caller Caller)
        : IRequest<Versioned<ExperimentationView>>
    {
        public string? Reason => (Body as DecisionNote)?.Reason;

        public AdoptingBody? Adopting => (Body as AdoptionVote)?.Body;

        public DateOnly? On => Body switch { AdoptionVote vote => vote.VoteDate, DatedStep step => step.On, _ => null };
    }

    /// <summary>Each body is checked by its own type's validator, which the OpenAPI document reads (its `required`).</summary>
    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<DecisionNote> note, IValidator<AdoptionVote> vote, IValidator<DatedStep> step) =>
            RuleFor(c => c.Body).SetInheritanceValidator(body => body.Add(note).Add(vote).Add(step));
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public async Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            var transition = ExperimentationWorkflow.For(command.Action);
            var now = time.GetUtcNow();
            var today = Today.Of(time);
            return await db.WriteAsync(async (c, t) =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                var from = row.StatusCode;
                if (!transition.From.Contains(from))
                {
                    throw ExperimentationWorkflow.InvalidTransition(ExperimentationWorkflow.Past(command.Action), from);
                }

                var before = await ExperimentationTable.LoadOneAsync(db, c, row, today, t);
                if (command.Action == ExperimentationAction.Submit)
                {
                    var project = await ProjectReadModel.FindVisibleAsync(c, row.ProjectId, command.Caller, t);
                    if (DossierChecklist.Of(row.Content, project.SchoolList) is { Complete: false } checklist)
                    {
                        throw DossierChecklist.Incomplete(checklist);
                    }
                }

                Apply(command, row, before, now);
                row.Status = StableCode.Of(transition.To);
                if (command.Action == ExperimentationAction.Approve)
                {
                    await ReviewTable.ScheduleAsync(c, t, row.Id, row.Content.Protocol!.IntermediateReviewsDue!, row.Content.Protocol.FinalReportDue);
                }

                var saved = await ExperimentationTable.SaveChangeAsync(
                    db, c, t, row, before, StableCode.Of(command.Action), command.Caller, now, today,
                    (StableCode.Of(command.Action), StableCode.Of(from), command.Reason?.Trim(), Details(command)));
                if (EventOf(command.Action, ExperimentationTable.Snapshot(row, saved.Value.Departements), row.Content) is { } @event)
                {
                    await Outbox.EnqueueAsync(c, t, ExperimentationModule.Schema, @event, now);
                }

                return saved;
            }, cancellationToken);
        }

        private static void Apply(Command command, ExperimentationTable.Row row, ExperimentationView current, DateTimeOffset now)
        {
            switch (command.Action)
            {
                case ExperimentationAction.Submit:
                    row.SubmittedAt = now;
                    break;
                case ExperimentationAction.Approve or ExperimentationAction.Reject or ExperimentationAction.Return:
                    row.Decision = StableCode.Of(ExperimentationWorkflow.For(command.Action).To);
                    row.DecidedAt = now;
                    row.DecidedBy = command.Caller.Id;
                    row.DecisionReason = command.Reason?.Trim();
                    row.ApprovedAt = command.Action == ExperimentationAction.Approve ? now : null;
                    break;
                case ExperimentationAction.Adopt:
                    row.AdoptingBody = StableCode.Of(command.Adopting!.Value);
                    row.AdoptionVoteOn = command.On;
                    row.AdoptedAt = now;
                    break;
                case ExperimentationAction.EnterInSchoolProject:
                    row.SchoolProjectOn = command.On;
                    break;
                case ExperimentationAction.Start:
                    if (current.Families.Objectives is null)
                    {
                        throw ProblemException.Conflict("families_not_informed",
                            "The pupils' legal guardians must be informed of the objectives before the experimentation runs: record it first "
                            + "(POST …/families-information).").With("currentStatus", row.Status);
                    }

                    row.StartedOn = command.On;
                    break;
                case ExperimentationAction.Close:
                    if (current.Reviews.FirstOrDefault(r => r.Kind == ReviewKind.Final) is not { SubmittedAt: not null })
                    {
                        throw ProblemException.Conflict("final_report_missing", "An experimentation closes once its final report is submitted.")
                            .With("currentStatus", row.Status);
                    }

                    if (current.Families.Results is null)
                    {
                        throw ProblemException.Conflict("families_not_informed",
                            "The pupils' legal guardians must be informed of the results before the experimentation closes: record it first "
                            + "(POST …/families-information).").With("currentStatus", row.Status);
                    }

                    row.ClosedAt = now;
                    break;
            }
        }

        private static object? Details(Command command) => command.Action switch
        {
            ExperimentationAction.Adopt => new { body = StableCode.Of(command.Adopting!.Value), voteDate = command.On },
            ExperimentationAction.EnterInSchoolProject or ExperimentationAction.Start => new { on = command.On },
            _ => null,
        };

        private static IIntegrationEvent? EventOf(ExperimentationAction action, ExperimentationSnapshot snapshot, ExperimentationDossier dossier) =>
            action switch
            {
                ExperimentationAction.Submit => new ExperimentationSubmitted(snapshot),
                ExperimentationAction.Approve => new ExperimentationApproved(snapshot, ProtocolOf(dossier)),
                ExperimentationAction.Reject => new ExperimentationRejected(snapshot),
                ExperimentationAction.Return => new ExperimentationReturned(snapshot),
                ExperimentationAction.Adopt => new ExperimentationAdopted(snapshot),
                ExperimentationAction.Start => new ExperimentationStarted(snapshot),
                ExperimentationAction.Close => new ExperimentationClosed(snapshot),
                _ => null,
            };

        private static ExperimentationProtocol ProtocolOf(ExperimentationDossier dossier)
        {
            var protocol = dossier.Protocol!;
            return new ExperimentationProtocol(
                [.. protocol.Indicators!.Select(i => new ProtocolIndicator(i.Code!, i.Label!, StableCode.Of(i.Unit!.Value),
                    StableCode.Of(i.Direction!.Value), i.BaselineValue!.Value, i.BaselineDate!.Value, i.TargetValue!.Value, i.TargetDate!.Value))],
                [.. protocol.DataCollection!.Select(m => StableCode.Of(m))],
                [.. protocol.IntermediateReviewsDue!.Order()],
                protocol.FinalReportDue!.Value);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations)
    {
        MapAction(experimentations, "submit", ExperimentationAction.Submit, Scopes.ExperimentationsWrite, "SubmitExperimentation",
            "Submit the dossier to the DASEN",
            "Submits a `draft` or `returnedForChanges` dossier: it becomes `submitted`. An incomplete dossier is a 422 `dossier_incomplete` "
            + "listing every missing or invalid part at once (`missing`: code and French label, as `GET …/checklist`). Publishes "
            + "`ExperimentationSubmitted`.");
        MapAction(experimentations, "approve", ExperimentationAction.Approve, Scopes.ExperimentationsDecide, "ApproveExperimentation",
            "Approve (the DASEN)",
            "The DASEN approves a `submitted` experimentation: it becomes `approved` and its reviews are scheduled from the protocol. Publishes "
            + "`ExperimentationApproved` with the protocol (indicators with baseline and target, review schedule).");
        MapAction<DecisionNote>(experimentations, "reject", ExperimentationAction.Reject, Scopes.ExperimentationsDecide, "RejectExperimentation",
            "Reject (the DASEN)", "The DASEN rejects a `submitted` experimentation, with a reason (required): it becomes `rejected`. Publishes "
            + "`ExperimentationRejected` (without the reason).", new DecisionNote(null));
        MapAction<DecisionNote>(experimentations, "return", ExperimentationAction.Return, Scopes.ExperimentationsDecide, "ReturnExperimentation",
            "Return for changes (the DASEN)", "The DASEN returns a `submitted` dossier for changes, with a reason (required): it becomes "
            + "`returnedForChanges`, editable and submittable again. Publishes `ExperimentationReturned` (without the reason).",
            new DecisionNote(null));
        MapAction<AdoptionVote>(experimentations, "adopt", ExperimentationAction.Adopt, Scopes.ExperimentationsWrite, "AdoptExperimentation",
            "Record the council's adoption", "Records that the school council or the board of administration adopted the `approved` "
            + "experimentation, and the date of the vote: it becomes `adopted`. Publishes `ExperimentationAdopted`.",
            new AdoptionVote(null, null));
        MapAction<DatedStep>(experimentations, "enter-in-school-project", ExperimentationAction.EnterInSchoolProject, Scopes.ExperimentationsWrite,
            "EnterExperimentationInSchoolProject", "Record its entry in the school project",
            "Records the day the `adopted` experimentation was entered in the school project (`on`): it becomes `enteredInSchoolProject`.",
            new DatedStep(null));
        MapAction<DatedStep>(experimentations, "start", ExperimentationAction.Start, Scopes.ExperimentationsWrite, "StartExperimentation",
            "Start the experimentation", "Starts an experimentation `enteredInSchoolProject` on its actual start (`on`): it becomes `running`. "
            + "It cannot run before approval, adoption and entry in the school project (409 `invalid_transition`), nor before the families "
            + "were informed of its objectives (409 `families_not_informed`). Publishes `ExperimentationStarted`.", new DatedStep(null));
        MapAction(experimentations, "close", ExperimentationAction.Close, Scopes.ExperimentationsWrite, "CloseExperimentation",
            "Close the experimentation", "Closes a `running` experimentation. Its final report must be submitted (409 `final_report_missing`) "
            + "and the families informed of the results (409 `families_not_informed`). Publishes `ExperimentationClosed`.");
    }

    private static void MapAction(
        IEndpointRouteBuilder experimentations, string path, ExperimentationAction action, string scope, string name, string summary,
        string description) =>
        Describe(experimentations.MapPost($"/{{id:guid}}/{path}", (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            SendAsync(new Command(id, action, null, ETags.RequiredIfMatch(http.Request), http.Caller()), http, mediator, ct)),
            action, scope, name, summary, description);

    private static void MapAction<TBody>(
        IEndpointRouteBuilder experimentations, string path, ExperimentationAction action, string scope, string name, string summary,
        string description, TBody empty) where TBody : class =>
        Describe(experimentations.MapPost($"/{{id:guid}}/{path}", (Guid id, HttpContext http, IMediator mediator, CancellationToken ct,
                    TBody? body = null) =>
                    SendAsync(new Command(id, action, body ?? empty, ETags.RequiredIfMatch(http.Request), http.Caller()), http, mediator, ct)),
            action, scope, name, summary, description)
            .Accepts<TBody>("application/json");

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<ExperimentationView>> SendAsync(
        Command command, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var saved = await mediator.Send(command, ct);
        return ETags.Saved(http, saved.Version, saved.Value);
    }

    private static RouteHandlerBuilder Describe(
        RouteHandlerBuilder endpoint, ExperimentationAction action, string scope, string name, string summary, string description)
    {
        endpoint
            .RequireAuthorization(scope)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + " A status that does not allow the action is a 409 `invalid_transition` with `currentStatus` and "
                + "`allowedActions`; an experimentation of another académie a 404. The history keeps the date, the author and the reason. "
                + "Requires If-Match with the experimentation's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Produces<ExperimentationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return action == ExperimentationAction.Submit ? endpoint.ProducesProblem(StatusCodes.Status422UnprocessableEntity) : endpoint;
    }
}
