using System.Text.Json;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Experimentation.Contracts;
using Innovation.Modules.Experimentation.Features.Experimentations;

namespace Innovation.Modules.Experimentation.Features.Reviews;

/// <summary>A review's submission: its text, links to its attachments and the indicator values it reports.</summary>
/// <param name="Text" example="Première année : l'absentéisme des CM1 baisse de deux points.">The review (required, up to 20,000 characters).
/// </param>
/// <param name="Attachments">Links (absolute http or https URLs, up to 20) to its attachments.</param>
/// <param name="IndicatorValues">Values of the protocol's indicators (each code of the protocol, once).</param>
internal sealed record ReviewSubmission(string? Text, IReadOnlyList<string>? Attachments, IReadOnlyList<ReviewIndicatorValue>? IndicatorValues);

/// <summary>
/// Submitting an intermediate review or the final report of a running experimentation, once: the review keeps what was submitted, the
/// experimentation moves one version up and its history says so; publishes <c>ReviewSubmitted</c> or <c>FinalReportSubmitted</c>.
/// </summary>
internal static class SubmitReview
{
    internal sealed record Command(Guid Id, Guid ReviewId, ReviewSubmission Body, int? IfMatch, Caller Caller)
        : IRequest<Versioned<ExperimentationView>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Text).NotEmpty().MaximumLength(20_000).OverridePropertyName("text");
            RuleFor(c => c.Body.Attachments).Must(a => a is null || a.Count <= 20).WithMessage("At most 20 attachments.")
                .OverridePropertyName("attachments");
            RuleForEach(c => c.Body.Attachments).Must(IsWebLink).WithMessage("An attachment is an absolute http or https link.")
                .OverridePropertyName("attachments");
            RuleFor(c => c.Body.IndicatorValues).Must(v => v is null || v.Select(x => x.IndicatorCode).Distinct().Count() == v.Count)
                .WithMessage("Each indicator once.").OverridePropertyName("indicatorValues");
            RuleForEach(c => c.Body.IndicatorValues).ChildRules(v =>
            {
                v.RuleFor(x => x.IndicatorCode).NotEmpty();
                v.RuleFor(x => x.Value).NotNull();
                v.RuleFor(x => x.MeasuredOn).NotNull();
            }).OverridePropertyName("indicatorValues");
        }

        private static bool IsWebLink(string? link) =>
            Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, Versioned<ExperimentationView>>
    {
        public Task<Versioned<ExperimentationView>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var today = Today.Of(time);
            return db.WriteAsync(async (c, t) =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, row.Version);

                var before = await ExperimentationTable.LoadOneAsync(db, c, row, today, t);
                var review = before.Reviews.FirstOrDefault(r => r.Id == command.ReviewId)
                    ?? throw ProblemException.NotFound("review", command.ReviewId.ToString());
                if (row.StatusCode != ExperimentationStatus.Running)
                {
                    throw ExperimentationWorkflow.InvalidTransition("reviewed before it runs or once closed", row.StatusCode);
                }

                if (review.SubmittedAt is not null)
                {
                    throw ProblemException.Conflict("review_already_submitted", "This review was already submitted; it is kept as it was.")
                        .With("submittedAt", review.SubmittedAt);
                }

                var codes = (row.Content.Protocol?.Indicators ?? []).Select(i => i.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var values = command.Body.IndicatorValues ?? [];
                var unknown = values.Select((v, i) => (v, i)).Where(x => !codes.Contains(x.v.IndicatorCode)).ToList();
                if (unknown.Count > 0)
                {
                    throw new RequestValidationException(unknown.ToDictionary(x => $"indicatorValues[{x.i}].indicatorCode",
                        x => new[] { $"'{x.v.IndicatorCode}' is not an indicator of the protocol ({string.Join(", ", codes)})." }));
                }

                await c.ExecuteAsync(ReviewTable.SubmitSql, new
                {
                    Id = review.Id, SubmittedAt = now, SubmittedBy = command.Caller.Id, Text = command.Body.Text!.Trim(),
                    Attachments = JsonSerializer.Serialize(command.Body.Attachments ?? [], ApiJson.Options),
                    IndicatorValues = JsonSerializer.Serialize(values, ApiJson.Options),
                }, t);
                var final = review.Kind == ReviewKind.Final;
                var saved = await ExperimentationTable.SaveChangeAsync(db, c, t, row, before, final ? "submitFinalReport" : "submitReview",
                    command.Caller, now, today,
                    (final ? "finalReportSubmitted" : "reviewSubmitted", row.Status, null, new { reviewId = review.Id, dueOn = review.DueOn }));
                var after = saved.Value;
                var snapshot = ExperimentationTable.Snapshot(row, after.Departements);
                var submitted = after.Reviews.Single(r => r.Id == review.Id).ToSnapshot();
                await Outbox.EnqueueAsync(c, t, ExperimentationModule.Schema,
                    final ? new FinalReportSubmitted(snapshot, submitted) : new ReviewSubmitted(snapshot, submitted), now);
                return saved;
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapPost("/{id:guid}/reviews/{reviewId:guid}/submission", async (
                Guid id, Guid reviewId, ReviewSubmission body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new Command(id, reviewId, body, ETags.RequiredIfMatch(http.Request), http.Caller()), ct);
                return ETags.Saved(http, saved.Version, saved.Value);
            })
            .RequireAuthorization(Scopes.ExperimentationsWrite)
            .WithName("SubmitExperimentationReview")
            .WithSummary("Submit an intermediate review or the final report")
            .WithDescription("Submits one of the reviews scheduled at approval (see the experimentation's `reviews`) while the experimentation "
                + "is `running`: its text, links to its attachments (http or https) and the values of the protocol's indicators (an unknown "
                + "indicator is a 400 naming the field). Once only: a second submission is a 409 `review_already_submitted`; out of "
                + "`running` a 409 `invalid_transition`. A review that is not the experimentation's, or an experimentation of another "
                + "académie, is a 404. Requires If-Match with the experimentation's ETag. Publishes `ReviewSubmitted` or "
                + "`FinalReportSubmitted`.")
            .ChangesVersioned<ReviewSubmission, ExperimentationView>(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
}
