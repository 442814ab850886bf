using System.Reflection;
using System.Runtime.CompilerServices;
using Innovation.Abstractions;
using NetArchTest.Rules;

namespace Innovation.Api.Tests.Architecture;

/// <summary>
/// Modules stay apart: they meet only through Contracts assemblies (events and public queries) and
/// their static entry point, and everything else in a module is internal (and sealed by default).
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] KnownModules = ["Accompaniment", "Evaluation", "Experimentation", "Networks", "Projects"];

    public static IEnumerable<TestCaseData> Modules() =>
        AppAssemblies.ModuleNames.Select(m => new TestCaseData(m).SetArgDisplayNames(m));

    public static IEnumerable<TestCaseData> ModuleAssemblies() =>
        AppAssemblies.ModuleNames
            .SelectMany(m => new[] { $"Innovation.Modules.{m}", $"Innovation.Modules.{m}.Contracts" })
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [Test]
    public void Every_module_has_an_implementation_and_a_contracts_assembly()
    {
        AppAssemblies.ModuleNames.Should().Contain(KnownModules);
        foreach (var module in AppAssemblies.ModuleNames)
        {
            FluentActions.Invoking(() => AppAssemblies.Contracts(module)).Should()
                .NotThrow($"module {module} publishes its events and queries in a Contracts assembly");
        }
    }

    [Test]
    public void The_dependency_rules_see_real_dependencies()
    {
        // Positive controls: the rules below forbid dependencies by these very mechanisms, so they
        // must be able to see the dependencies that are allowed and do exist.
        Types.InAssembly(AppAssemblies.Module("Projects")).That()
            .HaveDependencyOnAny(TopLevelTypeNames(AppAssemblies.Contracts("Networks")).ToArray())
            .GetTypes().Should().NotBeEmpty("Projects' school read model handles the Networks contracts' school events");
        Types.InAssembly(AppAssemblies.Host).That().HaveDependencyOn(EntryPoint("Networks").FullName!)
            .GetTypes().Should().NotBeEmpty("the host calls AddNetworksModule and MapNetworksEndpoints");
    }

    [TestCaseSource(nameof(Modules))]
    public void A_module_does_not_depend_on_another_module_implementation(string module)
    {
        var assembly = AppAssemblies.Module(module);
        var others = AppAssemblies.ModuleNames.Where(m => m != module).Select(AppAssemblies.Module).ToList();

        ShouldNotUse(assembly, others,
            $"Innovation.Modules.{module} uses another module's implementation (it may use other modules' Contracts only)");
    }

    [TestCaseSource(nameof(Modules))]
    public void Contracts_depend_on_no_module_implementation(string module) =>
        ShouldNotUse(AppAssemblies.Contracts(module), AppAssemblies.ModuleNames.Select(AppAssemblies.Module).ToList(),
            $"Innovation.Modules.{module}.Contracts, which other modules reference, uses a module implementation");

    [Test]
    public void The_building_blocks_depend_on_no_module_and_not_on_the_host()
    {
        AppAssemblies.BuildingBlocks.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(n => n!.StartsWith("Innovation.Modules.", StringComparison.Ordinal) || n == "Innovation.Api");
        ShouldPass(
            Types.InAssembly(AppAssemblies.BuildingBlocks).ShouldNot().HaveDependencyOnAny("Innovation.Modules", "Innovation.Api").GetResult(),
            "Building blocks types depend on a module or on the host");
    }

    [Test]
    public void The_host_uses_modules_only_through_their_entry_point_and_contracts()
    {
        var forbidden = AppAssemblies.ModuleNames
            .SelectMany(m => TopLevelTypeNames(AppAssemblies.Module(m)).Where(t => t != EntryPoint(m).FullName))
            .ToArray();
        forbidden.Should().NotBeEmpty("the modules have internals the host must not see");

        ShouldPass(
            Types.InAssembly(AppAssemblies.Host).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(),
            "Host types use module internals (only XModule and the Contracts assemblies are allowed)");
    }

    [TestCaseSource(nameof(Modules))]
    public void A_module_exposes_only_its_static_entry_point(string module)
    {
        var entryPoint = $"Innovation.Modules.{module}.{module}Module";
        var exported = AppAssemblies.Module(module).GetExportedTypes();

        var others = exported.Where(t => t.FullName != entryPoint).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            Assert.Fail($"Only {entryPoint} (the Add/Map entry point) may be public in Innovation.Modules.{module}; make these internal:"
                + Environment.NewLine + string.Join(Environment.NewLine, others.Select(o => "  " + o)));
        }

        exported.Should().ContainSingle(t => t.FullName == entryPoint, "the module is added and mapped through its public entry point")
            .Which.Should().Match<Type>(t => t.IsAbstract && t.IsSealed, "the entry point is a static class");
    }

    [TestCaseSource(nameof(ModuleAssemblies))]
    public void Non_public_classes_are_sealed(string assemblyName)
    {
        var offenders = AppAssemblies.TypesOf(AppAssemblies.Named(assemblyName))
            .Where(t => t.IsClass && !t.IsVisible && !t.IsSealed && !t.IsAbstract && !IsCompilerGenerated(t))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        if (offenders.Count > 0)
        {
            Assert.Fail($"Internal classes of {assemblyName} are sealed by default (make these sealed, static or abstract):"
                + Environment.NewLine + string.Join(Environment.NewLine, offenders.Select(o => "  " + o)));
        }
    }

    [Test]
    public void Integration_event_names_are_unique_across_contracts()
    {
        // The outboxes and the public feed store an event by its class name, so two modules must never
        // publish events of the same name (the host registers its own assembly as a contracts one too).
        var contracts = AppAssemblies.ModuleNames.Select(AppAssemblies.Contracts).Append(AppAssemblies.Host);
        var events = contracts
            .SelectMany(AppAssemblies.TypesOf)
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .ToList();

        events.Select(e => e.Name).Should().Contain("SchoolRegistered", "the school directory publishes its events from Networks.Contracts");
        var duplicates = events.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"  {g.Key}: {string.Join(", ", g.Select(t => $"{t.FullName} ({t.Assembly.GetName().Name})"))}")
            .ToList();
        if (duplicates.Count > 0)
        {
            Assert.Fail("Integration events share a name:" + Environment.NewLine + string.Join(Environment.NewLine, duplicates));
        }
    }

    private static Type EntryPoint(string module) =>
        AppAssemblies.Module(module).GetType($"Innovation.Modules.{module}.{module}Module", throwOnError: true)!;

    /// <summary>
    /// Full names of the module's own top-level types (NetArchTest matches dependencies by dotted
    /// prefix, so a type's nested types are covered). Types outside the module's namespace are the
    /// compiler's embedded attributes, which every assembly carries under the same names.
    /// </summary>
    private static IEnumerable<string> TopLevelTypeNames(Assembly module)
    {
        var root = module.GetName().Name!;
        return AppAssemblies.TypesOf(module)
            .Where(t => !t.IsNested && !IsCompilerGenerated(t)
                && t.Namespace is { } ns && (ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName!);
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.Contains('<', StringComparison.Ordinal);

    /// <summary>Neither an assembly reference nor any type dependency from <paramref name="assembly"/> to <paramref name="forbidden"/>.</summary>
    private static void ShouldNotUse(Assembly assembly, IReadOnlyList<Assembly> forbidden, string failure)
    {
        var forbiddenNames = forbidden.Select(a => a.GetName().Name).ToHashSet(StringComparer.Ordinal);
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(forbiddenNames.Contains).Order(StringComparer.Ordinal)
            .ToList();
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden.SelectMany(TopLevelTypeNames).ToArray()).GetResult();

        var offenders = references.Select(r => $"  assembly reference: {r}")
            .Concat((result.FailingTypeNames ?? []).Order(StringComparer.Ordinal).Select(t => $"  type: {t}"))
            .ToList();
        if (offenders.Count > 0)
        {
            Assert.Fail(failure + ":" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
        }
    }

    private static void ShouldPass(TestResult result, string failure)
    {
        if (!result.IsSuccessful)
        {
            Assert.Fail(failure + ":" + Environment.NewLine
                + string.Join(Environment.NewLine, (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal).Select(n => "  " + n)));
        }
    }
}
