using System.Reflection;
using Innovation.Abstractions;

namespace Innovation.BuildingBlocks.Messaging;

/// <summary>Maps the stored event type name back to its payload type (from the Contracts assemblies).</summary>
public sealed class IntegrationEventTypes
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public IntegrationEventTypes(IEnumerable<ContractsAssembly> assemblies)
    {
        foreach (var type in assemblies.Select(a => a.Assembly).Distinct().SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IIntegrationEvent).IsAssignableFrom(t)))
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException($"Two integration events are named {type.Name}: event names must be unique.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public Type? Find(string name) => _byName.GetValueOrDefault(name);
}

/// <summary>A module's Contracts assembly, registered so its events can be read back from outboxes.</summary>
public sealed record ContractsAssembly(Assembly Assembly);
