using System.Text.Json;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Reports;

/// <summary>
/// <c>PersonErased</c>: in the académie's reports, the erased person's authorship loses its name and id (<c>erased: true</c>), and the
/// report moves one version up; the text stays (it is the team's). Authors given without a directory id cannot be found from the
/// event: the create route asks for ids. Their audit entries lose the authors too.
/// </summary>
internal sealed class ReportAuthorErasure(Db db, TimeProvider time) : INotificationHandler<IntegrationEvent<PersonErased>>
{
    internal const string CandidatesSql = """
        SELECT id AS Id, authors AS Authors, version AS Version FROM evaluation.report WHERE academie = @Academie AND authors LIKE @Pattern
        """;

    internal const string SetAuthorsSql = """
        UPDATE evaluation.report SET authors = @Authors, version = version + 1 WHERE id = @Id AND version = @Version
        """;

    public Task Handle(IntegrationEvent<PersonErased> notification, CancellationToken cancellationToken)
    {
        var erased = notification.Payload;
        return db.ProcessOnceAsync(EvaluationModule.Schema, nameof(ReportAuthorErasure), notification.Id, time.GetUtcNow(), async (c, t) =>
        {
            var pattern = $"%{erased.PersonId}%";
            foreach (var report in await c.QueryAsync<Candidate>(CandidatesSql, new { erased.Academie, Pattern = pattern }, t))
            {
                var authors = JsonSerializer.Deserialize<List<ReportAuthor>>(report.Authors, ApiJson.Options) ?? [];
                var kept = authors.Select(a => a.PersonId == erased.PersonId ? new ReportAuthor(null, null, true) : a).ToList();
                await c.ExecuteAsync(SetAuthorsSql, new { report.Id, report.Version, Authors = JsonSerializer.Serialize(kept, ApiJson.Options) }, t);
            }

            await AuditTrail.AnonymiseAsync(c, t, EvaluationModule.Schema, erased.PersonId.ToString());
        }, cancellationToken);
    }

    internal sealed class Candidate
    {
        public Guid Id { get; set; }
        public string Authors { get; set; } = "[]";
        public int Version { get; set; }
    }
}
