using FluentValidation.Results;

namespace Innovation.Modules.Projects.Features.Plan;

/// <summary>Where a phase or milestone stands.</summary>
internal enum PlanItemState
{
    Planned,
    InProgress,
    Done,

    /// <summary>Behind schedule.</summary>
    Late,
}

/// <summary>A project's whole plan as a client writes it (it replaces the previous plan).</summary>
/// <param name="Phases">Phases (up to 100). Keys are the client's own and unique across phases and milestones.</param>
/// <param name="Milestones">Milestones (up to 200).</param>
internal sealed record PlanDraft(IReadOnlyList<PhaseDraft>? Phases, IReadOnlyList<MilestoneDraft>? Milestones);

/// <summary>A phase of the plan.</summary>
/// <param name="Key" example="explore">The client's key for this phase (letters, digits, <c>-</c>, <c>_</c>; 40 at most).</param>
/// <param name="Title" example="Sorties d'observation">Title.</param>
/// <param name="Start" example="2026-09-01">First day.</param>
/// <param name="End" example="2026-12-18">Last day (not before the start).</param>
/// <param name="Responsible" example="Professeure de CM2">Who is responsible (a name or a role, free text).</param>
/// <param name="State">State (default <c>planned</c>).</param>
/// <param name="DependsOn">Keys of the phases or milestones this phase waits for.</param>
internal sealed record PhaseDraft(string? Key, string? Title, DateOnly? Start, DateOnly? End, string? Responsible, PlanItemState? State,
    IReadOnlyList<string>? DependsOn);

/// <summary>A milestone of the plan.</summary>
/// <param name="Key" example="exposes">The client's key for this milestone.</param>
/// <param name="Title" example="Exposés devant les parents">Title.</param>
/// <param name="Date" example="2026-12-15">Date; within its phase's dates when it belongs to a phase.</param>
/// <param name="Phase" example="explore">Key of the phase it belongs to (optional: a milestone may stand for the whole project).</param>
/// <param name="Responsible" example="CPC sciences">Who is responsible (a name or a role, free text).</param>
/// <param name="State">State (default <c>planned</c>).</param>
/// <param name="DependsOn">Keys of the phases or milestones this milestone waits for.</param>
internal sealed record MilestoneDraft(string? Key, string? Title, DateOnly? Date, string? Phase, string? Responsible, PlanItemState? State,
    IReadOnlyList<string>? DependsOn);

/// <summary>
/// Every rule of a plan, each failure named by the JSON path of the faulty field: the fields, then
/// the rules across items (unique keys, known references, milestones inside their phase, no
/// dependency cycle).
/// </summary>
internal sealed class PlanDraftValidator : AbstractValidator<PlanDraft>
{
    // Null items are refused with Must, not NotNull, so OpenAPI keeps both lists optional (an omitted list is empty).
    private const string KeyPattern = "^[A-Za-z0-9_-]{1,40}$";

    public PlanDraftValidator()
    {
        RuleFor(p => p.Phases).Must(p => p!.Count <= 100).When(p => p.Phases is not null).WithMessage("A plan has at most 100 phases.");
        RuleFor(p => p.Milestones).Must(m => m!.Count <= 200).When(p => p.Milestones is not null).WithMessage("A plan has at most 200 milestones.");
        RuleForEach(p => p.Phases).Must(x => x is not null).WithMessage("A phase cannot be null.").ChildRules(phase =>
        {
            phase.RuleFor(x => x.Key).NotEmpty().Matches(KeyPattern).WithMessage("A key is 1 to 40 letters, digits, '-' or '_'.");
            phase.RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            phase.RuleFor(x => x.Start).NotNull();
            phase.RuleFor(x => x.End).NotNull();
            phase.RuleFor(x => x.End).GreaterThanOrEqualTo(x => x.Start).When(x => x.Start is not null && x.End is not null)
                .WithMessage(x => $"Phase '{x.Key}' ends ({x.End:yyyy-MM-dd}) before it starts ({x.Start:yyyy-MM-dd}).");
            phase.RuleFor(x => x.Responsible).MaximumLength(200);
            phase.RuleFor(x => x.State).IsInEnum();
            phase.RuleFor(x => x.DependsOn).Must(d => d!.Count <= 20).When(x => x.DependsOn is not null)
                .WithMessage("At most 20 dependencies per item.");
        });
        RuleForEach(p => p.Milestones).Must(x => x is not null).WithMessage("A milestone cannot be null.").ChildRules(milestone =>
        {
            milestone.RuleFor(x => x.Key).NotEmpty().Matches(KeyPattern).WithMessage("A key is 1 to 40 letters, digits, '-' or '_'.");
            milestone.RuleFor(x => x.Title).NotEmpty().MaximumLength(200);
            milestone.RuleFor(x => x.Date).NotNull();
            milestone.RuleFor(x => x.Responsible).MaximumLength(200);
            milestone.RuleFor(x => x.State).IsInEnum();
            milestone.RuleFor(x => x.DependsOn).Must(d => d!.Count <= 20).When(x => x.DependsOn is not null)
                .WithMessage("At most 20 dependencies per item.");
        });

        // Hung on a member (not on the plan itself) because the OpenAPI filter keys rules by member name.
        RuleFor(p => p.Phases).Custom((_, context) => CrossItemRules(context.InstanceToValidate, context));
    }

