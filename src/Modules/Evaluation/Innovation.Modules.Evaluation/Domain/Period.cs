using System.Globalization;

namespace Innovation.Modules.Evaluation.Domain;

/// <summary>
/// The period a measurement stands for: a school year (<c>2024-2025</c>, 1 September – 31 August), a month (<c>2025-03</c>) or a
/// day (<c>2025-03-14</c>). Its code is the measurement's key within its indicator; its last day places the value in time (progress
/// against the time elapsed) and its school year is what the dashboard and the export filter on.
/// </summary>
/// <param name="Code">The period as written back: the school year, month or day in the forms above.</param>
/// <param name="End">The period's last day.</param>
/// <param name="SchoolYear">The school year the period ends in.</param>
internal readonly record struct Period(string Code, DateOnly End, string SchoolYear)
{
    public const string Rule = "A period is a school year (2024-2025), a month (2025-03) or a day (2025-03-14).";

    public const string SchoolYearRule = "A school year is written 2024-2025 (two consecutive years).";

    /// <summary>The period <paramref name="text"/> names, or null when it names none.</summary>
    public static Period? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Of(day);
        }

        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            var end = first.AddMonths(1).AddDays(-1);
            return new Period(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), end, SchoolYearOf(end));
        }

        return SchoolYearStart(text) is { } start ? new Period(text, new DateOnly(start + 1, 8, 31), text) : null;
    }

    /// <summary>The period of one day.</summary>
    public static Period Of(DateOnly day) => new(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day, SchoolYearOf(day));

    /// <summary>The school year of a day: from 1 September to 31 August.</summary>
    public static string SchoolYearOf(DateOnly day)
    {
        var start = day.Month >= 9 ? day.Year : day.Year - 1;
        return $"{start}-{start + 1}";
    }

    /// <summary>The first calendar year of a school year written <c>2024-2025</c>, or null when the text is not one.</summary>
    public static int? SchoolYearStart(string? text) =>
        text is { Length: 9 } && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
        && int.TryParse(text.AsSpan(5, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var second)
        && second == first + 1 && first >= 1900
            ? first
            : null;
}
