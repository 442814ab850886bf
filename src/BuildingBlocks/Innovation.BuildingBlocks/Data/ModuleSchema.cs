using System.Reflection;

namespace Innovation.BuildingBlocks.Data;

/// <summary>
/// A schema owned by one module (or the host): its name and the assembly whose embedded resources
/// <c>migrations/{sqlite|sqlserver}/NNNN_*.sql</c> create it.
/// </summary>
public sealed record ModuleSchema(string Name, Assembly MigrationsAssembly)
{
    public IReadOnlyList<(string Name, string Sql)> Migrations(DatabaseProvider provider)
    {
        var prefix = provider == DatabaseProvider.SqlServer ? "migrations/sqlserver/" : "migrations/sqlite/";
        return MigrationsAssembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = MigrationsAssembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return ($"{Name}/{n[prefix.Length..]}", reader.ReadToEnd());
            })
            .ToList();
    }
}
