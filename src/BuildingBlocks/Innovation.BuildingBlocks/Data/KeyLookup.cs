using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// Reads the rows of many keys at once: the existing entries of a bulk import's batch. Two SQL texts,
/// each valid on both engines (<c>const</c> fields, so the T-SQL test parses them): the row of one key
/// (<c>WHERE uai = @Uai</c>) and the rows of a list (<c>WHERE uai IN @Uais</c>, expanded by Dapper).
/// <list type="bullet">
/// <item>SQLite runs the one-key text, prepared once, for each key: an index lookup each. The list form
/// sent hundreds of named parameters, which SQLite parses and binds in a time quadratic in their
/// number (ADR 0010).</item>
/// <item>SQL Server, where each statement is a round trip, runs the list form for up to 2,000 keys at a
/// time (it accepts 2,100 parameters per command).</item>
/// </list>
/// </summary>
public static class KeyLookup
{
    internal const int MaxSqlServerKeys = 2000;

    /// <summary>
    /// The rows of <paramref name="keys"/>: <paramref name="oneSql"/> reads one key's, its parameter named
    /// <paramref name="keyParameter"/>; <paramref name="manySql"/> reads a list's, its list parameter
    /// (<c>IN @Keys</c>) named <paramref name="listParameter"/>.
    /// </summary>
    public static async Task<List<TRow>> FindManyAsync<TRow>(
        DbConnection connection, DbTransaction? transaction, string oneSql, string keyParameter, string manySql, string listParameter,
        IReadOnlyCollection<string> keys)
    {
        var rows = new List<TRow>();
        if (keys.Count == 0)
        {
            return rows;
        }

        if (connection is SqliteConnection { Handle: { } handle })
        {
            // Most keys of an import are new: a probe finds the keys held, and only their rows are read.
            var held = HeldOnSqlite(handle, oneSql, keyParameter, keys);
            if (held.Count == 0)
            {
                return rows;
            }

            // Microsoft.Data.Sqlite runs synchronously; its async methods would only add allocations per key.
            using var command = connection.CreateCommand();
            command.CommandText = oneSql;
            command.Transaction = transaction;
            var key = command.CreateParameter();
            key.ParameterName = "@" + keyParameter;
            command.Parameters.Add(key);
            command.Prepare();
            Func<DbDataReader, TRow>? parse = null;
            foreach (var value in held)
            {
                key.Value = value;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    parse ??= reader.GetRowParser<TRow>();
                    rows.Add(parse(reader));
                }
            }

            return rows;
        }

        foreach (var chunk in keys.Chunk(MaxSqlServerKeys))
        {
            var parameters = new DynamicParameters();
            parameters.Add(listParameter, SqlDialect.SqlServer.AnsiList(chunk));
            rows.AddRange(await connection.QueryAsync<TRow>(manySql, parameters, transaction));
        }

        return rows;
    }

    /// <summary>
    /// The keys of <paramref name="keys"/> that <paramref name="oneSql"/> finds a row for: the text prepared once and stepped once a
    /// key through SQLitePCL, as <see cref="BulkStatement{TRow}"/> writes, without a reader and a parameter object per key.
    /// </summary>
    private static List<string> HeldOnSqlite(sqlite3 handle, string oneSql, string keyParameter, IReadOnlyCollection<string> keys)
    {
        var held = new List<string>();
        var rc = raw.sqlite3_prepare_v2(handle, oneSql, out var statement);
        using (statement)
        {
            Check(rc, handle);
            var index = raw.sqlite3_bind_parameter_index(statement, "@" + keyParameter);
            foreach (var key in keys)
            {
                Check(DbValue.BindText(statement, index, key), handle);
                rc = raw.sqlite3_step(statement);
                if (rc == raw.SQLITE_ROW)
                {
                    held.Add(key);
                }
                else if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, handle);
                }

                raw.sqlite3_reset(statement);
            }
        }

        return held;
    }

    private static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}
