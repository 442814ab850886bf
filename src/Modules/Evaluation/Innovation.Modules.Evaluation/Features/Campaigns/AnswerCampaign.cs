using System.Text.Json;
using Innovation.Modules.Evaluation.Features.Questionnaires;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

internal static class AnswerCampaign
{
    internal sealed record Command(Guid Id, ResponseDraft Body, Caller Caller) : IRequest<ResponseReceipt>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<ResponseDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, ResponseReceipt>
    {
        public async Task<ResponseReceipt> Handle(Command command, CancellationToken cancellationToken)
        {
            var personId = command.Body.Respondent?.PersonId;
            var person = personId is { } id ? (await mediator.Send(new FindPeople([id]), cancellationToken)).SingleOrDefault() : null;
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            return await db.WriteAsync(async (c, t) =>
            {
                var campaign = await CampaignTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                EnsureAnswerable(campaign, today);
                var questionnaire = await c.QuerySingleAsync<QuestionnaireTable.Row>(
                    QuestionnaireTable.FindSql, new { Id = campaign.QuestionnaireId }, t);
                var questions = questionnaire.ReadQuestions();
                var errors = command.Body.Errors(questions, campaign.IsAnonymous);
                if (personId is not null && (person is null || person.Academie != campaign.Academie))
                {
                    errors["respondent.personId"] = ["Not a person of the campaign's académie directory."];
                }

                if (errors.Count > 0)
                {
                    throw new RequestValidationException(errors);
                }

                if (await c.ExecuteAsync(CampaignTable.CountResponseSql, campaign, t) == 0)
                {
                    throw Closed(campaign.Id);
                }

                await c.ExecuteAsync(QuestionnaireTable.MarkAnsweredSql, new { questionnaire.Id }, t);
                var named = !campaign.IsAnonymous;
                var row = new ResponseTable.Row
                {
                    Id = named ? SortableId.New(now) : Guid.NewGuid(),
                    CampaignId = campaign.Id,
                    ReceivedOn = today,
                    Answers = JsonSerializer.Serialize(command.Body.Normalised(questions), ApiJson.Options),
                    RespondentName = named ? command.Body.Respondent!.Name!.Trim() : null,
                    RespondentPersonId = named ? personId : null,
                    RespondentKey = named && command.Caller.Email is { } email ? PersonErased.KeyOf(email) : null,
                };
                await ResponseTable.InsertAsync(c, t, row, campaign, command.Caller.Id, now);
                return new ResponseReceipt(campaign.Id, today, campaign.IsAnonymous);
            }, cancellationToken);
        }
    }

    /// <summary>The 409 of a campaign that is not open, or not on <paramref name="today"/>.</summary>
    internal static void EnsureAnswerable(CampaignTable.Row campaign, DateOnly today)
    {
        switch (campaign.CurrentStatus)
        {
            case CampaignStatus.Closed:
                throw Closed(campaign.Id);
            case CampaignStatus.Draft:
                throw ProblemException.Conflict("campaign_not_open", $"Campaign {campaign.Id} is not open yet.")
                    .With("campaignStatus", campaign.Status);
        }

        if (today < campaign.OpensOn || today > campaign.ClosesOn)
        {
            throw ProblemException.Conflict("outside_campaign_dates",
                    $"Campaign {campaign.Id} takes responses from {campaign.OpensOn:yyyy-MM-dd} to {campaign.ClosesOn:yyyy-MM-dd}.")
                .With("opensOn", campaign.OpensOn).With("closesOn", campaign.ClosesOn);
        }
    }

    private static ProblemException Closed(Guid id) =>
        ProblemException.Conflict("campaign_closed", $"Campaign {id} is closed: it takes no more responses.").With("campaignStatus", "closed");

    public static void Map(IEndpointRouteBuilder campaigns) =>
        campaigns.MapPost("/{id:guid}/responses", async (Guid id, ResponseDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Created((string?)null, await mediator.Send(new Command(id, body, http.Caller()), ct)))
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("AnswerCampaign")
            .WithSummary("Answer a questionnaire campaign")
            .WithDescription("Records one response to an open campaign, between its dates. Each answer names a question of the campaign's "
                + "questionnaire and gives the member its type takes: `value` (likert 1–5, number within its bounds), `choice` (singleChoice), "
                + "`choices` (multipleChoice) or `text` (freeText); every required question must be answered; every wrong answer is listed "
                + "at once (400). A named campaign requires `respondent.name` (and checks `respondent.personId` against the académie's "
                + "directory); an anonymous one refuses `respondent` and stores nothing of who answered — not the credential, not the time "
                + "of day — so it takes no Idempotency-Key (whose record would tie the credential to the answers) and writes no audit "
                + "entry. A closed campaign is a 409 `campaign_closed`, a draft one a 409 `campaign_not_open`, a day outside its dates a 409 "
                + "`outside_campaign_dates`; a campaign of another académie is a 404. The first response freezes the questionnaire.")
            .Accepts<ResponseDraft>("application/json")
            .Produces<ResponseReceipt>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
