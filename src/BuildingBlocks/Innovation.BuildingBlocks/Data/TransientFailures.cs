using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace Innovation.BuildingBlocks.Data;

/// <summary>Which database errors are worth a retry, and the retry itself (backoff with jitter).</summary>
public static class TransientFailures
{
    // Deadlock victim, lock timeout, connection drops and the Azure SQL / availability-group
    // failover family: the errors Microsoft documents as transient.
    private static readonly HashSet<int> SqlServerTransientNumbers =
    [
        1205, 1222, -2, 20, 64, 121, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929,
        40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920, 976, 983, 35201,
    ];

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsTransientSqlServerError(int number) => SqlServerTransientNumbers.Contains(number);

    public static bool IsTransientSqliteError(int primaryErrorCode) =>
        primaryErrorCode is SqliteBusy or SqliteLocked;

    /// <summary>
    /// A unique or primary key violation: on SQL Server two concurrent writers can both pass a
    /// "does it exist?" check (SQLite serialises writers, so it cannot happen there); the loser
    /// meets the constraint and the request is a conflict, not a server error.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => e.Number is 2627 or 2601),
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqlException sql => sql.Errors.Cast<SqlError>().Any(e => IsTransientSqlServerError(e.Number)),
        SqliteException sqlite => IsTransientSqliteError(sqlite.SqliteErrorCode & 0xFF),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>Retries transient failures with exponential backoff and jitter; everything else fails fast.</summary>
    public static ResiliencePipeline CreatePipeline(int maxRetryAttempts = 4) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = maxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(40),
            })
            .Build();
}
