using System.Text;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>A string literal found in C# source.</summary>
/// <param name="Line">1-based line of its opening quote.</param>
/// <param name="Start">Index of its first character (a <c>$</c>, <c>@</c> or quote) in the source.</param>
/// <param name="Text">Its value, escapes resolved and each interpolation hole replaced by the caller's sample.</param>
/// <param name="Interpolated">True for <c>$"…"</c> and <c>$"""…"""</c> literals.</param>
internal sealed record CSharpStringLiteral(int Line, int Start, string Text, bool Interpolated);

/// <summary>
/// Just enough of a C# lexer to find string literals (regular, verbatim, raw and interpolated ones)
/// while skipping comments and character literals, so SQL written outside a constant can be checked.
/// </summary>
internal static class CSharpStringLiterals
{
    public static IReadOnlyList<CSharpStringLiteral> Read(string source, string holeSample)
    {
        var found = new List<CSharpStringLiteral>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && At(source, i + 1) == '/')
            {
                var end = source.IndexOf('\n', i);
                i = end < 0 ? source.Length : end + 1;
            }
            else if (c == '/' && At(source, i + 1) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 2;
            }
            else if (c == '\'')
            {
                i = SkipCharLiteral(source, i);
            }
            else if (c is '"' or '$' or '@' && TryRead(source, i, holeSample, out var text, out var interpolated, out var next))
            {
                found.Add(new CSharpStringLiteral(LineOf(source, i), i, text, interpolated));
                i = next;
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    /// <summary>The source text from the start of the literal's line up to the literal.</summary>
    public static string LinePrefix(string source, CSharpStringLiteral literal)
    {
        var lineStart = source.LastIndexOf('\n', Math.Max(0, literal.Start - 1)) + 1;
        return source[lineStart..literal.Start];
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int LineOf(string s, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (s[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static int SkipCharLiteral(string s, int i)
    {
        var j = i + 1;
        if (At(s, j) == '\\')
        {
            j += 2;
            while (j < s.Length && s[j] != '\'' && s[j] != '\n')
            {
                j++;
            }
        }
        else
        {
            j++;
        }

        return At(s, j) == '\'' ? j + 1 : i + 1;
    }

    private static bool TryRead(string s, int i, string holeSample, out string text, out bool interpolated, out int next)
    {
        text = "";
        next = i;
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < s.Length && s[j] is '$' or '@')
        {
            if (s[j] == '$')
            {
                dollars++;
            }
            else if (verbatim)
            {
                interpolated = false;
                return false;
            }
            else
            {
                verbatim = true;
            }

            j++;
        }

        interpolated = dollars > 0;
        if (At(s, j) != '"')
        {
            return false;
        }

        var quotes = 0;
        while (At(s, j + quotes) == '"')
        {
            quotes++;
        }

        var value = new StringBuilder();
        if (!verbatim && quotes >= 3)
        {
            next = ReadRaw(s, j + quotes, quotes, dollars, holeSample, value);
        }
        else if (!verbatim && quotes == 2)
        {
            next = j + 2;
        }
        else
        {
            next = ReadQuoted(s, j + 1, verbatim, dollars > 0, holeSample, value);
        }

        text = value.ToString();
        return true;
    }

    private static int ReadQuoted(string s, int k, bool verbatim, bool interpolated, string holeSample, StringBuilder value)
    {
        while (k < s.Length)
        {
            var c = s[k];
            if (c == '"')
            {
                if (verbatim && At(s, k + 1) == '"')
                {
                    value.Append('"');
                    k += 2;
                    continue;
                }

                return k + 1;
            }

            if (!verbatim && c == '\\')
            {
                value.Append(At(s, k + 1) switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    '0' => '\0',
                    var other => other,
                });
                k += 2;
                continue;
            }

            if (!verbatim && c == '\n')
            {
                return k;
            }

            if (interpolated && c is '{' or '}')
            {
                if (At(s, k + 1) == c)
                {
                    value.Append(c);
                    k += 2;
                    continue;
                }

                if (c == '{')
                {
                    value.Append(holeSample);
                    k = SkipHole(s, k + 1, 1);
                    continue;
                }
            }

            value.Append(c);
            k++;
        }

        return k;
    }

    private static int ReadRaw(string s, int k, int quotes, int dollars, string holeSample, StringBuilder value)
    {
        var closing = new string('"', quotes);
        while (k < s.Length)
        {
            if (string.CompareOrdinal(s, k, closing, 0, quotes) == 0)
            {
                return k + quotes;
            }

            if (dollars > 0 && s[k] == '{')
            {
                var run = 0;
                while (At(s, k + run) == '{')
                {
                    run++;
                }

                if (run >= dollars)
                {
                    value.Append('{', run - dollars).Append(holeSample);
                    k = SkipHole(s, k + run, dollars);
                    continue;
                }

                value.Append('{', run);
                k += run;
                continue;
            }

            value.Append(s[k]);
            k++;
        }

        return k;
    }

    /// <summary>Skips an interpolation hole's expression (nested braces, strings and characters included).</summary>
    private static int SkipHole(string s, int k, int closingBraces)
    {
        var depth = 0;
        while (k < s.Length)
        {
            var c = s[k];
            if (c == '\'')
            {
                k = SkipCharLiteral(s, k);
            }
            else if (c is '"' or '$' or '@' && TryRead(s, k, "", out _, out _, out var next))
            {
                k = next;
            }
            else if (c == '{')
            {
                depth++;
                k++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
                k++;
            }
            else if (c == '}')
            {
                var run = 0;
                while (run < closingBraces && At(s, k + run) == '}')
                {
                    run++;
                }

                return k + run;
            }
            else
            {
                k++;
            }
        }

        return k;
    }
}
