using System.Globalization;
using System.Text.RegularExpressions;

namespace Innovation.Modules.Accompaniment.Domain;

/// <summary>The three levels at which the guide reads a team's needs.</summary>
internal enum NeedLevel
{
    Individual,
    Collective,
    Territorial,
}

/// <summary>A need a diagnosis may find; each belongs to one <see cref="NeedLevel"/> (<see cref="Needs.LevelOf"/>).</summary>
internal enum NeedCode
{
    Training,
    Tutoring,
    Mentoring,
    TechnicalHelp,
    TeamFacilitation,
    SchoolMeeting,
    NetworkMobilisation,
    FundingSearch,
    Partnerships,
    Networking,
}

internal enum DiagnosedNeedPriority
{
    High,
    Medium,
    Low,
}

/// <summary>How the needs were diagnosed.</summary>
internal enum DiagnosisTool
{
    Interview,
    Questionnaire,
    SelfPositioning,
}

/// <summary>The guide's accompaniment types, which a plan combines and changes over time.</summary>
internal enum AccompanimentType
{
    Proximity,
    Institutional,
    Research,
    HybridRemote,
}

internal enum AccompanistRole
{
    Peer,
    Trainer,
    PedagogicalReferent,
    Cpc,
    Inspector,
    HeadOfSchool,
    AcademieService,
    Researcher,
    RemoteFacilitator,
}

/// <summary>proposed → active (a carrier accepts) → closed; proposed → declined (a carrier declines).</summary>
internal enum PlanStatus
{
    Proposed,
    Active,
    Declined,
    Closed,
}

internal static class Needs
{
    public static NeedLevel LevelOf(NeedCode code) => code switch
    {
        NeedCode.Training or NeedCode.Tutoring or NeedCode.Mentoring or NeedCode.TechnicalHelp => NeedLevel.Individual,
        NeedCode.TeamFacilitation or NeedCode.SchoolMeeting or NeedCode.NetworkMobilisation => NeedLevel.Collective,
        _ => NeedLevel.Territorial,
    };
}

internal static partial class SchoolYears
{
    public const string Rule = "A school year is written like 2025-2026 (two consecutive years).";

    /// <summary>"2025-2026": two consecutive years.</summary>
    public static bool IsValid(string? year) =>
        year is not null && Pattern().IsMatch(year)
        && int.Parse(year.AsSpan(5, 4), CultureInfo.InvariantCulture) == int.Parse(year.AsSpan(0, 4), CultureInfo.InvariantCulture) + 1;

    [GeneratedRegex("^[0-9]{4}-[0-9]{4}$")]
    private static partial Regex Pattern();
}

/// <summary>Département codes as the directory writes them: 95 → 095, 2A stays.</summary>
internal static class Departements
{
    public static string Normalize(string code)
    {
        var trimmed = code.Trim().ToUpperInvariant();
        return trimmed.Length < 3 && trimmed.All(char.IsAsciiDigit) ? trimmed.PadLeft(3, '0') : trimmed;
    }
}
