using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// A module's table of the lines its imports' keys first appeared on, <c>(import_id, fingerprint, line)</c>: for an import whose keys
/// are kept in the database rather than in memory (<see cref="ImportKeys{TKey}"/>), so that memory stays flat whatever the file. The
/// module names its own table; each import keeps its lines through an <see cref="ImportLines"/>.
/// </summary>
public sealed class ImportLineTable(string table) : IBulkStatement
{
    internal string FindSql { get; } =
        $"SELECT fingerprint AS Fingerprint, line AS Line FROM {table} WHERE import_id = @ImportId AND fingerprint IN @Fingerprints";

    internal string ForgetSql { get; } = $"DELETE FROM {table} WHERE import_id = @ImportId";

    internal BulkStatement<(Guid ImportId, Guid Fingerprint, int Line)> Insert { get; } = new(
        $"INSERT INTO {table} (import_id, fingerprint, line) VALUES (@ImportId, @Fingerprint, @Line)",
        ("ImportId", r => r.ImportId), ("Fingerprint", r => r.Fingerprint), ("Line", r => (long)r.Line));

    string IBulkStatement.Sql => Insert.Sql;

    int IBulkStatement.ParametersPerRow => Insert.ParametersPerRow;

    int IBulkStatement.SqlServerRowsPerCommand => Insert.SqlServerRowsPerCommand;

    string IBulkStatement.SqlServerText(int rows) => Insert.SqlServerText(rows);
}

/// <summary>
/// The lines one import's keys first appeared on, in its module's <see cref="ImportLineTable"/>: written in the import's own
/// transactions (a dry run's too, never committed), so a retried batch is harmless, and forgotten once the import ended. A key is
/// its fingerprint, 128 bits of a hash of its text.
/// </summary>
public sealed class ImportLines(ImportLineTable table)
{
    public Guid ImportId { get; } = SortableId.New();

    /// <summary>Whether a batch recorded lines (an import that needs none never writes the table).</summary>
    public bool Recorded { get; private set; }

    public static Guid Fingerprint(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new Guid(hash[..16]);
    }

    /// <summary>
    /// The rows of <paramref name="batch"/> whose key appears for the first time in the batch and was not recorded by an earlier one;
    /// each repeat goes to <paramref name="repeat"/> with the line of its first appearance.
    /// </summary>
    public async Task<List<T>> FirstOccurrencesAsync<T>(DbConnection connection, DbTransaction transaction, IReadOnlyList<T> batch,
        Func<T, Guid> fingerprint, Func<T, int> line, Action<T, int> repeat)
    {
        var firstLines = !Recorded ? [] : (await connection.QueryAsync<FirstLine>(table.FindSql,
            new { ImportId, Fingerprints = SqlDialect.For(connection).IdList(batch.Select(fingerprint).Distinct()) }, transaction))
            .ToDictionary(f => f.Fingerprint, f => f.Line);
        var first = new List<T>(batch.Count);
        foreach (var row in batch)
        {
            if (firstLines.TryAdd(fingerprint(row), line(row)))
            {
                first.Add(row);
            }
            else
            {
                repeat(row, firstLines[fingerprint(row)]);
            }
        }

        return first;
    }

    /// <summary>Records the first lines of <paramref name="keys"/>, the rows whose key the database keeps nowhere else.</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(Guid Fingerprint, int Line)> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count > 0)
        {
            await table.Insert.ExecuteAsync(connection, transaction, keys.Select(k => (ImportId, k.Fingerprint, k.Line)), cancellationToken);
            Recorded = true;
        }
    }

    /// <summary>Forgets the lines of an import that wrote (a dry run never commits them; an atomic import that failed rolled them back).</summary>
    public async Task ForgetAsync(Db db)
    {
        if (Recorded)
        {
            await db.WriteAloneAsync((c, t) => c.ExecuteAsync(table.ForgetSql, new { ImportId }, t), CancellationToken.None);
        }
    }

    internal sealed class FirstLine
    {
        public Guid Fingerprint { get; set; }

        public int Line { get; set; }
    }
}
