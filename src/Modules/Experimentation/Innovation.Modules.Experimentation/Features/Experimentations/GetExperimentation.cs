namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class GetExperimentation
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<ExperimentationView>>;

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Query, Versioned<ExperimentationView>>
    {
        public Task<Versioned<ExperimentationView>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await ExperimentationTable.FindVisibleAsync(c, query.Id, query.Caller);
                return new Versioned<ExperimentationView>(await ExperimentationTable.LoadOneAsync(db, c, row, Today.Of(time)), row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapRead("/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentation")
            .WithSummary("Read an experimentation")
            .WithDescription("One experimentation: its dossier, status and allowed actions, the DASEN's decision, the adoption, the families' "
                + "information, its reviews (each `overdue` when past its due date and not submitted) and its renewal. An experimentation of "
                + "another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
