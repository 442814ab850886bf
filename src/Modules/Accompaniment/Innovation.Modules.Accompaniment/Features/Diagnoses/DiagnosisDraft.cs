namespace Innovation.Modules.Accompaniment.Features.Diagnoses;

/// <summary>A need found by a diagnosis, as a client writes it.</summary>
/// <param name="Code">training, tutoring, mentoring, technicalHelp (individual); teamFacilitation, schoolMeeting, networkMobilisation
/// (collective); fundingSearch, partnerships, networking (territorial or systemic).</param>
/// <param name="Priority">high, medium or low.</param>
/// <param name="Comment" example="Deux collègues souhaitent se former à l'évaluation par compétences.">A free comment.</param>
internal sealed record DiagnosedNeedDraft(NeedCode? Code, DiagnosedNeedPriority? Priority, string? Comment);

/// <summary>A needs diagnosis as a client writes it.</summary>
/// <param name="DiagnosedOn" example="2026-10-05">The day of the diagnosis.</param>
/// <param name="LedBy" example="0193a5f2-7c1e-7d3a-9b0e-4f2c1a7e5d10">Who led it: a person of the académie's people directory.</param>
/// <param name="SubjectPersonId">When the diagnosis is about one person of the project: that person (of the directory).</param>
/// <param name="SubjectTeam" example="Équipe de cycle 3">When it is about one team of the project: which one.</param>
/// <param name="Tools">The tools used: interview, questionnaire, selfPositioning (at least one).</param>
/// <param name="Needs">The needs found, one per code (at least one, at most ten).</param>
internal sealed record DiagnosisDraft(
    DateOnly? DiagnosedOn, Guid? LedBy, Guid? SubjectPersonId, string? SubjectTeam, IReadOnlyList<DiagnosisTool>? Tools,
    IReadOnlyList<DiagnosedNeedDraft>? Needs);

internal sealed class DiagnosisDraftValidator : AbstractValidator<DiagnosisDraft>
{
    public DiagnosisDraftValidator()
    {
        RuleFor(d => d.DiagnosedOn).NotNull();
        RuleFor(d => d.LedBy).NotNull().NotEqual(Guid.Empty);
        RuleFor(d => d.SubjectPersonId).NotEqual(Guid.Empty);
        RuleFor(d => d.SubjectTeam).MaximumLength(200)
            .Must((d, team) => d.SubjectPersonId is null || string.IsNullOrWhiteSpace(team))
            .WithMessage("A diagnosis is about the whole project, one person or one team: not a person and a team.");
        RuleFor(d => d.Tools).NotEmpty().Must(t => t is null || t.Distinct().Count() == t.Count).WithMessage("Each tool once.");
        RuleFor(d => d.Needs).NotEmpty().Must(n => n is null || n.Count <= 10).WithMessage("At most ten needs.")
            .Must(n => n is null || n.Select(x => x.Code).Distinct().Count() == n.Count).WithMessage("Each need code once.");
        RuleForEach(d => d.Needs).ChildRules(n =>
        {
            n.RuleFor(x => x.Code).NotNull();
            n.RuleFor(x => x.Priority).NotNull();
            n.RuleFor(x => x.Comment).MaximumLength(2000);
        });
    }
}
