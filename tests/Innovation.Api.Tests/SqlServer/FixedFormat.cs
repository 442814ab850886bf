namespace Innovation.Api.Tests.SqlServer;

/// <summary>
/// Text columns a SQL Server collation compares and sorts as SQLite's bytes do, whatever the collation, so they keep
/// the database's: the reason is given for each (a column name alone stands for that column in every table).
/// </summary>
internal static class FixedFormat
{
    /// <summary>One fixed-format code per value: digits (upper-case letters, hyphens) at fixed places.</summary>
    private static readonly string[] Codes =
    [
        "*.uai", // 7 digits and an upper-case check letter
        "*.school_uai",
        "*.departement", // 3 characters: digits, or 02A/02B
        "*.academie", // the académie's code: 2 digits
        "networks.academie.code",
        "networks.departement.code",
        "*.school_year", // yyyy-yyyy
        "*.period", // yyyy-yyyy, yyyy-MM or yyyy-MM-dd
        "*.issue", // yyyy-MM
        "*.event_date", // yyyy-MM-dd
        "*.start_date",
        "*.from_date",
        "host.api_key.key_hash", // 64 lower-case hexadecimal digits
    ];

    /// <summary>
    /// Values of a closed list the code itself writes (enum stable codes, handler and lease names), distinct by more
    /// than case or accents: under a unique key no two of them can collide, whatever the collation.
    /// </summary>
    private static readonly string[] ClosedCodes =
    [
        "*.handler", "host.dispatcher_lease.name", "*.theme", "*.type", "*.section", "*.audience",
        "accompaniment.diagnosis_need.code", "*.need_code",
    ];

    public static bool IsFixedFormat(string table, string column) => Matches(Codes, table, column);

    public static bool IsClosedCode(string table, string column) => Matches(ClosedCodes, table, column);

    private static bool Matches(string[] list, string table, string column) =>
        list.Contains($"{table}.{column}", StringComparer.OrdinalIgnoreCase) || list.Contains($"*.{column}", StringComparer.OrdinalIgnoreCase);
}
