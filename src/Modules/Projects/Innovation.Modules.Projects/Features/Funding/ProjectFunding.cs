using Innovation.BuildingBlocks.Aggregates;

namespace Innovation.Modules.Projects.Features.Funding;

/// <summary>A funding line as a client writes it (create or replace). Amounts are euros as JSON numbers with at most 2 decimals.</summary>
/// <param name="Scheme">The funding scheme.</param>
/// <param name="Year" example="2026">The funding year (the year of the call or budget).</param>
/// <param name="AmountRequested" example="4500.50">Euros requested (≥ 0, at most 2 decimals).</param>
/// <param name="AmountGranted" example="3000">
/// Euros granted, once known (≥ 0, at most 2 decimals, not above the request unless <c>isTopUp</c>).
/// </param>
/// <param name="IsTopUp">True for a top-up (<i>abondement</i>): the grant may then exceed the request. Default false.</param>
/// <param name="Note" example="Crédits votés en commission de novembre.">A note.</param>
internal sealed record FundingDraft(FundingScheme? Scheme, int? Year, decimal? AmountRequested, decimal? AmountGranted, bool? IsTopUp, string? Note);

internal sealed class FundingDraftValidator : AbstractValidator<FundingDraft>
{
    /// <summary>The largest amount DECIMAL(12, 2) holds.</summary>
    public const decimal MaxAmount = 9_999_999_999.99m;

    public FundingDraftValidator()
    {
        RuleFor(f => f.Scheme).NotNull().IsInEnum();
        RuleFor(f => f.Year).NotNull().InclusiveBetween(2000, 2100);
        RuleFor(f => f.AmountRequested).NotNull().InclusiveBetween(0m, MaxAmount)
            .Must(HaveAtMostTwoDecimals).WithMessage("Amounts are euros with at most 2 decimals.");
        RuleFor(f => f.AmountGranted).InclusiveBetween(0m, MaxAmount)
            .Must(HaveAtMostTwoDecimals).WithMessage("Amounts are euros with at most 2 decimals.");
        RuleFor(f => f.AmountGranted).LessThanOrEqualTo(f => f.AmountRequested)
            .When(f => f.AmountGranted is not null && f.AmountRequested is not null && f.IsTopUp != true)
            .WithMessage(f =>
                $"The amount granted ({f.AmountGranted}) exceeds the amount requested ({f.AmountRequested}); set isTopUp to true for a top-up.");
        RuleFor(f => f.Note).MaximumLength(1000);
    }

    private static bool HaveAtMostTwoDecimals(decimal? amount) => amount is not { } value || decimal.Round(value, 2) == value;
}

/// <summary>A funding line of a project. Amounts are euros with exactly 2 decimals.</summary>
/// <param name="Id">The line's id.</param>
/// <param name="Scheme">The funding scheme.</param>
/// <param name="Year" example="2026">The funding year.</param>
/// <param name="AmountRequested" example="4500.50">Euros requested.</param>
/// <param name="AmountGranted" example="3000.00">Euros granted, once known.</param>
/// <param name="IsTopUp">True for a top-up (the grant may exceed the request).</param>
/// <param name="Note">A note.</param>
/// <param name="CreatedAt">When the line was added.</param>
internal sealed record FundingLine(
    Guid Id, FundingScheme Scheme, int Year, decimal AmountRequested, decimal? AmountGranted, bool IsTopUp, string? Note, DateTimeOffset CreatedAt);

/// <summary>A project's funding lines and their totals.</summary>
/// <param name="Items">Lines by year, then scheme, then creation.</param>
/// <param name="TotalRequested" example="4500.50">Sum of the amounts requested.</param>
/// <param name="TotalGranted" example="3000.00">Sum of the amounts granted so far (lines without a grant count as 0).</param>
internal sealed record FundingList(IReadOnlyList<FundingLine> Items, decimal TotalRequested, decimal TotalGranted);

