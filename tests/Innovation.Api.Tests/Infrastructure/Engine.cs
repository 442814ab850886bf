namespace Innovation.Api.Tests.Infrastructure;

/// <summary>The database engines the API tests run on.</summary>
public enum Engine
{
    Sqlite,
    SqlServer,
}

public static class Engines
{
    /// <summary>Names a SQL Server database to run the live suite against (it is reset between tests).</summary>
    public const string SqlServerVariable = "INNOVATION_TEST_SQLSERVER";

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>Every API fixture runs once per engine; SQL Server reports itself skipped without a connection string.</summary>
    public static readonly Engine[] All = [Engine.Sqlite, Engine.SqlServer];
}
