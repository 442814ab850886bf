namespace Innovation.Modules.Evaluation;

/// <summary>
/// The scopes of the Evaluation endpoints. In the module's root namespace, so its features find these
/// before the platform's <c>Innovation.BuildingBlocks.Security.Scopes</c>.
/// </summary>
internal static class Scopes
{
    /// <summary>Read the académie's evaluation: indicators, measurements, dashboards, questionnaires, campaigns and their results,
    /// grids, reports.</summary>
    public const string EvaluationRead = "evaluation:read";

    /// <summary>Write it: indicators and measurements, questionnaires, campaigns and their responses, grids and positionings,
    /// reports.</summary>
    public const string EvaluationWrite = "evaluation:write";

    /// <summary>Approve or return submitted measurements (never one's own).</summary>
    public const string EvaluationApprove = "evaluation:approve";

    public static readonly IReadOnlyList<string> All = [EvaluationRead, EvaluationWrite, EvaluationApprove];
}
