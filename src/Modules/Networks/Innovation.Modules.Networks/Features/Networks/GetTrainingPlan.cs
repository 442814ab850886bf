namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>One line of a network training plan: a theme for an audience and who asked for it.</summary>
/// <param name="Rank" example="1">1 for the need shared by the most schools.</param>
/// <param name="Theme" example="Évaluation par compétences">The theme as first declared.</param>
/// <param name="Audience">Who the training is for.</param>
/// <param name="Schools" example="3">Number of member schools that declared it.</param>
/// <param name="StaffConcerned" example="14">Staff concerned, summed over those schools.</param>
/// <param name="HighestPriority">The highest priority any of them gave it.</param>
/// <param name="Uais">The declaring schools, by UAI.</param>
internal sealed record TrainingPlanItem(
    int Rank, string Theme, TrainingAudience Audience, int Schools, int StaffConcerned, NeedPriority HighestPriority, IReadOnlyList<string> Uais);

/// <summary>The network training plan: needs of current member schools, grouped and ranked.</summary>
/// <param name="NetworkId">The network.</param>
/// <param name="Items">The ranked lines.</param>
internal sealed record TrainingPlan(Guid NetworkId, IReadOnlyList<TrainingPlanItem> Items);

internal static class GetTrainingPlan
{
    internal sealed record Query(Guid NetworkId, Caller Caller) : IRequest<TrainingPlan>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, TrainingPlan>
    {
        public Task<TrainingPlan> Handle(Query query, CancellationToken cancellationToken) =>
            NetworkChildren.ReadAsync(db, query.NetworkId, query.Caller, async (c, network) =>
            {
                var current = await NetworkMembers.CurrentSchoolsAsync(c, network.Id, NetworkMembers.Today(time.GetUtcNow()));
                var needs = (await c.QueryAsync<TrainingNeeds.Row>(TrainingNeeds.ListSql, new { NetworkId = network.Id }))
                    .Where(n => current.Contains(n.Uai)).ToList();
                return new TrainingPlan(network.Id, Rank(needs));
            }, cancellationToken);
    }

    /// <summary>
    /// Groups needs on (theme key, audience) and ranks the groups: most schools first, then most
    /// staff, then the highest priority, then theme key and audience code (so the order is total).
    /// Needs are listed in declaration order, so a group's label is its first declaration.
    /// </summary>
    internal static IReadOnlyList<TrainingPlanItem> Rank(IReadOnlyList<TrainingNeeds.Row> needs) =>
        needs.GroupBy(n => (n.ThemeKey, n.Audience))
            .Select(g => (
                Key: g.Key,
                Theme: g.First().Theme,
                Schools: g.Select(n => n.Uai).Distinct().Count(),
                Staff: g.Sum(n => n.StaffConcerned),
                Priority: g.Max(n => StableCode.Parse<NeedPriority>(n.Priority)),
                Uais: g.Select(n => n.Uai).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Schools)
            .ThenByDescending(g => g.Staff)
            .ThenByDescending(g => g.Priority)
            .ThenBy(g => g.Key.ThemeKey, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Audience, StringComparer.Ordinal)
            .Select((g, i) => new TrainingPlanItem(
                i + 1, g.Theme, StableCode.Parse<TrainingAudience>(g.Key.Audience), g.Schools, g.Staff, g.Priority, g.Uais))
            .ToList();

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapGet("/{id:guid}/training-plan", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetTrainingPlan")
            .WithSummary("Get the network training plan")
            .WithDescription("The needs of the current member schools, grouped on theme (ignoring case, accents and punctuation) and audience, "
                + "ranked: shared by the most schools first, then the most staff concerned, then the highest priority, "
                + "then alphabetically by theme and audience code.")
            .Produces<TrainingPlan>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