    private static void CrossItemRules(PlanDraft plan, ValidationContext<PlanDraft> context)
    {
        var phases = (plan.Phases ?? []).Select((p, i) => (Item: p, Path: $"phases[{i}]")).Where(p => p.Item is not null).ToList();
        var milestones = (plan.Milestones ?? []).Select((m, i) => (Item: m, Path: $"milestones[{i}]")).Where(m => m.Item is not null).ToList();
        var items = phases.Select(p => (p.Item.Key, p.Path, DependsOn: p.Item.DependsOn))
            .Concat(milestones.Select(m => (m.Item.Key, m.Path, DependsOn: m.Item.DependsOn)))
            .Where(i => !string.IsNullOrWhiteSpace(i.Key))
            .ToList();

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.Where(item => !keys.Add(item.Key!)))
        {
            context.AddFailure(new ValidationFailure($"{item.Path}.key", $"The key '{item.Key}' is used twice in the plan."));
        }

        var phaseByKey = phases.Where(p => p.Item.Key is not null).GroupBy(p => p.Item.Key!).ToDictionary(g => g.Key, g => g.First().Item);
        foreach (var (milestone, path) in milestones)
        {
            if (milestone.Phase is null)
            {
                continue;
            }

            if (!phaseByKey.TryGetValue(milestone.Phase, out var phase))
            {
                context.AddFailure(new ValidationFailure($"{path}.phase", $"No phase has the key '{milestone.Phase}'."));
            }
            else if (milestone.Date is { } date && phase.Start is { } start && phase.End is { } end && (date < start || date > end))
            {
                context.AddFailure(new ValidationFailure($"{path}.date",
                    $"Milestone '{milestone.Key}' ({date:yyyy-MM-dd}) is outside its phase '{phase.Key}' ({start:yyyy-MM-dd} to {end:yyyy-MM-dd})."));
            }
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, path, dependsOn) in items)
        {
            for (var d = 0; d < (dependsOn?.Count ?? 0); d++)
            {
                var target = dependsOn![d];
                if (target == key)
                {
                    context.AddFailure(new ValidationFailure($"{path}.dependsOn[{d}]", $"'{key}' cannot depend on itself."));
                }
                else if (target is null || !keys.Contains(target))
                {
                    context.AddFailure(new ValidationFailure($"{path}.dependsOn[{d}]", $"No phase or milestone has the key '{target}'."));
                }
                else
                {
                    (edges.TryGetValue(key!, out var list) ? list : edges[key!] = []).Add(target);
                }
            }
        }

        if (FindCycle(edges) is { } cycle)
        {
            var path = items.First(i => i.Key == cycle[0]).Path;
            context.AddFailure(new ValidationFailure($"{path}.dependsOn", $"Dependency cycle: {string.Join(" → ", cycle)}."));
        }
    }

    /// <summary>One cycle of the dependency graph as its keys (first key repeated at the end), or null.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, List<string>> edges)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);

        IReadOnlyList<string>? Visit(string key)
        {
            if (onStack.Contains(key))
            {
                return [.. stack.SkipWhile(k => k != key), key];
            }

            if (!done.Add(key))
            {
                return null;
            }

            stack.Add(key);
            onStack.Add(key);
            foreach (var next in edges.GetValueOrDefault(key) ?? [])
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            onStack.Remove(key);
            return null;
        }

        return edges.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
