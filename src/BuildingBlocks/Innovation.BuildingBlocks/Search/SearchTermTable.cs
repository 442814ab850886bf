using System.Data.Common;
using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.BuildingBlocks.Search;

/// <summary>
/// A module's term table: one row per distinct term of each searchable thing (its owner), with the
/// term's weight, rewritten in the transaction that writes the owner, so a search never lags a write.
/// The module gives the two statements, which name its own schema and table:
/// <c>DELETE FROM schema.thing_search_term WHERE thing_id = @Owner</c> and
/// <c>INSERT INTO schema.thing_search_term (thing_id, term, weight) VALUES (@Owner, @Term, @Weight)</c>.
/// A query word then matches with <c>term LIKE @Word ESCAPE '\'</c> (<see cref="SearchQuery"/>), and
/// <c>MAX(weight)</c> of its matches says in which field it was found best.
/// </summary>
public sealed class SearchTermTable : IBulkStatement
{
    private readonly string _deleteSql;

    // One single-row INSERT, prepared once per owner and stepped once per term (on SQL Server, one
    // command of all the terms): a statement that may write several rows makes SQLite keep a
    // statement journal (ADR 0010).
    private readonly BulkStatement<(Guid Owner, SearchTerm Term)> _insert;

    public SearchTermTable(string deleteSql, string insertSql)
    {
        _deleteSql = deleteSql;
        _insert = new(insertSql, ("Owner", r => r.Owner), ("Term", r => r.Term.Text), ("Weight", r => (long)r.Term.Weight));
    }

    string IBulkStatement.Sql => _insert.Sql;

    int IBulkStatement.ParametersPerRow => _insert.ParametersPerRow;

    int IBulkStatement.SqlServerRowsPerCommand => _insert.SqlServerRowsPerCommand;

    /// <summary>Replaces the terms of <paramref name="owner"/> with <paramref name="terms"/>.</summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, Guid owner, IEnumerable<SearchTerm> terms)
    {
        await connection.ExecuteAsync(_deleteSql, new { Owner = owner }, transaction);
        await _insert.ExecuteAsync(connection, transaction, terms.Select(term => (owner, term)));
    }

    string IBulkStatement.SqlServerText(int rows) => _insert.SqlServerText(rows);
}
