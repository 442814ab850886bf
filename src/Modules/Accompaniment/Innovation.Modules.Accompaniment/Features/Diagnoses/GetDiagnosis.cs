namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

internal static class GetDiagnosis
{
    internal sealed record Query(Guid Id, Caller Caller) : IRequest<Versioned<Diagnosis>>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, Versioned<Diagnosis>>
    {
        public Task<Versioned<Diagnosis>> Handle(Query query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var row = await c.QuerySingleOrDefaultAsync<DiagnosisTable.Row>(DiagnosisTable.FindSql, new { query.Id });
                if (row is null || !query.Caller.Sees(row.Academie))
                {
                    throw ProblemException.NotFound("diagnosis", query.Id.ToString());
                }

                return new Versioned<Diagnosis>(row.ToDiagnosis((await DiagnosisTable.NeedsOfAsync(db, c, [row.Id]))[row.Id]), row.Version);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapRead("/diagnoses/{id:guid}", (id, caller) => new Query(id, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetNeedsDiagnosis")
            .WithSummary("Read a needs diagnosis")
            .WithDescription("One diagnosis with its needs. A diagnosis of another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
