using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Innovation.BuildingBlocks.Telemetry;
using Polly;

namespace Innovation.BuildingBlocks.Data.Sqlite;

/// <summary>
/// SQLite writes, committed in groups: one writer takes every write waiting, runs them in one
/// transaction, and commits them together, so concurrent requests share one fsync of the
/// write-ahead log instead of queueing for one each.
/// <para>
/// SQLite has one writer at a time and a durable commit (<c>synchronous = FULL</c>) costs an
/// fsync, so single-row writes were bound by the disk's flush rate whatever the CPU could do
/// (ADR 0010). Each write still behaves as if alone: it sees the writes before it, its
/// failure undoes only its own changes (the group then runs again, each write in a savepoint),
/// and it is acknowledged only once the group's commit is on disk. A failed commit fails every
/// write of the group, none of which was acknowledged.
/// </para>
/// </summary>
internal sealed class GroupCommit
{
    private const int MaxGroup = 256;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly ResiliencePipeline _retry;
    private readonly Action _eventsCommitted;

    public GroupCommit(Func<CancellationToken, Task<DbConnection>> open, ResiliencePipeline retry, Action eventsCommitted)
    {
        _open = open;
        _retry = retry;
        _eventsCommitted = eventsCommitted;
        // A thread of its own, not one of the pool's: SQLite's calls block (a commit waits for the
        // fsync), and a pool thread held by the writer starved the requests that feed it, so groups
        // stayed small (ADR 0010).
        new Thread(WriteGroups) { IsBackground = true, Name = "SQLite group commit" }.Start();
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        if (!_pending.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return write.Result;
    }

    public void Complete() => _pending.Writer.TryComplete();

    private void WriteGroups()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (_pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (group.Count < MaxGroup && _pending.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            try
            {
                // Blocks this thread; a work that truly awaits continues on the pool and comes back.
                CommitAsync(group).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                foreach (var write in group)
                {
                    write.Fail(e);
                }
            }

            group.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> group)
    {
        // Retried as a whole on a transient failure (busy, locked): every write not yet failed runs again.
        await _retry.ExecuteAsync(async _ =>
        {
            if (!await RunAsync(group, eachInSavepoint: false) && group.Any(w => !w.Failed))
            {
                await RunAsync(group, eachInSavepoint: true);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Runs the group's writes in one transaction and commits it. Without savepoints, the first
    /// write to fail is failed, the transaction rolled back, and false returned: the others then
    /// run again, each in a savepoint.
    /// </summary>
    /// <remarks>
    /// Savepoints are kept for groups that hold a failure because they are not free: inside one,
    /// SQLite copies every page a write changes to the savepoint's journal before changing it, a
    /// large share of the writer's time (ADR 0010). Running again the writes before
    /// the failed one is what the retry on a transient failure already does.
    /// </remarks>
    private async Task<bool> RunAsync(List<PendingWrite> group, bool eachInSavepoint)
    {
        await using var connection = await _open(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        // A lone write needs no savepoint: its failure rolls back the transaction.
        var savepoints = eachInSavepoint && group.Count(w => !w.Failed) > 1;
        var eventsEnqueued = false;
        foreach (var write in group.Where(w => !w.Failed))
        {
            if (write.CancellationToken.IsCancellationRequested)
            {
                write.Fail(new OperationCanceledException(write.CancellationToken));
                continue;
            }

            if (savepoints)
            {
                await transaction.SaveAsync("w");
            }

            try
            {
                eventsEnqueued |= await write.RunAsync(connection, transaction);
            }
            catch (Exception e) when (eachInSavepoint || !TransientFailures.IsTransient(e))
            {
                write.Fail(e);
                if (!eachInSavepoint)
                {
                    return false; // disposing the transaction rolls back every write of the group
                }

                // If SQLite already rolled the whole transaction back (I/O error, full disk), this
                // throws, and the whole group fails: none of it is committed or acknowledged.
                if (savepoints)
                {
                    await transaction.RollbackAsync("w");
                }

                continue;
            }

            if (savepoints)
            {
                await transaction.ReleaseAsync("w");
            }
        }

        if (group.All(w => w.Failed))
        {
            return true; // disposing the transaction rolls back whatever a lone failed write left
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var write in group)
        {
            write.Acknowledge();
        }

        if (eventsEnqueued)
        {
            _eventsCommitted();
        }

        return true;
    }

    private abstract class PendingWrite(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public bool Failed { get; private set; }

        /// <summary>Runs the work; true when it enqueued integration events.</summary>
        public abstract Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        /// <summary>Completes the caller's task with the work's result, once the commit is on disk.</summary>
        public abstract void Acknowledge();

        public void Fail(Exception error)
        {
            if (!Failed)
            {
                Failed = true;
                SetFailure(error);
            }
        }

        protected abstract void SetFailure(Exception error);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
        : PendingWrite(cancellationToken)
    {
        // Continuations run on the caller's side, never inline on the writer.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        // The caller's span, while spans are collected: the writer thread runs the work, whose SQL spans belong to the
        // caller's trace. (ASP.NET Core makes a request's activity for its logs even when nobody collects spans.)
        private readonly Activity? _span = ApiTelemetry.Source.HasListeners() ? Activity.Current : null;

        public Task<T> Result => _result.Task;

        public override async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            if (_span is not null)
            {
                Activity.Current = _span; // for this method only: an async method gives its caller back the caller's context
            }

            var scope = Db.BeginWriteScope();
            _value = await work(connection, transaction);
            return scope.EventsEnqueued;
        }

        public override void Acknowledge()
        {
            if (!Failed)
            {
                _result.TrySetResult(_value);
            }
        }

        protected override void SetFailure(Exception error)
        {
            if (error is OperationCanceledException canceled)
            {
                _result.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                _result.TrySetException(error);
            }
        }
    }
}
