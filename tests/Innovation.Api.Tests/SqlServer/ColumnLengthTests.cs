using System.Globalization;
using System.Text.RegularExpressions;

namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Every text a validator lets through fits the SQL Server column that stores it: SQLite stores any
/// length, SQL Server refuses a longer value ("String or binary data would be truncated", a 500).
/// The validators' maximum lengths are read from the source (<c>RuleFor(x => x.Name)...MaximumLength(200)</c>,
/// child rules included), the columns from the SQL Server migrations, and the link between them from
/// every INSERT and UPDATE the code sends: a parameter named as a validated property of the statement's
/// namespace must fit its column. Columns computed from several validated texts are listed below.
/// </summary>
public sealed partial class ColumnLengthTests
{
    /// <summary>Columns that store a text computed from validated ones, joined by a separator (search keys).</summary>
    private static readonly DerivedColumn[] Derived =
    [
        new("networks.school.search_text", ["Name", "Commune"]),
        new("networks.person.search_text", ["FirstName", "LastName"]),
        new("networks.network.search_text", ["Name", "Description"]),
    ];

    /// <summary>
    /// Validated properties whose text is not what is stored: an académie is given by name or code and stored as the
    /// code of the reference list (networks.academie.code, NVARCHAR(10)), found by FindAcademie or refused.
    /// </summary>
    private static readonly string[] StoredResolved = ["Academie"];

    /// <summary>The parameters statements write the caller's id (<c>Caller.Id</c>) with.</summary>
    private static readonly string[] CallerIdParameters = ["Actor", "By", "CreatedBy", "UpdatedBy", "SubmittedBy", "DecidedBy", "ReviewedBy"];

    private static readonly Lazy<Checked> Result = new(Check);

    [Test]
    public void Every_validated_text_fits_the_sql_server_column_that_stores_it()
    {
        var result = Result.Value;

        result.Problems.Should().BeEmpty();
        result.TooShort.Should().BeEmpty("a column must hold the longest text its validator accepts");
    }

    [Test]
    public void The_check_sees_the_validators_and_writes_of_every_module_and_the_host()
    {
        var result = Result.Value;

        result.CheckedNamespaces.Should().Contain(
            n => n.StartsWith("Innovation.Api.", StringComparison.Ordinal), "the host validates and stores texts too");
        foreach (var module in Architecture.AppAssemblies.ModuleNames)
        {
            result.CheckedNamespaces.Should().Contain(n => n.StartsWith($"Innovation.Modules.{module}.", StringComparison.Ordinal),
                $"{module} stores validated texts, so the check must pair some of them with their columns");
        }
    }

    [Test]
    public void Every_search_key_column_is_declared_as_derived()
    {
        var written = Result.Value.Written.Where(w => w.Parameter.EndsWith("SearchText", StringComparison.Ordinal))
            .Select(w => $"{w.Table}.{w.Column}").Distinct(StringComparer.OrdinalIgnoreCase);

        written.Should().BeEquivalentTo(Derived.Select(d => d.Column), "a search key holds several validated texts; declare its sources above");
    }

    /// <summary>
    /// Every column a statement writes the caller's id into (<c>updated_by</c>, actors) holds the longest one: <c>jwt:</c> and
    /// a token's subject, which authentication bounds for that reason (ADR 0005); no validator sees it.
    /// </summary>
    [Test]
    public void Every_column_that_records_a_caller_holds_the_longest_caller_id()
    {
        var longest = "jwt:".Length + Innovation.Api.Auth.AuthSetup.MaxSubjectLength;
        var schema = SqlServerSchemaModel.FromMigrations();
        var columns = Result.Value.Written.Where(w => CallerIdParameters.Contains(w.Parameter, StringComparer.Ordinal))
            .Select(w => (Name: $"{w.Table}.{w.Column}", Column: schema.Tables.GetValueOrDefault(w.Table)?.GetValueOrDefault(w.Column)))
            .Distinct()
            .ToList();

        columns.Should().HaveCountGreaterThan(10, "every module records who changed what");
        columns.Where(c => c.Column is null || (c.Column.Length is not -1 && c.Column.Length < longest))
            .Select(c => $"{c.Name} {c.Column?.Declared ?? "(not found)"}")
            .Should().BeEmpty($"a caller id has up to {longest} characters");
    }

