namespace Innovation.Modules.Accompaniment.Features.Plans;

/// <summary>One accompaniment type over one period. Several types may run at once; one type's periods do not overlap.</summary>
/// <param name="Type">proximity, institutional, research or hybridRemote.</param>
/// <param name="Start" example="2026-11-01">First day.</param>
/// <param name="End" example="2027-06-30">Last day; open-ended when absent.</param>
internal sealed record TypePeriod(AccompanimentType? Type, DateOnly? Start, DateOnly? End);

/// <summary>A goal of the plan, tied to a need of the project's current diagnosis.</summary>
/// <param name="NeedCode">The diagnosed need the goal answers (training, teamFacilitation, fundingSearch…).</param>
/// <param name="Description" example="Former l'équipe à l'évaluation par compétences avant les vacances d'hiver.">What the goal is.</param>
internal sealed record PlanGoal(NeedCode? NeedCode, string? Description);

/// <summary>An accompanist of the plan for one school year.</summary>
/// <param name="PersonId">A person of the académie's people directory.</param>
/// <param name="Role">peer, trainer, pedagogicalReferent, cpc, inspector, headOfSchool, academieService, researcher or remoteFacilitator.</param>
/// <param name="SchoolYear" example="2026-2027">The school year of the planned load.</param>
/// <param name="PlannedHours" example="12">Hours planned for that school year (1–1000).</param>
internal sealed record PlanAccompanist(Guid? PersonId, AccompanistRole? Role, string? SchoolYear, int? PlannedHours);

/// <summary>The content of an accompaniment plan, as a client proposes it (or proposes it again as a revision).</summary>
/// <param name="Types">The types and their periods (at least one, at most 20).</param>
/// <param name="Goals">The goals, each tied to a need of the current diagnosis (at least one, at most ten, one per need).</param>
/// <param name="Accompanists">The accompanists and their planned load (at least one, at most 50, one per person and school year).</param>
/// <param name="FollowUpIntervalWeeks" example="6">How often the team writes a follow-up sheet once the plan is active, in weeks (1–26);
/// no sheet is due when absent.</param>
internal sealed record AccompanimentPlanDraft(
    IReadOnlyList<TypePeriod>? Types, IReadOnlyList<PlanGoal>? Goals, IReadOnlyList<PlanAccompanist>? Accompanists,
    int? FollowUpIntervalWeeks = null);

internal sealed class AccompanimentPlanDraftValidator : AbstractValidator<AccompanimentPlanDraft>
{
    public AccompanimentPlanDraftValidator()
    {
        RuleFor(p => p.Types).NotEmpty().Must(t => t is null || t.Count <= 20).WithMessage("At most 20 type periods.")
            .Must(NoOverlapWithinAType).WithMessage("Two periods of the same type overlap: extend one instead.");
        RuleForEach(p => p.Types).ChildRules(t =>
        {
            t.RuleFor(x => x.Type).NotNull();
            t.RuleFor(x => x.Start).NotNull();
            t.RuleFor(x => x.End).GreaterThanOrEqualTo(x => x.Start).When(x => x.Start is not null && x.End is not null)
                .WithMessage("The period ends before it starts.");
        });
        RuleFor(p => p.Goals).NotEmpty().Must(g => g is null || g.Count <= 10).WithMessage("At most ten goals.")
            .Must(g => g is null || g.Select(x => x.NeedCode).Distinct().Count() == g.Count).WithMessage("One goal per need.");
        RuleForEach(p => p.Goals).ChildRules(g =>
        {
            g.RuleFor(x => x.NeedCode).NotNull();
            g.RuleFor(x => x.Description).NotEmpty().MaximumLength(2000);
        });
        RuleFor(p => p.Accompanists).NotEmpty().Must(a => a is null || a.Count <= 50).WithMessage("At most 50 accompanist lines.")
            .Must(a => a is null || a.Select(x => (x.PersonId, x.SchoolYear)).Distinct().Count() == a.Count)
            .WithMessage("One line per person and school year.");
        RuleForEach(p => p.Accompanists).ChildRules(a =>
        {
            a.RuleFor(x => x.PersonId).NotNull().NotEqual(Guid.Empty);
            a.RuleFor(x => x.Role).NotNull();
            a.RuleFor(x => x.SchoolYear).NotEmpty().Must(SchoolYears.IsValid).WithMessage(SchoolYears.Rule);
            a.RuleFor(x => x.PlannedHours).NotNull().InclusiveBetween(1, 1000);
        });
        RuleFor(p => p.FollowUpIntervalWeeks).InclusiveBetween(1, 26);
    }

    private static bool NoOverlapWithinAType(IReadOnlyList<TypePeriod>? types) =>
        types is null || types.Where(t => t.Type is not null && t.Start is not null).GroupBy(t => t.Type).All(g =>
        {
            var ordered = g.OrderBy(t => t.Start).ToList();
            return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.End is { } end && end < pair.Second.Start);
        });
}
