using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Innovation.Api.Tests.Infrastructure;
using Innovation.Api.Tests.SqlServer;

namespace Innovation.Api.Tests.Readme;

/// <summary>
/// The README's walkthroughs, run as written and in order against the API started as its own process in Development on a
/// fresh data directory: every command succeeds, nothing answers 5xx or logs a failure, the refusals are exactly those
/// the walkthroughs show on purpose (a collision between two sections adds one and fails here), and every answer conforms to
/// the OpenAPI document (the commands reach the API through a <see cref="ConformanceProxy"/>).
/// </summary>
[NonParallelizable]
public sealed partial class ReadmeWalkthroughTests
{
    /// <summary>
    /// Sections whose commands need what a test machine has not: make, a SQL Server, Docker (a backup is tested on its own
    /// data directory by <c>BackupRestoreTests</c>).
    /// </summary>
    private static readonly string[] NotRunHere = ["## Quick start", "## Backup and restore", "## SQL Server", "## Docker"];

    /// <summary>The refusals the walkthroughs demonstrate, in order (title and status of each problem answered).</summary>
    private static readonly string[] Demonstrated =
    [
        "Precondition required 428", "Precondition failed 412", "Conflict 409", "Canvas incomplete 422", "Conflict 409",
        "One or more fields are invalid 400", "One or more fields are invalid 400", "Forbidden 403", "Dossier incomplete 422",
        "Conflict 409", "Conflict 409",
    ];

    [Test]
    public async Task The_walkthroughs_run_as_written_in_order_on_a_fresh_data_directory()
    {
        var work = Directory.CreateTempSubdirectory("readme-walkthrough-").FullName;
        var port = FreePort();
        // The API as a user runs it: its own process, Development settings, its content root in src/Innovation.Api.
        using var api = await ApiProcess.StartAsync(port, Path.Combine(work, "data"));
        await using var proxy = await ConformanceProxy.StartAsync(FreePort(), port);
        var script = new StringBuilder("set -u\n");
        foreach (var (section, commands) in BashBlocks(await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "README.md"))))
        {
            if (!NotRunHere.Contains(section))
            {
                script.Append($"echo '@@ {section}'\n").Append(commands.Replace("localhost:5080", $"127.0.0.1:{proxy.Port}")).Append('\n');
            }
        }

        await File.WriteAllTextAsync(Path.Combine(work, "walkthrough.sh"), script.ToString());
        try
        {
            var (exit, output, errors) = await Bash(work, "walkthrough.sh");
            exit.Should().Be(0, "every command of the walkthroughs runs: {0}", errors);
            errors.Should().NotContainAny(["curl: (", "syntax error", "command not found", "No such file"]);
            output.Should().NotMatchRegex("\"status\":5\\d\\d", "no walkthrough request answers 5xx");
            ProblemTitles().Matches(output).Select(m => $"{m.Groups["title"].Value} {m.Groups["status"].Value}")
                .Should().Equal(Demonstrated, "the walkthroughs' refusals are those they show on purpose; the output was:\n{0}", output);
            proxy.Forwarded.Should().BePositive("the walkthroughs' commands go through the proxy");
            proxy.Mismatches.Should().BeEmpty("every answer the walkthroughs get conforms to the OpenAPI document");
        }
        finally
        {
            await api.KillAsync();
        }

        api.LoggedFailures.Should().BeEmpty("the API logs no failure while the walkthroughs run");
        Directory.Delete(work, recursive: true);
    }

    private static IEnumerable<(string Section, string Commands)> BashBlocks(string readme)
    {
        var headings = Headings().Matches(readme).ToList();
        foreach (Match block in Fenced().Matches(readme))
        {
            yield return (headings.Last(h => h.Index < block.Index).Value.TrimEnd(), block.Groups["commands"].Value);
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> Bash(string directory, string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await bash.WaitForExitAsync(timeout.Token);
        return (bash.ExitCode, await output, await errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^## .*$", RegexOptions.Multiline)]
    private static partial Regex Headings();

    [GeneratedRegex(@"```bash\n(?<commands>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Fenced();

    [GeneratedRegex("\"title\":\"(?<title>[^\"]*)\",\"status\":(?<status>[45]\\d\\d)")]
    private static partial Regex ProblemTitles();
}
