using System.Reflection;
using System.Text.RegularExpressions;
using Innovation.Api.Tests.SqlServer;
using Innovation.BuildingBlocks.Data;
using NetArchTest.Rules;

namespace Innovation.Api.Tests.Architecture;

/// <summary>
/// The kernel stays small: a module's SQL names only its own schema, Contracts stand on the
/// abstractions assembly alone, only the data layer knows which engine runs, and the building
/// blocks name no schema of the host or of a module.
/// </summary>
public sealed partial class KernelBoundaryTests
{
    private const string DataLayer = "Innovation.BuildingBlocks.Data";

    /// <summary>What a Contracts assembly may reference besides the runtime: the abstractions, and MediatR for public queries.</summary>
    private static readonly string[] ContractsMayReference = ["Innovation.Abstractions", "MediatR"];

    public static IEnumerable<TestCaseData> Modules() =>
        AppAssemblies.ModuleNames.Select(m => new TestCaseData(m).SetArgDisplayNames(m));

    [Test]
    public void Schema_names_are_found_in_sql_text()
    {
        // Positive controls for the pattern the rules below rely on.
        SchemasNamedIn("SELECT s.uai FROM projects.school s JOIN [networks].[person] p ON 1 = 1").Should().Equal("networks", "projects");
        SchemasNamedIn("INSERT INTO {schema}.outbox_message (event_id) VALUES (@Id)").Should().BeEmpty();
        SchemasNamedIn("Innovation.Modules.Networks.Contracts, networks:read").Should().BeEmpty();
        Schemas.Should().Contain(["host", "networks", "projects"]);
        SqlConstantsOf(AppAssemblies.Module("Projects")).Should().Contain(c => SchemasNamedIn(c.Sql).Contains("projects"),
            "Projects' SQL constants name its tables schema-qualified");
    }