/// <summary>
/// The funding lines of a project (projects.project_funding), at most 100. Amounts are bound as <see cref="decimal"/>
/// on both engines: DECIMAL(12, 2) on SQL Server, exact decimal text on SQLite (never REAL), and read back as decimal.
/// </summary>
internal sealed class ProjectFunding() : ChildCollection<ProjectTable.Row, FundingDraft, ProjectFunding.Row, FundingLine, FundingList>(
    ProjectAttachments.Rules)
{
    internal const string UpdateSql = """
        UPDATE projects.project_funding
        SET scheme = @Scheme, year = @Year, amount_requested = @AmountRequested, amount_granted = @AmountGranted, is_top_up = @IsTopUp,
            note = @Note
        WHERE project_id = @ProjectId AND id = @Id
        """;

    protected override ChildSql Sql { get; } = ChildSql.ForTable(
        "projects.project_funding", "project_id", "scheme, year, amount_requested, amount_granted, is_top_up, note, created_at",
        orderBy: "year, scheme {{binary}}, created_at", UpdateSql);

    protected override ChildRoutes Routes { get; } = new(
        "funding", "fundingId",
        Add: new("AddProjectFunding", "Add a funding line to a project",
            "Adds a funding line (up to 100 per project, 409 `too_many_funding_lines` beyond). Amounts are euros as JSON numbers with at most "
            + "2 decimals; the grant may not exceed the request unless `isTopUp` is true. " + ProjectAttachments.AddDescription),
        List: new("ListProjectFunding", "List a project's funding lines, with totals",
            "Every funding line of the project (at most 100, so the list is never paged) by year and scheme, with the total requested and the "
            + "total granted. Amounts always have 2 decimals. The ETag is the project's."),
        Get: new("GetProjectFunding", "Get one funding line of a project",
            "The ETag is the project's: send it in If-Match to replace or remove the line."),
        Remove: new("RemoveProjectFunding", "Remove a funding line from a project",
            ProjectAttachments.RemoveDescription),
        Replace: new("UpdateProjectFunding", "Replace a funding line of a project",
            "Replaces every field of the funding line (same rules as when adding it). " + ProjectAttachments.ReplaceDescription));

    protected override int MaxPerParent => 100;

    protected override ChildNames Names { get; } = new("funding line", "funding lines") { TooManyCode = "too_many_funding_lines" };

    protected override Row ToRow(Guid parentId, Guid id, FundingDraft draft, DateTimeOffset now) => new()
    {
        Id = id,
        ProjectId = parentId,
        Scheme = StableCode.Of(draft.Scheme!.Value),
        Year = draft.Year!.Value,
        AmountRequested = Euros(draft.AmountRequested!.Value),
        AmountGranted = draft.AmountGranted is { } granted ? Euros(granted) : null,
        IsTopUp = draft.IsTopUp ?? false,
        Note = string.IsNullOrWhiteSpace(draft.Note) ? null : draft.Note.Trim(),
        CreatedAt = now,
    };

    protected override FundingLine ToItem(Row row) => new(
        row.Id, StableCode.Parse<FundingScheme>(row.Scheme), row.Year, Euros(row.AmountRequested),
        row.AmountGranted is { } granted ? Euros(granted) : null, row.IsTopUp, row.Note, row.CreatedAt);

    /// <summary>The list with its totals, summed as decimals in C# (never by SQLite, which would sum as REAL).</summary>
    protected override FundingList ToList(IEnumerable<Row> rows)
    {
        var lines = rows.Select(ToItem).ToList();
        return new FundingList(lines, Euros(lines.Sum(l => l.AmountRequested)), Euros(lines.Sum(l => l.AmountGranted ?? 0m)));
    }

    /// <summary>Euros with exactly two decimals (12 → 12.00), so every amount reads back the same on both engines.</summary>
    private static decimal Euros(decimal amount) => decimal.Round(amount, 2) + 0.00m;

    /// <summary>A row of projects.project_funding.</summary>
    internal sealed class Row : IChildRow
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Scheme { get; set; } = "";
        public int Year { get; set; }
        public decimal AmountRequested { get; set; }
        public decimal? AmountGranted { get; set; }
        public bool IsTopUp { get; set; }
        public string? Note { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
