using System.Data.Common;
using Innovation.BuildingBlocks.Data;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>
/// Read-your-writes for a read model fed by another module's events (ADR 0026): when the copy lacks what a request names,
/// the owning module's public query answers and its answer is written as the event would write it. The event, when it
/// comes, then changes nothing (a copy ignores versions it already holds); the same event applied meanwhile is tolerated.
/// </summary>
public static class ReadModelCatchUp
{
    /// <summary>
    /// Makes the copy hold what <paramref name="known"/> looks for, if the owner knows it: a read in the usual case, the
    /// owner's query (<paramref name="ask"/>, null when it knows nothing either) and one write (<paramref name="apply"/>,
    /// the event handler's own statements) otherwise.
    /// </summary>
    public static async Task CatchUpAsync<T>(
        this Db db, Func<DbConnection, Task<bool>> known, Func<Task<T?>> ask, Func<DbConnection, DbTransaction, T, Task> apply,
        CancellationToken cancellationToken)
        where T : class
    {
        if (await db.ReadAsync(known, cancellationToken) || await ask() is not { } answer)
        {
            return;
        }

        try
        {
            await db.WriteAsync((c, t) => apply(c, t, answer), cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // The event itself may have inserted the same row between the read and the write (a key violation): fine.
            if (!await db.ReadAsync(known, cancellationToken))
            {
                throw;
            }
        }
    }
}
