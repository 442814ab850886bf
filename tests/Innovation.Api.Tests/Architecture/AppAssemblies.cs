using System.Reflection;
using System.Text.RegularExpressions;

namespace Innovation.Api.Tests.Architecture;

/// <summary>The application's own assemblies (<c>Innovation.*</c>): the host, the building blocks and every module.</summary>
internal static partial class AppAssemblies
{
    private const string TestAssembly = "Innovation.Api.Tests";

    private static readonly Lazy<IReadOnlyList<Assembly>> Loaded = new(Load);

    public static IReadOnlyList<Assembly> All => Loaded.Value;

    public static Assembly Host => typeof(Program).Assembly;

    public static Assembly BuildingBlocks => typeof(Innovation.BuildingBlocks.Data.Db).Assembly;

    /// <summary>Module names (<c>Networks</c>, <c>Projects</c>…), from the <c>Innovation.Modules.{Name}</c> assemblies.</summary>
    public static IReadOnlyList<string> ModuleNames =>
        All.Select(a => ModuleAssemblyName().Match(a.GetName().Name!)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal).ToList();

    public static Assembly Module(string module) => Named($"Innovation.Modules.{module}");

    public static Assembly Contracts(string module) => Named($"Innovation.Modules.{module}.Contracts");

    public static Assembly Named(string name) =>
        All.SingleOrDefault(a => a.GetName().Name == name)
        ?? throw new InvalidOperationException($"No application assembly is named {name}; found: " +
            $"{string.Join(", ", All.Select(a => a.GetName().Name))}.");

    /// <summary>Every type of the assembly, nested and non-public ones included; a type that cannot load fails the caller.</summary>
    public static IReadOnlyList<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException(
                $"Types of {assembly.GetName().Name} failed to load: {string.Join("; ", e.LoaderExceptions.Select(x => x?.Message))}", e);
        }
    }

    private static IReadOnlyList<Assembly> Load()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([Host]);
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(IsApplication))
            {
                pending.Enqueue(Assembly.Load(reference));
            }
        }

        // The compiler keeps a reference only when a type of it is used, so an assembly nothing uses
        // yet (a fresh Contracts project) is found in the output folder, where the build copied it.
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Innovation.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            if (IsApplication(name) && !found.ContainsKey(name.Name!))
            {
                found[name.Name!] = Assembly.Load(name);
            }
        }

        return found.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ToList();
    }

    private static bool IsApplication(AssemblyName name) =>
        name.Name is { } n && n.StartsWith("Innovation.", StringComparison.Ordinal) && n != TestAssembly;

    [GeneratedRegex(@"^Innovation\.Modules\.(\w+)$")]
    private static partial Regex ModuleAssemblyName();
}
