using Innovation.Modules.Accompaniment.Features.Projects;

namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

internal static class RecordDiagnosis
{
    internal sealed record Command(Guid ProjectId, DiagnosisDraft Body, Caller Caller) : IRequest<Versioned<Diagnosis>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<DiagnosisDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Diagnosis>>
    {
        public async Task<Versioned<Diagnosis>> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Body;
            await ProjectReadModel.CatchUpAsync(db, mediator, command.ProjectId, cancellationToken);
            var project = await db.ReadAsync(c => AccompaniedProject.FindVisibleAsync(c, command.ProjectId, command.Caller), cancellationToken);
            List<(string, Guid)> people = [("ledBy", body.LedBy!.Value)];
            if (body.SubjectPersonId is { } subject)
            {
                people.Add(("subjectPersonId", subject));
            }

            await AccompaniedProject.EnsureInDirectoryAsync(mediator, project.Academie, people, cancellationToken);
            var row = new DiagnosisTable.Row
            {
                Id = SortableId.New(), ProjectId = project.Id, Academie = project.Academie, SubjectPersonId = body.SubjectPersonId,
                SubjectTeam = string.IsNullOrWhiteSpace(body.SubjectTeam) ? null : body.SubjectTeam.Trim(), DiagnosedOn = body.DiagnosedOn!.Value,
                LedBy = body.LedBy.Value, Tools = string.Join(',', body.Tools!.Select(StableCode.Of)), Version = 1, CreatedAt = time.GetUtcNow(),
            };
            List<DiagnosisTable.NeedRow> needs = [.. body.Needs!.Select(n => new DiagnosisTable.NeedRow
            {
                DiagnosisId = row.Id, Code = StableCode.Of(n.Code!.Value), Level = StableCode.Of(Needs.LevelOf(n.Code.Value)),
                Priority = StableCode.Of(n.Priority!.Value), Comment = string.IsNullOrWhiteSpace(n.Comment) ? null : n.Comment.Trim(),
            })];
            var diagnosis = row.ToDiagnosis(needs);
            await db.WriteAsync(async (c, t) =>
            {
                await DiagnosisTable.InsertAsync(c, t, row, needs);
                await AccompanimentAudit.RecordAsync(c, t, command.Caller, row.CreatedAt, row.Academie, "accompaniment.diagnosis", row.Id,
                    row.ProjectId, "create", null, diagnosis);
            }, cancellationToken);
            return new Versioned<Diagnosis>(diagnosis, row.Version);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapCreate<DiagnosisDraft, Diagnosis>("/projects/{projectId:guid}/diagnoses", "projectId",
                (projectId, body, caller) => new Command(projectId, body, caller), diagnosis => $"/api/v1/accompaniment/diagnoses/{diagnosis.Id}")
            .RequireAuthorization(Scopes.AccompanimentWrite)
            .WithName("RecordNeedsDiagnosis")
            .WithSummary("Record a needs diagnosis")
            .WithDescription("Records a needs diagnosis of a submitted (or later) project, or of one person or team in it: the day, who led it "
                + "(a person of the académie's directory), the tools used and the needs at three levels with a priority and a comment each. "
                + "A diagnosis is never changed: a new one becomes the project's current diagnosis. A project of another académie, or one "
                + "never submitted, is a 404; a person who is not in the académie's directory a 400 naming the field. Publishes `NeedsDiagnosed`.");
}
