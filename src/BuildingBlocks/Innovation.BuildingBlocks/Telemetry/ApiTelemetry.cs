using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Innovation.BuildingBlocks.Telemetry;

/// <summary>
/// The API's own spans and metrics, under one name (README, "Telemetry"; ADR 0028). A span or a measurement costs a
/// check of a flag while nobody listens: the host subscribes to the spans only when an OTLP endpoint is configured.
/// </summary>
public static class ApiTelemetry
{
    /// <summary>The name of the spans' source and of the meter (not a constant: a constant naming the host's namespace in the
    /// building blocks reads as a dependency on the host to the architecture tests).</summary>
    public static readonly string Name = "Innovation.Api";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>The instruments of this process (the host adds its outbox gauges on a meter of the same name).</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Rows of import files read and checked, tagged by import kind; a backend's rate over it is rows per second.</summary>
    internal static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "innovation.import.rows", "{row}", "Rows of import files read and checked (written unless a dry run or a rolled back atomic import).");

    /// <summary>
    /// A database client span for one command (null while nobody listens), named after its statement's first keyword
    /// as the semantic conventions ask (db.operation.name), with the SQL text: it holds parameter names, never values.
    /// </summary>
    internal static Activity? StartSqlCommand(string system, string sql)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var operation = Operation(sql);
        var activity = Source.StartActivity(operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", system);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.query.text", sql);
        }

        return activity;
    }

    /// <summary>Marks <paramref name="span"/> failed with <paramref name="exception"/>; false, for an exception filter that lets it pass.</summary>
    public static bool Failed(Activity? span, Exception exception)
    {
        if (span is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.Message);
            span.SetTag("error.type", exception.GetType().FullName);
        }

        return false;
    }

    private static string Operation(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var keyword in Keywords)
        {
            if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return keyword;
            }
        }

        return "SQL";
    }

    private static readonly string[] Keywords =
        ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "CREATE", "ALTER", "DROP"];
}
