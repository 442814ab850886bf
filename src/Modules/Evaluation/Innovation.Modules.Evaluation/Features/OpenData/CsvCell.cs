using System.Globalization;

namespace Innovation.Modules.Evaluation.Features.OpenData;

/// <summary>
/// One CSV cell as RFC 4180 writes it, neutralised against formula injection: a text that a spreadsheet would read as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is prefixed with an apostrophe. Numbers are
/// written as numbers (invariant culture), never neutralised, so a negative effect stays a number.
/// </summary>
internal static class CsvCell
{
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