    private static Checked Check()
    {
        var schema = SqlServerSchemaModel.FromMigrations();
        var maxima = ValidatedMaxima();
        var tooShort = new List<string>();
        var checkedNamespaces = new HashSet<string>(StringComparer.Ordinal);
        var written = new List<ColumnParameter>();
        foreach (var constant in TSqlStatementTests.DiscoverSqlConstants())
        {
            var space = constant.Owner.Namespace ?? "";
            foreach (var pair in StatementColumns.Of(TSqlStatementTests.ForSqlServer(constant.Sql), schema).Where(p => p.Written))
            {
                written.Add(pair);
                if (!schema.Tables.TryGetValue(pair.Table, out var columns) || !columns.TryGetValue(pair.Column, out var column)
                    || column.Length is null or -1)
                {
                    continue;
                }

                var name = $"{pair.Table}.{pair.Column}";
                int? required = Derived.FirstOrDefault(d => string.Equals(d.Column, name, StringComparison.OrdinalIgnoreCase)) is { } derived
                    ? derived.Sources.Sum(s => maxima.GetValueOrDefault((space, s))) + derived.Sources.Length - 1
                    : maxima.TryGetValue((space, pair.Parameter), out var max) ? max : null;
                if (required is null || StoredResolved.Contains(pair.Parameter, StringComparer.Ordinal))
                {
                    continue;
                }

                checkedNamespaces.Add(space);
                if (column.Length < required)
                {
                    tooShort.Add($"{name} is {column.Declared} but receives @{pair.Parameter} ({constant.Name}), " +
                        $"which {space} validates up to {required} characters");
                }
            }
        }

        return new Checked(tooShort.Distinct().Order(StringComparer.Ordinal).ToList(), checkedNamespaces, written, schema.Problems);
    }

    /// <summary>The largest <c>MaximumLength</c> (or <c>Length(min, max)</c>) each namespace's validators give each property name.</summary>
    private static Dictionary<(string Namespace, string Property), int> ValidatedMaxima()
    {
        var maxima = new Dictionary<(string, string), int>();
        var sources = RepositoryLayout.SourceFiles().Select(File.ReadAllText).ToList();
        foreach (var source in sources)
        {
            var space = FileNamespace().Match(source).Groups[1].Value;
            foreach (Match rule in LengthRule().Matches(source))
            {
                var property = rule.Groups["path"].Value.Split('.')[^1].TrimEnd('!', '?');
                var max = LengthValue(rule.Groups["max"].Value, source, sources);
                maxima[(space, property)] = Math.Max(max, maxima.GetValueOrDefault((space, property)));
            }
        }

        return maxima;
    }

    private static int LengthValue(string text, string source, List<string> sources)
    {
        if (int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // A named constant: declared in the same file, or else anywhere in src/.
        var declaration = new Regex($@"\b{Regex.Escape(text.Split('.')[^1])}\s*=\s*(?<n>\d[\d_]*)\s*;");
        var match = declaration.Match(source) is { Success: true } local
            ? local
            : sources.Select(s => declaration.Match(s)).FirstOrDefault(m => m.Success);
        match.Should().NotBeNull($"the length constant {text} must be found in src/");
        return int.Parse(match!.Groups["n"].Value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    // RuleFor(x => x.A.B).NotEmpty().MaximumLength(200), without crossing into another rule (child rules are matched on their own).
    [GeneratedRegex(
        @"RuleFor(Each)?\(\s*\w+\s*=>\s*(?<path>[\w.!?]+)\s*\)(?:(?!RuleFor)[^;])*?\.(?:MaximumLength\(\s*(?<max>[\w.]+)\s*\)" +
        @"|Length\(\s*[\w.]+\s*,\s*(?<max>[\w.]+)\s*\))")]
    private static partial Regex LengthRule();

    private sealed record DerivedColumn(string Column, string[] Sources);

    private sealed record Checked(
        List<string> TooShort, HashSet<string> CheckedNamespaces, List<ColumnParameter> Written, IReadOnlyList<string> Problems);
}
