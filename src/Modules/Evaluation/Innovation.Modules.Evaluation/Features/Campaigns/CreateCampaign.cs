using Innovation.Modules.Evaluation.Features.Questionnaires;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class CreateCampaign
{
    internal sealed record Command(CampaignDraft Body, Caller Caller) : IRequest<SavedCampaign>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<CampaignDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, SavedCampaign>
    {
        public Task<SavedCampaign> Handle(Command command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var body = command.Body;
                // No public query tells a project's or network's académie: the target is taken to be of the questionnaire's académie,
                // which the caller must see (ADR 0025).
                var questionnaire = await c.QuerySingleOrDefaultAsync<QuestionnaireTable.Row>(QuestionnaireTable.FindSql,
                    new { Id = body.QuestionnaireId }, t);
                if (questionnaire is null || !command.Caller.Sees(questionnaire.Academie))
                {
                    throw RequestValidationException.For("questionnaireId", $"No questionnaire '{body.QuestionnaireId}' is visible to you.");
                }

                var now = time.GetUtcNow();
                var row = new CampaignTable.Row
                {
                    Id = SortableId.New(),
                    Academie = questionnaire.Academie,
                    QuestionnaireId = questionnaire.Id,
                    Title = body.Title!.Trim(),
                    TargetType = StableCode.Of(body.Target!.Type!.Value),
                    TargetId = body.Target.Id!.Value,
                    OpensOn = body.OpensOn!.Value,
                    ClosesOn = body.ClosesOn!.Value,
                    IsAnonymous = body.Anonymous ?? true,
                    Status = StableCode.Of(CampaignStatus.Draft),
                    Version = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                await CampaignTable.InsertAsync(c, t, row, command.Caller.Id);
                return row.ToSaved();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapPost("/", async (CampaignDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(saved.Version);
                return TypedResults.Created($"/api/v1/evaluation/campaigns/{saved.Campaign.Id}", saved.Campaign);
            })
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateCampaign")
            .WithSummary("Create a questionnaire campaign")
            .WithDescription("Prepares (status `draft`) the sending of a questionnaire edition to a project, a network or an accompaniment "
                + "plan between two dates. Anonymous by default: its responses then hold no respondent identity at all, and its results "
                + "show only from the anonymity threshold on (`Evaluation:AnonymityThreshold`, default 5). The campaign belongs to the "
                + "questionnaire's académie, of which the target is taken to be; a questionnaire the caller does not see is a 400 naming "
                + "`questionnaireId`. Open it with `POST …/open`.")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<CampaignDraft>("application/json")
            .Produces<Campaign>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
