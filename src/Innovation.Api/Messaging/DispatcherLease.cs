using Dapper;
using Innovation.BuildingBlocks.Data;

namespace Innovation.Api.Messaging;

/// <summary>
/// A row of <c>host.dispatcher_lease</c> that a background worker holds while it works, so that one instance at a time does
/// (ADR 0004): taken or renewed before each pass, and given up when the worker stops, so another instance (or the next
/// start) takes over at once, not when it expires. The outbox dispatcher and the webhook delivery each hold their own.
/// </summary>
internal sealed class DispatcherLease(Db db, TimeProvider time, string name, TimeSpan duration, ILogger logger)
{
    internal const string HoldSql = """
        UPDATE host.dispatcher_lease SET owner = @Owner, expires_at = @Until
        WHERE name = @Name AND (owner = @Owner OR expires_at < @Now)
        """;

    internal const string ReleaseSql = "UPDATE host.dispatcher_lease SET owner = NULL, expires_at = @Now WHERE name = @Name AND owner = @Owner";

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{SortableId.New():N}";

    /// <returns>True when this instance holds the lease for the next <c>duration</c>.</returns>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.WriteAsync(
            (c, t) => c.ExecuteAsync(HoldSql, new { Name = name, Owner = _owner, Until = now + duration, Now = now }, t),
            cancellationToken) == 1;
    }

    /// <summary>Runs the worker until it stops, then gives the lease up (a failure to do so is logged: the lease expires by itself).</summary>
    public async Task RunThenReleaseAsync(Func<Task> run)
    {
        try
        {
            await run();
        }
        finally
        {
            try
            {
                await db.WriteAsync(
                    (c, t) => c.ExecuteAsync(ReleaseSql, new { Name = name, Owner = _owner, Now = time.GetUtcNow() }, t), CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The {Lease} lease could not be released at shutdown; it expires by itself.", name);
            }
        }
    }
}
