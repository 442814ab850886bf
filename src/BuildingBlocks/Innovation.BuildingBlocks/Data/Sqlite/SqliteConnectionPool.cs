using System.Collections.Concurrent;

namespace Innovation.BuildingBlocks.Data.Sqlite;

/// <summary>
/// Open SQLite connections, each set up once (schemas attached, pragmas set) and kept with its
/// compiled statements (see <see cref="PooledSqliteConnection"/>). Last in, first out, so the few
/// connections a steady load needs stay the warm ones.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Func<PooledSqliteConnection, Task> setUp, int maxIdle) : IDisposable
{
    private readonly ConcurrentStack<PooledSqliteConnection> _idle = new();
    private int _idleCount; // ConcurrentStack.Count walks the stack
    private volatile bool _disposed;

    public async Task<PooledSqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            idle.Lease();
            return idle;
        }

        var connection = new PooledSqliteConnection(connectionString, this);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Not cancellable: set up half-way, the connection would be unusable.
            await setUp(connection);
        }
        catch
        {
            connection.CloseForGood();
            throw;
        }

        connection.Lease();
        return connection;
    }

    internal void Return(PooledSqliteConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.CloseForGood();
            return;
        }

        _idle.Push(connection);
        if (_disposed && _idle.TryPop(out var late))
        {
            late.CloseForGood(); // returned while the pool was being emptied
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection))
        {
            connection.CloseForGood();
        }
    }
}
