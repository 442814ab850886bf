namespace Innovation.Api.Tests.SqlServer;

/// <summary>A migration script on disk: <c>db-migrations/{engine}/{schema}/{file}</c>.</summary>
/// <param name="Engine"><c>sqlite</c> or <c>sqlserver</c>.</param>
/// <param name="Schema">The first folder under the engine folder (null for a file lying directly in it).</param>
/// <param name="RelativePath">Path under the engine folder, with forward slashes (what a failure names).</param>
/// <param name="FullPath">Absolute path.</param>
public sealed record MigrationFile(string Engine, string? Schema, string RelativePath, string FullPath)
{
    public string FileName => Path.GetFileName(FullPath);

    public string Text => File.ReadAllText(FullPath);

    public override string ToString() => $"db-migrations/{Engine}/{RelativePath}";
}

/// <summary>Where the repository's files are, found from the test run's own folder.</summary>
internal static class RepositoryLayout
{
    public const string SqliteEngine = "sqlite";
    public const string SqlServerEngine = "sqlserver";

    private const string SolutionFile = "Innovation.Api.sln";

    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>Innovation.Api.sln</c>.</summary>
    public static string Root => RootPath.Value;

    public static string SourceFolder => Path.Combine(Root, "src");

    public static string MigrationsFolder(string engine) => Path.Combine(Root, "db-migrations", engine);

    /// <summary>Every file under <c>db-migrations/{engine}/</c>, whatever its extension, in schema then name order.</summary>
    public static IReadOnlyList<MigrationFile> MigrationFiles(string engine)
    {
        var folder = MigrationsFolder(engine);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path =>
            {
                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                var slash = relative.IndexOf('/', StringComparison.Ordinal);
                return new MigrationFile(engine, slash < 0 ? null : relative[..slash], relative, path);
            })
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The schema folders of one engine (<c>db-migrations/{engine}/*</c>).</summary>
    public static IReadOnlyList<string> SchemaFolders(string engine) =>
        Directory.Exists(MigrationsFolder(engine))
            ? Directory.EnumerateDirectories(MigrationsFolder(engine)).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Every C# source file of the application (generated <c>obj/</c> and <c>bin/</c> files excluded).</summary>
    public static IReadOnlyList<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path =>
            {
                var parts = Path.GetRelativePath(SourceFolder, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                return !parts.Contains("obj") && !parts.Contains("bin");
            })
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A path relative to the repository root, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        // TestContext gives the test assembly's folder while tests run; during discovery NUnit may
        // not know the current test yet, so the application base folder is the fallback.
        var starts = new List<string>();
        try
        {
            starts.Add(TestContext.CurrentContext.TestDirectory);
        }
        catch (Exception)
        {
            // No NUnit context (e.g. while building test cases): use the fallback below.
        }

        starts.Add(AppContext.BaseDirectory);
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"No folder holding {SolutionFile} above {string.Join(" or ", starts)}: the tests must run from inside the repository.");
    }
}
