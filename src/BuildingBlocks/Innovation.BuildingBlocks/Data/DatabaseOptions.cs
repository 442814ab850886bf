namespace Innovation.BuildingBlocks.Data;

/// <summary>The two real engines the same SQL text runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the SQLite files (one per schema).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>ConnectionStrings:SqlServer</c>, used when <see cref="Provider"/> is SqlServer.</summary>
    public string? SqlServerConnectionString { get; set; }
}
