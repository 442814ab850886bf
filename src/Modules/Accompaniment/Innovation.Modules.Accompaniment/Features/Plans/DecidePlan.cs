using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Accompaniment.Contracts;
using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Plans;

/// <summary>Why a carrier declines a plan.</summary>
/// <param name="Reason" example="L'équipe préfère attendre la rentrée.">The reason, for the accompanists (required).</param>
internal sealed record DeclineBody(string? Reason);

/// <summary>A note a carrier may give when accepting a plan or deciding on its revision: checked, not kept.</summary>
/// <param name="Reason" example="Merci, le calendrier nous convient.">A note (optional, at most 2000 characters).</param>
internal sealed record PlanDecisionNote(string? Reason);

internal sealed class DeclineBodyValidator : AbstractValidator<DeclineBody>
{
    public DeclineBodyValidator() => RuleFor(b => b.Reason).NotEmpty().MaximumLength(2000).WithName("reason");
}

internal sealed class PlanDecisionNoteValidator : AbstractValidator<PlanDecisionNote>
{
    public PlanDecisionNoteValidator() => RuleFor(n => n.Reason).MaximumLength(2000).WithName("reason");
}

/// <summary>
/// The carrier stays in charge: a carrier of the project (<c>projects:carry</c>, on its team) accepts or declines a proposed plan,
/// and accepts or declines the pending revision of an active one. Anyone else is a 403 <c>not_a_carrier</c>.
/// </summary>
internal static class DecidePlan
{
    internal enum Decision
    {
        Accept,
        Decline,
        AcceptRevision,
        DeclineRevision,
    }

    /// <summary>A decision with its body: a <see cref="DeclineBody"/> to decline a plan, else a <see cref="PlanDecisionNote"/> (an empty
    /// one when none was sent).</summary>
    internal sealed record Command(Guid Id, Decision Decision, object Body, int? IfMatch, Caller Caller) : IRequest<Versioned<AccompanimentPlan>>
    {
        public string? Reason => (Body as DeclineBody)?.Reason;
    }

    /// <summary>Each body is checked by its own type's validator, which the OpenAPI document reads (its `required`).</summary>
    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<DeclineBody> decline, IValidator<PlanDecisionNote> note) =>
            RuleFor(c => c.Body).SetInheritanceValidator(body => body.Add(decline).Add(note));
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<AccompanimentPlan>>
    {
        public async Task<Versioned<AccompanimentPlan>> Handle(Command command, CancellationToken cancellationToken)
        {
            var plan = await db.ReadAsync(c => PlanRules.FindVisibleAsync(c, command.Id, command.Caller), cancellationToken);
            await AccompaniedProject.EnsureCarrierAsync(mediator, plan.ProjectId, command.Caller, cancellationToken);
            var now = time.GetUtcNow();
            return await db.WriteAsync(async (c, t) =>
            {
                var row = await PlanRules.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                var before = await PlanTable.LoadOneAsync(db, c, row, Today.Of(time), t);
                var revision = row.PendingRevision;
                switch (command.Decision)
                {
                    case Decision.Accept or Decision.Decline:
                        PlanRules.EnsureStatus(row, PlanStatus.Proposed, command.Decision == Decision.Accept ? "accepted" : "declined");
                        row.Status = StableCode.Of(command.Decision == Decision.Accept ? PlanStatus.Active : PlanStatus.Declined);
                        row.DeclineReason = command.Decision == Decision.Decline ? command.Reason!.Trim() : null;
                        row.DecidedAt = now;
                        break;
                    default:
                        PlanRules.EnsureStatus(row, PlanStatus.Active, "revised");
                        if (revision is null)
                        {
                            throw ProblemException.Conflict("no_pending_revision", "The plan has no pending revision to decide on.");
                        }

                        if (command.Decision == Decision.AcceptRevision)
                        {
                            await PlanTable.WriteContentAsync(c, t, row.Id, revision);
                            row.FollowUpWeeks = revision.FollowUpIntervalWeeks;
                        }

                        row.Revision = null;
                        break;
                }

                var saved = await PlanTable.SaveChangeAsync(
                    db, c, t, row, before, StableCode.Of(command.Decision), command.Caller, now, Today.Of(time));
                if (command.Decision is Decision.Accept or Decision.Decline)
                {
                    var content = new AccompanimentPlanDraft(saved.Value.Types, saved.Value.Goals, saved.Value.Accompanists);
                    var snapshot = PlanTable.Snapshot(row, content);
                    await Outbox.EnqueueAsync(c, t, AccompanimentModule.Schema,
                        command.Decision == Decision.Accept ? new AccompanimentAccepted(snapshot) : new AccompanimentDeclined(snapshot), now);
                }

                return saved;
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment)
    {
        MapDecision(accompaniment, "accept", Decision.Accept, new PlanDecisionNote(null), "AcceptAccompanimentPlan", "Accept a proposed plan",
            "A carrier of the project accepts the proposed plan: it becomes `active`. Publishes `AccompanimentAccepted`.");
        MapDecision(accompaniment, "decline", Decision.Decline, new DeclineBody(null), "DeclineAccompanimentPlan", "Decline a proposed plan",
            "A carrier of the project declines the proposed plan with a reason (required): it becomes `declined` and the project returns "
            + "to the queue. Publishes `AccompanimentDeclined` (without the reason).");
        MapDecision(accompaniment, "revision/accept", Decision.AcceptRevision, new PlanDecisionNote(null), "AcceptAccompanimentPlanRevision",
            "Accept a plan's revision",
            "A carrier of the project accepts the pending revision of the active plan: it becomes the plan's content. 409 "
            + "`no_pending_revision` when there is none.");
        MapDecision(accompaniment, "revision/decline", Decision.DeclineRevision, new PlanDecisionNote(null), "DeclineAccompanimentPlanRevision",
            "Decline a plan's revision", "A carrier of the project declines the pending revision: the plan keeps its content. 409 "
            + "`no_pending_revision` when there is none.");
    }

    private static void MapDecision<TBody>(
        IEndpointRouteBuilder accompaniment, string action, Decision decision, TBody empty, string name, string summary, string description)
        where TBody : class =>
        accompaniment.MapPost($"/plans/{{id:guid}}/{action}", async (
                Guid id, HttpContext http, IMediator mediator, CancellationToken ct, TBody? body = null) =>
            {
                var saved = await mediator.Send(new Command(id, decision, body ?? empty, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .RequireAuthorization(Scopes.ProjectsCarry)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + " Only a carrier or co-carrier of the project (recognised by the token's e-mail) decides: anyone "
                + "else is a 403 `not_a_carrier`. A plan that is not in the right status is a 409 (`plan_closed` once closed or declined, "
                + "else `invalid_transition`); a plan of another académie a 404. Requires If-Match with the plan's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<TBody>("application/json")
            .Produces<AccompanimentPlan>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
