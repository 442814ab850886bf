using Innovation.Modules.Experimentation.Features.Experimentations;

namespace Innovation.Modules.Experimentation.Features.Stats;

/// <summary>How many experimentations share a value.</summary>
/// <param name="Key" example="running">The value (a status, a département, a derogation field code, a school year).</param>
/// <param name="Count" example="4">How many experimentations have it.</param>
internal sealed record StatCount(string Key, int Count);

/// <summary>The rectorate's overview of its experimentations.</summary>
/// <param name="Total" example="12">Experimentations in all.</param>
/// <param name="ByStatus">Counts by status.</param>
/// <param name="ByDepartement">Counts by département of the perimeter's schools (an experimentation over two départements counts in both).</param>
/// <param name="ByDerogationField">Counts by derogation field (an experimentation counts in each of its fields).</param>
/// <param name="BySchoolYear">Counts by school year of the planned start.</param>
/// <param name="MedianDaysSubmissionToDecision" example="21.5">Median days from the last submission to the DASEN's decision.</param>
/// <param name="MedianDaysApprovalToAdoption" example="14">Median days from the approval to the recorded adoption.</param>
/// <param name="OverdueReviews" example="2">Reviews past their due date and not submitted, of experimentations under way.</param>
internal sealed record ExperimentationOverview(
    int Total, IReadOnlyList<StatCount> ByStatus, IReadOnlyList<StatCount> ByDepartement, IReadOnlyList<StatCount> ByDerogationField,
    IReadOnlyList<StatCount> BySchoolYear, double? MedianDaysSubmissionToDecision, double? MedianDaysApprovalToAdoption, int OverdueReviews);

internal static class ExperimentationStats
{
    /// <summary>What the caller sees, as in the list.</summary>
    internal const string VisibleSql = ExperimentationTable.SelectSql + "WHERE " + ExperimentationTable.VisibleToCallerSql;

    internal sealed record Query(Caller Caller) : IRequest<ExperimentationOverview>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, ExperimentationOverview>
    {
        public Task<ExperimentationOverview> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var rows = (await c.QueryAsync<ExperimentationTable.Row>(
                    VisibleSql, new { CallerAcademie = query.Caller.Academie, CallerDepartement = query.Caller.Departement })).ToList();
                var views = await ExperimentationTable.LoadAsync(db, c, rows, Today.Of(time));
                return new ExperimentationOverview(
                    rows.Count,
                    CountsOf(views.Select(v => StableCode.Of(v.Status))),
                    CountsOf(views.SelectMany(v => v.Departements)),
                    CountsOf(views.SelectMany(v => (v.Dossier.DerogationFields ?? []).Select(f => f.Field).OfType<DerogationField>()
                        .Select(f => StableCode.Of(f)).Distinct())),
                    CountsOf(rows.Select(r => r.SchoolYear).OfType<string>()),
                    Median(rows.Where(r => r.SubmittedAt is not null && r.DecidedAt >= r.SubmittedAt)
                        .Select(r => (r.DecidedAt!.Value - r.SubmittedAt!.Value).TotalDays)),
                    Median(rows.Where(r => r.ApprovedAt is not null && r.AdoptedAt is not null)
                        .Select(r => (r.AdoptedAt!.Value - r.ApprovedAt!.Value).TotalDays)),
                    views.Sum(v => v.Reviews.Count(r => r.Overdue)));
            }, cancellationToken);

        private static List<StatCount> CountsOf(IEnumerable<string> keys) =>
            [.. keys.GroupBy(k => k, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new StatCount(g.Key, g.Count()))];

        private static double? Median(IEnumerable<double> days)
        {
            var sorted = days.Order().ToList();
            if (sorted.Count == 0)
            {
                return null;
            }

            var middle = sorted.Count / 2;
            var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            return Math.Round(median, 1);
        }
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapGet("/stats", async (HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(http.Caller()), ct)))
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentationStats")
            .WithSummary("The rectorate's overview of experimentations")
            .WithDescription("Over the caller's académie (every académie for a national caller): counts by status, by département of the "
                + "perimeter's schools, by derogation field and by school year of the planned start; the median days from submission to "
                + "the DASEN's decision and from approval to adoption (absent when nothing was decided or adopted); the number of overdue "
                + "reviews.")
            .Produces<ExperimentationOverview>();
}
