using System.Diagnostics;
using Innovation.Api.Tests.SqlServer;

namespace Innovation.Api.Tests.Architecture;

/// <summary>
/// The hygiene gates the compiler cannot check (ADR 0018): no line of C# over 150 characters,
/// and no build output or compiled file tracked by git.
/// </summary>
[TestFixture]
public sealed class HygieneTests
{
    private const int MaxLineLength = 150;

    [Test]
    public void No_line_of_the_source_or_the_tests_is_over_150_characters()
    {
        var tooLong = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(Path.GetRelativePath(RepositoryLayout.Root, path)))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, number: index + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(RepositoryLayout.Root, l.path).Replace('\\', '/')}:{l.number} ({l.Length} characters)")
            .ToList();

        tooLong.Should().BeEmpty("every line of C# stays within {0} characters (.editorconfig, ADR 0018)", MaxLineLength);
    }

    [Test]
    public void Nothing_generated_is_tracked()
    {
        var generated = TrackedFiles().Where(IsGenerated).ToList();

        generated.Should().BeEmpty("build outputs, test results and compiled Python are made, not written (.gitignore)");
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Replace('\\', '/').Split('/') is var parts && (parts.Contains("bin") || parts.Contains("obj"));

    private static bool IsGenerated(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts.Any(p => p is "bin" or "obj" or "TestResults" or "__pycache__")
            || relativePath.EndsWith(".pyc", StringComparison.OrdinalIgnoreCase);
    }

    private static IReadOnlyList<string> TrackedFiles()
    {
        var root = RepositoryLayout.Root;
        if (!Path.Exists(Path.Combine(root, ".git")))
        {
            Assert.Fail($"{root} is not a git checkout (no .git): this test reads `git ls-files`, and CI runs in a git clone.");
        }

        var start = new ProcessStartInfo("git", "ls-files -z")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process git;
        try
        {
            git = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"git could not be started ({e.Message}): this test reads `git ls-files` and needs git on the PATH.");
            throw;
        }

        using (git)
        {
            var output = git.StandardOutput.ReadToEnd();
            var error = git.StandardError.ReadToEnd();
            git.WaitForExit();
            git.ExitCode.Should().Be(0, "`git ls-files` must succeed in {0}: {1}", root, error);
            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
