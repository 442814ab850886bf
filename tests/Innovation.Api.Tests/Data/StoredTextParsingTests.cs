using System.Globalization;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Tests.Data;

/// <summary>
/// SQLite stores timestamps and dates as text; the type handlers read the text they write without
/// the general parser. Whatever they read must be what the general parser reads, and anything they
/// do not recognise must be left to it (rows written before, or by hand).
/// </summary>
public sealed class StoredTextParsingTests
{
    private static readonly DateTimeOffset[] Timestamps =
    [
        new(2026, 11, 23, 15, 49, 30, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 23, 15, 49, 30, TimeSpan.Zero).AddTicks(9_173_007),
        new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(9_999_999),
        new(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
    ];

    [TestCaseSource(nameof(Timestamps))]
    public void A_stored_timestamp_reads_back_as_the_general_parser_reads_it(DateTimeOffset timestamp)
    {
        var text = DapperTypeHandlers.FormatTimestamp(timestamp);

        DapperTypeHandlers.TryParseTimestamp(text, out var read).Should().BeTrue();
        read.Should().Be(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        read.Offset.Should().Be(TimeSpan.Zero);
        read.Should().Be(timestamp);
    }

    [TestCase("2026-11-23 15:49:30")]
    [TestCase("2026-11-23T15:49:30Z")]
    [TestCase("2026-11-23T15:49:30.917Z")]
    [TestCase("2026-11-23T15:49:30.9173007+02:00")]
    [TestCase("2026-02-30T15:49:30.9173007Z")]
    [TestCase("2026-11-23T24:00:00.0000000Z")]
    [TestCase("2026-11-23T15:49:3a.9173007Z")]
    public void Any_other_timestamp_text_is_left_to_the_general_parser(string text) =>
        DapperTypeHandlers.TryParseTimestamp(text, out _).Should().BeFalse();

    [TestCase("2026-09-01")]
    [TestCase("2024-02-29")]
    [TestCase("0001-01-01")]
    [TestCase("9999-12-31")]
    public void A_stored_date_reads_back_as_the_exact_parser_reads_it(string text)
    {
        DapperTypeHandlers.TryParseDate(text, out var read).Should().BeTrue();
        read.Should().Be(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [TestCase("2025-02-29")]
    [TestCase("2026-13-01")]
    [TestCase("2026-9-01")]
    [TestCase("2026-09-01T00:00:00")]
    [TestCase("0000-01-01")]
    [TestCase("2026/09/01")]
    public void Any_other_date_text_is_left_to_the_exact_parser(string text) =>
        DapperTypeHandlers.TryParseDate(text, out _).Should().BeFalse();
}
