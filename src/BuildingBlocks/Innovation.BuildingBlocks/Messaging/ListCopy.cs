using System.Data.Common;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>
/// A read model's copy of a parent's whole list (a network's member schools) that each event replaces, unless the copy already holds a
/// newer one (<see cref="ReadModelLists"/>): <paramref name="ClaimSql"/> and <paramref name="InsertParentSql"/> claim the parent for the
/// event's version, <paramref name="DeleteSql"/> and <paramref name="InsertSql"/> replace its rows.
/// </summary>
public sealed record ListCopy(string ClaimSql, string InsertParentSql, string DeleteSql, string InsertSql)
{
    /// <summary>Writes the event's <paramref name="rows"/> of <paramref name="parent"/>, unless the copy holds a newer list.</summary>
    public async Task ReplaceAsync(DbConnection c, DbTransaction t, object parent, IEnumerable<object> rows)
    {
        if (await ReadModelLists.ClaimAsync(c, t, ClaimSql, InsertParentSql, parent))
        {
            await ReadModelLists.ReplaceAsync(c, t, DeleteSql, parent, InsertSql, rows);
        }
    }
}
