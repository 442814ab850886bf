using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Innovation.BuildingBlocks.Data.Sqlite;

/// <summary>What a new SQLite connection is given once, before the pool lends it: every schema's file, the pragmas.</summary>
internal static class SqliteConnectionSetUp
{
    /// <summary>Attaches each schema's file under the schema's name (so schema-qualified SQL runs unchanged) and sets the pragmas.</summary>
    public static async Task ApplyAsync(SqliteConnection connection, IReadOnlyList<(string Schema, string File)> files)
    {
        // Query planner stability: without it SQLite recompiles a statement each time a parameter
        // used as a LIKE pattern is bound, so every search statement was compiled at every request
        // despite the statement cache (ADR 0010). Plans chosen from bound values are all it gives
        // up, and none apply here (case-insensitive LIKE on binary-collated columns, no STAT4).
        SqliteException.ThrowExceptionForRC(
            raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _), connection.Handle);
        await using var command = connection.CreateCommand();
        foreach (var (schema, file) in files)
        {
            command.CommandText = $"ATTACH DATABASE $file AS {schema};";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$file", file);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        command.Parameters.Clear();
        // FULL: a commit is on disk (WAL fsynced) before the API acknowledges it. Set explicitly
        // because the default depends on how the native library was compiled.
        // temp_store MEMORY: a statement that writes several rows (the search terms) keeps a copy
        // of each page it changes until it ends; in memory those copies cost half what they cost
        // in a temporary file (ADR 0010). Temporary data here is that
        // and the sorts of single pages of results.
        // wal_autocheckpoint: the committing connection copies the write-ahead log back into the
        // database once it holds this many pages, on the single writer's thread. At SQLite's 1,000
        // (4 MB) a project write paid for copying the same index pages again every few dozen
        // writes; 10,000 (40 MB of log at most per file) copies them far less often (ADR 0010).
        // cache_size: each connection keeps its own page cache per file, filled only by what it reads. SQLite's 2 MB is less
        // than one académie's schools (with their key index), so reads of random schools went to the file for a page (ADR 0010).
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;"
            + string.Concat(files.Select(f => $" PRAGMA {f.Schema}.synchronous = FULL; PRAGMA {f.Schema}.cache_size = -4096;"));
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
