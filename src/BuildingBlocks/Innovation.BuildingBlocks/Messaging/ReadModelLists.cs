using System.Data.Common;
using Dapper;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>
/// The writes of a read model whose events carry a whole list (a network's member schools, a project's schools): each event
/// replaces the copy's list, unless the copy already holds a newer one.
/// </summary>
public static class ReadModelLists
{
    /// <summary>
    /// Whether this event's list is to be written: <paramref name="claimSql"/> moves the copy's list version up to the event's, or,
    /// when it moved nothing, <paramref name="insertSql"/> adds the parent as the first word about it. Neither: a stale redelivery.
    /// </summary>
    public static async Task<bool> ClaimAsync(DbConnection c, DbTransaction t, string claimSql, string insertSql, object parameters) =>
        await c.ExecuteAsync(claimSql, parameters, t) > 0 || await c.ExecuteAsync(insertSql, parameters, t) > 0;

    /// <summary>Deletes the parent's rows (<paramref name="deleteSql"/>) and inserts <paramref name="rows"/> in their place.</summary>
    public static async Task ReplaceAsync(
        DbConnection c, DbTransaction t, string deleteSql, object parent, string insertSql, IEnumerable<object> rows)
    {
        await c.ExecuteAsync(deleteSql, parent, t);
        await c.ExecuteAsync(insertSql, rows, t);
    }

    /// <summary>Replaces a list of distinct values of <paramref name="id"/> (the statements take <c>@Id</c> and <c>@Value</c>).</summary>
    public static Task ReplaceValuesAsync(DbConnection c, DbTransaction t, string deleteSql, string insertSql, Guid id, IEnumerable<string> values) =>
        ReplaceAsync(c, t, deleteSql, new { Id = id }, insertSql, values.Distinct().Select(v => new { Id = id, Value = v }));
}
