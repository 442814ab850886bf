using Innovation.BuildingBlocks.Data.Sqlite;

namespace Innovation.Api.Tests;

/// <summary>
/// Applies SQLite's process-wide settings before any test opens a connection, as the API does
/// before its first: a test that opened one of its own first would leave this process on the
/// library's defaults, and every test would run SQLite otherwise than production does.
/// </summary>
[SetUpFixture]
public sealed class SqliteLibrarySetUp
{
    [OneTimeSetUp]
    public void ApplySettings() => SqliteLibrary.EnsureConfigured();
}
