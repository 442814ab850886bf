using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Domain;

namespace Innovation.Modules.Projects.Features.Funding;

/// <summary>A funding line of a project. Amounts are euros with exactly 2 decimals.</summary>
/// <param name="Id">The line's id.</param>
/// <param name="Scheme">The funding scheme.</param>
/// <param name="Year" example="2026">The funding year.</param>
/// <param name="AmountRequested" example="4500.50">Euros requested.</param>
/// <param name="AmountGranted" example="3000.00">Euros granted, once known.</param>
/// <param name="IsTopUp">True for a top-up (the grant may exceed the request).</param>
/// <param name="Note">A note.</param>
/// <param name="CreatedAt">When the line was added.</param>
internal sealed record FundingLine(Guid Id, FundingScheme Scheme, int Year, decimal AmountRequested, decimal? AmountGranted, bool IsTopUp, string? Note, DateTimeOffset CreatedAt);

/// <summary>A project's funding lines and their totals.</summary>
/// <param name="Items">Lines by year, then scheme, then creation.</param>
/// <param name="TotalRequested" example="4500.50">Sum of the amounts requested.</param>
/// <param name="TotalGranted" example="3000.00">Sum of the amounts granted so far (lines without a grant count as 0).</param>
internal sealed record FundingList(IReadOnlyList<FundingLine> Items, decimal TotalRequested, decimal TotalGranted);

/// <summary>
/// projects.project_funding. Amounts are bound as <see cref="decimal"/> on both engines: DECIMAL(12, 2)
/// on SQL Server, exact decimal text on SQLite (never REAL), and read back as decimal.
/// </summary>
internal static class FundingTable
{
    public const int MaxPerProject = 100;

    internal const string SelectColumns = """
        SELECT id AS Id, scheme AS Scheme, year AS Year, amount_requested AS AmountRequested, amount_granted AS AmountGranted,
               is_top_up AS IsTopUp, note AS Note, created_at AS CreatedAt
        FROM projects.project_funding

        """;

    internal const string FindSql = SelectColumns + "WHERE project_id = @ProjectId AND id = @Id";

    internal const string ListSql = SelectColumns + "WHERE project_id = @ProjectId ORDER BY year, scheme, created_at";

    internal const string CountSql = "SELECT COUNT(*) FROM projects.project_funding WHERE project_id = @ProjectId";

    internal const string InsertSql = """
        INSERT INTO projects.project_funding (id, project_id, scheme, year, amount_requested, amount_granted, is_top_up, note, created_at)
        VALUES (@Id, @ProjectId, @Scheme, @Year, @AmountRequested, @AmountGranted, @IsTopUp, @Note, @CreatedAt)
        """;

    internal const string UpdateSql = """
        UPDATE projects.project_funding
        SET scheme = @Scheme, year = @Year, amount_requested = @AmountRequested, amount_granted = @AmountGranted, is_top_up = @IsTopUp, note = @Note
        WHERE project_id = @ProjectId AND id = @Id
        """;

    internal const string DeleteSql = "DELETE FROM projects.project_funding WHERE project_id = @ProjectId AND id = @Id";

    /// <summary>A row of projects.project_funding.</summary>
    internal sealed class Row
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

        public FundingLine ToLine() => new(
            Id, ProjectCodes.Parse<FundingScheme>(Scheme), Year, Euros(AmountRequested), AmountGranted is { } granted ? Euros(granted) : null, IsTopUp, Note, CreatedAt);

        public static Row From(Guid projectId, Guid id, FundingDraft draft, DateTimeOffset now) => new()
        {
            Id = id,
            ProjectId = projectId,
            Scheme = ProjectCodes.Code(draft.Scheme!.Value),
            Year = draft.Year!.Value,
            AmountRequested = Euros(draft.AmountRequested!.Value),
            AmountGranted = draft.AmountGranted is { } granted ? Euros(granted) : null,
            IsTopUp = draft.IsTopUp ?? false,
            Note = string.IsNullOrWhiteSpace(draft.Note) ? null : draft.Note.Trim(),
            CreatedAt = now,
        };
    }

    /// <summary>The list with its totals, summed as decimals in C# (never by SQLite, which would sum as REAL).</summary>
    public static FundingList ListOf(IEnumerable<Row> rows)
    {
        var lines = rows.Select(r => r.ToLine()).ToList();
        return new FundingList(lines, Euros(lines.Sum(l => l.AmountRequested)), Euros(lines.Sum(l => l.AmountGranted ?? 0m)));
    }

    public static async Task<Row> FindAsync(DbConnection connection, Guid projectId, Guid id, DbTransaction? transaction = null) =>
        await connection.QuerySingleOrDefaultAsync<Row>(FindSql, new { ProjectId = projectId, Id = id }, transaction)
        ?? throw ProblemException.NotFound("funding line", id.ToString());

    /// <summary>Euros with exactly two decimals (12 → 12.00), so every amount reads back the same on both engines.</summary>
    public static decimal Euros(decimal amount) => decimal.Round(amount, 2) + 0.00m;
}