    [TestCaseSource(nameof(Modules))]
    public void A_module_sql_constants_name_only_its_own_schema(string module)
    {
        var own = module.ToLowerInvariant();
        var offenders = SqlConstantsOf(AppAssemblies.Module(module))
            .SelectMany(c => SchemasNamedIn(c.Sql).Where(s => s != own).Select(s => $"  {c.Name}: {s}"))
            .ToList();

        if (offenders.Count > 0)
        {
            Assert.Fail($"Innovation.Modules.{module} names another schema than '{own}' in its SQL (ask a public query or keep a read model):"
                + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    [TestCaseSource(nameof(Modules))]
    public void A_module_migrations_name_only_its_own_schema(string module)
    {
        var own = module.ToLowerInvariant();
        var migrations = new[] { RepositoryLayout.SqliteEngine, RepositoryLayout.SqlServerEngine }
            .SelectMany(RepositoryLayout.MigrationFiles)
            .Where(f => f.Schema == own && f.FileName.EndsWith(".sql", StringComparison.Ordinal))
            .ToList();
        migrations.Select(m => m.Engine).Distinct().Should()
            .HaveCount(2, $"module {module} has migrations for both engines under db-migrations/*/{own}/");

        var offenders = migrations
            .SelectMany(m => SchemasNamedIn(m.Text).Where(s => s != own).Select(s => $"  {m}: {s}"))
            .ToList();
        if (offenders.Count > 0)
        {
            Assert.Fail($"Migrations of schema '{own}' name another schema:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    [TestCaseSource(nameof(Modules))]
    public void Contracts_reference_only_the_abstractions(string module)
    {
        var contracts = AppAssemblies.Contracts(module);
        var others = contracts.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => !IsRuntime(n) && !ContractsMayReference.Contains(n))
            .Order(StringComparer.Ordinal)
            .ToList();

        others.Should().BeEmpty(
            $"Innovation.Modules.{module}.Contracts, which other modules reference, may stand only on Innovation.Abstractions (and MediatR)");
    }

    [Test]
    public void The_contracts_rule_sees_real_references()
    {
        AppAssemblies.Contracts("Networks").GetReferencedAssemblies().Select(a => a.Name)
            .Should().Contain(["Innovation.Abstractions", "MediatR"], "Networks' events are IIntegrationEvents and FindAcademie a MediatR request");
        AppAssemblies.Named("Innovation.Abstractions").GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => !IsRuntime(n)).Should().BeSubsetOf(["MediatR"], "the abstractions carry no data access");
    }

    [Test]
    public void Only_the_data_layer_knows_the_database_provider()
    {
        var provider = typeof(DatabaseProvider).FullName!;
        Types.InAssembly(AppAssemblies.BuildingBlocks).That().HaveDependencyOn(provider).GetTypes()
            .Should().Contain(typeof(SqlDialect), "positive control: the dialect is where the engines differ");

        var offenders = AppAssemblies.All
            .SelectMany(a => Types.InAssembly(a).That().DoNotResideInNamespace(DataLayer).And().HaveDependencyOn(provider).GetTypes())
            .Select(t => "  " + t.FullName)
            .Concat(AppAssemblies.All.SelectMany(a => ProviderReadsOutsideTheDataLayer(a, provider)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (offenders.Count > 0)
        {
            Assert.Fail($"Only {DataLayer} may branch on the engine; these types depend on DatabaseProvider (add a SqlDialect member instead):"
                + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    [Test]
    public void The_building_blocks_name_no_schema()
    {
        // Building-block SQL reaches a module's tables through a {schema} placeholder; the host's
        // tables (the feed, the dispatch lease, API keys) are the host's to query.
        SqlConstantsOf(AppAssemblies.BuildingBlocks).Should().Contain(c => c.Sql.Contains("{schema}.outbox_message", StringComparison.Ordinal));
        var offenders = SqlConstantsOf(AppAssemblies.BuildingBlocks)
            .SelectMany(c => SchemasNamedIn(c.Sql).Select(s => $"  {c.Name}: {s}"))
            .ToList();

        if (offenders.Count > 0)
        {
            Assert.Fail("Innovation.BuildingBlocks names a schema of the host or of a module:"
                + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    /// <summary>
    /// Methods outside the data layer that read a <see cref="DatabaseProvider"/> (<c>db.Provider == …</c>):
    /// the enum's values are compiled in as numbers, so only the member read shows the dependency.
    /// </summary>
    private static IEnumerable<string> ProviderReadsOutsideTheDataLayer(Assembly assembly, string provider)
    {
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes()
            .Where(t => Outermost(t).Namespace is var ns && ns != DataLayer && !ns.StartsWith(DataLayer + ".", StringComparison.Ordinal))
            .SelectMany(t => t.Methods.Where(m => m.HasBody).Select(m => (Type: t, Method: m)))
            .Where(x => x.Method.Body.Instructions.Any(i => i.Operand switch
            {
                Mono.Cecil.MethodReference m => m.ReturnType.FullName == provider || m.Parameters.Any(p => p.ParameterType.FullName == provider),
                Mono.Cecil.FieldReference f => f.FieldType.FullName == provider,
                Mono.Cecil.TypeReference r => r.FullName == provider,
                _ => false,
            }))
            .Select(x => $"  {x.Type.FullName}.{x.Method.Name}")
            .ToList();
    }

    private static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition type) =>
        type.DeclaringType is { } declaring ? Outermost(declaring) : type;

    /// <summary>Every schema: a folder under <c>db-migrations/sqlite/</c>.</summary>
    private static IReadOnlyList<string> Schemas => RepositoryLayout.SchemaFolders(RepositoryLayout.SqliteEngine);

    /// <summary>The schemas a SQL text names as <c>schema.table</c> (or <c>[schema].[table]</c>), sorted.</summary>
    private static IReadOnlyList<string> SchemasNamedIn(string sql) =>
        QualifiedName().Matches(sql).Select(m => m.Groups["schema"].Value).Where(Schemas.Contains)
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every <c>const string</c> of the assembly, nested and non-public types included.</summary>
    private static IReadOnlyList<(string Name, string Sql)> SqlConstantsOf(Assembly assembly) =>
        AppAssemblies.TypesOf(assembly)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => ($"{t.FullName}.{f.Name}", (string)f.GetRawConstantValue()!)))
            .ToList();

    private static bool IsRuntime(string assembly) =>
        assembly is "System" or "netstandard" or "mscorlib" || assembly.StartsWith("System.", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<![\w.\]])\[?(?<schema>[a-z_]+)\]?\.\[?[a-z_]")]
    private static partial Regex QualifiedName();
}
