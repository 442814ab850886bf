namespace Innovation.Api;

/// <summary>
/// A process that cannot start (a missing or unsafe setting, an unreachable database, a port in use) says why in one line
/// on stderr and exits with code 1, instead of an unhandled-exception stack trace and code 134. Once the API serves,
/// failures are logged as usual. A test host that embeds the API still receives the exception itself.
/// </summary>
internal static class StartupFailure
{
    private static volatile bool _started;

    public static void ReportUntilStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => _started = true);
    }

    public static void Watch() => AppDomain.CurrentDomain.UnhandledException += (_, e) =>
    {
        if (_started || e.ExceptionObject is not Exception error)
        {
            return;
        }

        var reasons = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            reasons.Add(current.Message);
        }

        Console.Error.WriteLine($"Innovation API could not start: {string.Join(" — ", reasons.Distinct())}");
        Environment.Exit(1);
    };
}
