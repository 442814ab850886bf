using SQLitePCL;

namespace Innovation.BuildingBlocks.Data.Sqlite;

/// <summary>
/// Process-wide settings of the SQLite library, applied once before its first connection opens
/// (SQLite accepts them only before it initializes itself, which the first open does).
/// </summary>
/// <remarks>
/// Multi-thread mode: SQLite no longer locks a connection's mutex around every call (each step,
/// each column read); <see cref="Db"/> never uses a connection, or its statements, from two
/// threads at once, which is all this mode asks. Memory statistics off: they cost a global mutex
/// on every allocation and nothing reads them. Together they were about a twentieth of a list
/// page's CPU (ADR 0016). If SQLite was already initialized in this process (a test that opened
/// a connection of its own first), the library keeps its defaults, which are safe.
/// </remarks>
internal static class SqliteLibrary
{
    private const int ConfigMultiThread = 2; // SQLITE_CONFIG_MULTITHREAD
    private const int ConfigMemoryStatistics = 9; // SQLITE_CONFIG_MEMSTATUS

    private static readonly bool Applied = Apply();

    /// <summary>Applies the settings if this is the first call; true when they are in force.</summary>
    internal static bool EnsureConfigured() => Applied;

    private static bool Apply()
    {
        Batteries_V2.Init();
        var multiThread = raw.sqlite3_config(ConfigMultiThread) == raw.SQLITE_OK;
        var statistics = raw.sqlite3_config(ConfigMemoryStatistics, 0) == raw.SQLITE_OK;
        return multiThread && statistics;
    }
}
