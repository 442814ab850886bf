using Innovation.Api.Tests.Infrastructure;

namespace Innovation.Api.Tests;

/// <summary>Says, once the run ends, how many responses the conformance check saw (none would mean it is not wired).</summary>
[SetUpFixture]
public sealed class ResponseConformanceReport
{
    [OneTimeTearDown]
    public void Report()
    {
        var (responses, bodies) = ResponseConformance.Counts;
        TestContext.Progress.WriteLine(
            $"Response conformance: {responses} responses checked against api-specs/innovation-v1.json, {bodies} JSON bodies validated.");
    }
}
