using System.Text;
using Innovation.BuildingBlocks.Messaging;
using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Api.Tests.Schools;

/// <summary>
/// The school import serializes SchoolRegistered with a serializer generated at build time; the
/// outbox, the feed and every subscriber must see the very bytes the outbox's own serializer writes.
/// </summary>
public sealed class SchoolEventJsonTests
{
    public static IEnumerable<TestCaseData> Snapshots() =>
    [
        new TestCaseData(new SchoolSnapshot("0951099D", "Lycée Évariste Galois", "lycee", "public", "Gonesse", "95500", "095", "25", "rep",
            48.98661, 2.4492, "open", 1))
            .SetArgDisplayNames("accents and coordinates"),
        new TestCaseData(new SchoolSnapshot("0750001X", "École \"Les <Tilleuls>\" & co", "ecole", "private", null, null, "075", "01", "none", null,
            null, "closed", 7))
            .SetArgDisplayNames("nulls and characters to escape"),
        new TestCaseData(new SchoolSnapshot("9710001A", "Collège 漢字 😀", "college", "public", "Pointe-à-Pitre", "97110", "971", "32", "repPlus",
            -61.5, 16.241, "open", 1))
            .SetArgDisplayNames("non-Latin text and negative numbers"),
    ];

    [TestCaseSource(nameof(Snapshots))]
    public void The_generated_serializer_writes_the_outbox_s_bytes(object snapshot)
    {
        var registered = new SchoolRegistered((SchoolSnapshot)snapshot);

        var generated = Outbox.Prepare(registered, SchoolEventJson.Default.SchoolRegistered);
        var reflected = Outbox.Prepare(registered);

        Encoding.UTF8.GetString(generated.Json).Should().Be(Encoding.UTF8.GetString(reflected.Json));
        generated.Should().BeEquivalentTo(reflected, o => o.Excluding(p => p.Json));
    }
}
