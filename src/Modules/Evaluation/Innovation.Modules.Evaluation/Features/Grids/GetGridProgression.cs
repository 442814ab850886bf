using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>A level reached at a date.</summary>
/// <param name="PositionedOn" example="2026-10-05">The day of the positioning.</param>
/// <param name="Level" example="2">The rank reached.</param>
/// <param name="Label" example="En construction">The level's name.</param>
internal sealed record ProgressPoint(DateOnly PositionedOn, int Level, string Label);

/// <summary>The progression on one criterion.</summary>
/// <param name="Criterion" example="collaboration">The criterion's code.</param>
/// <param name="Label" example="Travail collaboratif">The criterion.</param>
/// <param name="Points">The levels reached, oldest first.</param>
/// <param name="Change" example="1">The last rank minus the first (absent without points): a progression, never a grade.</param>
internal sealed record CriterionProgression(string Criterion, string Label, IReadOnlyList<ProgressPoint> Points, int? Change);

/// <summary>A person's or a team's progression on a grid, per criterion over time.</summary>
/// <param name="GridId">The grid.</param>
/// <param name="PersonId">The person, when asked for a person.</param>
/// <param name="Team" example="Équipe du collège Jean Moulin">The team, when asked for a team.</param>
/// <param name="Criteria">Per criterion of the grid, in its order.</param>
internal sealed record GridProgression(Guid GridId, Guid? PersonId, string? Team, IReadOnlyList<CriterionProgression> Criteria);

internal static class GetGridProgression
{
    internal const string SubjectSql = PositioningTable.SelectSql + """

        WHERE grid_id = @GridId AND ((@PersonId IS NOT NULL AND person_id = @PersonId) OR (@Team IS NOT NULL AND team = @Team))
        ORDER BY positioned_on, id
        """;

    /// <summary>The grid, and whose progression on it: a person or a team.</summary>
    /// <param name="Id">The resource's id.</param>
    /// <param name="PersonId">The person's id.</param>
    /// <param name="Team" example="Équipe du collège Jean Moulin">The team's name.</param>
    internal sealed record Subject(
        [property: FromRoute(Name = "id")] Guid Id,
        [property: FromQuery(Name = "personId")] Guid? PersonId,
        [property: FromQuery(Name = "team")] string? Team);

    internal sealed record Query(Subject Subject, Caller Caller) : IRequest<GridProgression>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Subject).Must(s => (s.PersonId is not null) != !string.IsNullOrWhiteSpace(s.Team)).WithName("personId")
                .WithMessage("Give personId or team, not both.");
    }

    internal sealed class Handler(Db db) : IRequestHandler<Query, GridProgression>
    {
        public Task<GridProgression> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var grid = await GridTable.FindVisibleAsync(c, query.Subject.Id, query.Caller);
                var team = query.Subject.Team?.Trim();
                var rows = (await c.QueryAsync<PositioningTable.Row>(SubjectSql, new { GridId = grid.Id, query.Subject.PersonId, Team = team }))
                    .ToList();
                var criteria = grid.ReadCriteria().Select(criterion =>
                {
                    var points = rows.SelectMany(r => r.ReadLevels().Where(l => l.Criterion == criterion.Code)
                            .Select(l => new ProgressPoint(r.PositionedOn, l.Level!.Value, criterion.Levels[l.Level.Value - 1].Label)))
                        .ToList();
                    return new CriterionProgression(criterion.Code, criterion.Label, points,
                        points.Count == 0 ? null : points[^1].Level - points[0].Level);
                });
                return new GridProgression(grid.Id, query.Subject.PersonId, query.Subject.PersonId is null ? team : null, [.. criteria]);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder grids) =>
        grids.MapQuery("/{id:guid}/progression", (Subject subject, Caller caller) => new Query(subject, caller))
            .RequireAuthorization(Scopes.EvaluationRead)
            .WithName("GetGridProgression")
            .WithSummary("Read a person's or a team's progression on a grid")
            .WithDescription("Per criterion, the levels a person (`personId`) or a team (`team`) reached at each positioning, oldest "
                + "first, and the change from the first to the last: a progression to talk about, never a grade. Give exactly one of "
                + "the two (400 otherwise). A grid of another académie is a 404.");
}
