using System.Globalization;
using System.Text.RegularExpressions;

namespace Innovation.Modules.Networks.Domain;

/// <summary>Kind of network or collective.</summary>
internal enum NetworkKind
{
    EducationNetwork,
    Bassin,
    Circonscription,
    ProfessionalCollective,
    CommunityOfPractice,
    MutualisationGroup,
}

/// <summary>A person's role in a network.</summary>
internal enum MemberRole
{
    Coordinator,
    Facilitator,
    Referent,
    Member,
    Relay,
}

/// <summary>Where a yearly objective of the network project stands.</summary>
internal enum ObjectiveStatus
{
    Planned,
    InProgress,
    Achieved,
    PartiallyAchieved,
    Abandoned,
}

/// <summary>Who a training need concerns.</summary>
internal enum TrainingAudience
{
    Teachers,
    HeadsOfSchool,
    SupportStaff,
    WholeTeam,
    Other,
}

/// <summary>How urgent a training need is for the school.</summary>
internal enum NeedPriority
{
    Low,
    Medium,
    High,
}

/// <summary>Kind of network event.</summary>
internal enum NetworkEventKind
{
    Meeting,
    InnovationSharingDay,
    CrossedObservation,
    FeteDeLApprendre,
}

/// <summary>Whether a person attended an event.</summary>
internal enum AttendanceStatus
{
    Present,
    Absent,
    Excused,
}

/// <summary>The partner of a convention.</summary>
internal enum ConventionPartnerKind
{
    Inspe,
    ResearchLaboratory,
    LocalAuthority,
    Association,
    Other,
}

/// <summary>Membership periods and school years: dates are inclusive, null bounds are open.</summary>
internal static partial class Periods
{
    /// <summary>ISO text of a date, as stored (text compares as dates do).</summary>
    public static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2025-2026": two consecutive years.</summary>
    public static bool IsSchoolYear(string? year)
    {
        if (year is null || !SchoolYearPattern().IsMatch(year))
        {
            return false;
        }

        return int.Parse(year.AsSpan(5, 4), CultureInfo.InvariantCulture) == int.Parse(year.AsSpan(0, 4), CultureInfo.InvariantCulture) + 1;
    }

    public const string SchoolYearRule = "A school year is written like 2025-2026 (two consecutive years).";

    [GeneratedRegex("^[0-9]{4}-[0-9]{4}$")]
    private static partial Regex SchoolYearPattern();
}
