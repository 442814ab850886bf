namespace Innovation.Modules.Evaluation.Features.Grids;

/// <summary>A level of a criterion as a client writes it; its rank is its place in the list, from 1.</summary>
/// <param name="Label" example="En construction">The level's name (at most 100 characters).</param>
/// <param name="Descriptor" example="L'équipe se réunit quand un problème se pose.">What the level looks like in practice (at most 1,000
/// characters).</param>
internal sealed record GridLevelDraft(string? Label, string? Descriptor);

/// <summary>A criterion of a grid as a client writes it.</summary>
/// <param name="Code" example="collaboration">Its code, unique in the grid (a letter, then letters, digits, `_`, `-` or `.`; at most 40).</param>
/// <param name="Label" example="Travail collaboratif">The criterion (at most 200 characters).</param>
/// <param name="Levels">Its levels from the first to the most advanced (2–10).</param>
internal sealed record CriterionDraft(string? Code, string? Label, IReadOnlyList<GridLevelDraft>? Levels);

/// <summary>A self-positioning grid as a client writes it: criteria co-constructed with the team that will position itself.</summary>
/// <param name="Title" example="Grille d'auto-positionnement de l'équipe projet">Title (at most 200 characters).</param>
/// <param name="Description" example="Co-construite avec l'équipe lors de la séance du 5 octobre.">How and with whom it was built (at most
/// 4,000 characters).</param>
/// <param name="Criteria">The criteria (1–30, codes distinct).</param>
/// <param name="Academie" example="25">Académie code or name; defaults to the caller's. A national credential must give it.</param>
internal sealed record GridDraft(string? Title, string? Description, IReadOnlyList<CriterionDraft>? Criteria, string? Academie)
{
    /// <summary>The grid's académie: the one named, else the caller's; a 400 for an unknown one or none, a 403 for another one.</summary>
    public Task<string> AcademieAsync(IMediator mediator, Caller caller, CancellationToken cancellationToken) =>
        DraftAcademie.ResolveAsync(Academie, mediator, caller, cancellationToken);
}

internal sealed class GridDraftValidator : AbstractValidator<GridDraft>
{
    public GridDraftValidator()
    {
        RuleFor(g => g.Title).NotEmpty().MaximumLength(200);
        RuleFor(g => g.Description).MaximumLength(4000);
        RuleFor(g => g.Criteria).NotEmpty().Must(c => c is null || c.Count <= 30).WithMessage("At most 30 criteria.")
            .Must(c => c is null || c.Select(x => x?.Code?.Trim()).Distinct(StringComparer.Ordinal).Count() == c.Count)
            .WithMessage("Each criterion code once.");
        RuleForEach(g => g.Criteria).NotNull().ChildRules(criterion =>
        {
            criterion.RuleFor(c => c.Code).NotEmpty().Matches("^[A-Za-z][A-Za-z0-9_.-]{0,39}$")
                .WithMessage("A letter, then letters, digits, '_', '-' or '.' (at most 40 characters).");
            criterion.RuleFor(c => c.Label).NotEmpty().MaximumLength(200);
            criterion.RuleFor(c => c.Levels).NotNull().Must(l => l is null || l.Count is >= 2 and <= 10).WithMessage("Between 2 and 10 levels.");
            criterion.RuleForEach(c => c.Levels).NotNull().ChildRules(level =>
            {
                level.RuleFor(l => l.Label).NotEmpty().MaximumLength(100);
                level.RuleFor(l => l.Descriptor).NotEmpty().MaximumLength(1000);
            });
        });
    }
}
