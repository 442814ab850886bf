using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Innovation.BuildingBlocks.Http;

namespace Innovation.Api.Http;

/// <summary>
/// What every JSON body must be, whatever its endpoint: no property the endpoint does not know (the OpenAPI document says
/// <c>additionalProperties: false</c>) and no null element in an array. Both are found while the body is read, in the
/// serializer's contract of the API's own types, so a draft's validator never meets a null element and no module has to
/// repeat the rule. The findings of an object are kept beside it, with their JSON path, and moved up to its owner once the
/// owner is read; the endpoint filter then reports the whole body's findings at once: a 400 naming each field.
/// </summary>
internal static class RequestBodyShape
{
    private const string UnknownProperty = "Unknown property: this request does not accept it.";
    private const string NullElement = "An element cannot be null.";

    private static readonly ConditionalWeakTable<object, Findings> Found = new();

    /// <summary>The contract modifier: every object type of the API's assemblies collects its unknown members and checks its arrays.</summary>
    public static void Modify(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || !IsOurs(type.Type) || type.Properties.Any(p => p.IsExtensionData))
        {
            return;
        }

        var nested = type.Properties.Select(Nested.Of).OfType<Nested>().ToArray();
        // Unknown members land in an extension-data dictionary kept beside the object; it is never written back.
        var unknown = type.CreateJsonPropertyInfo(typeof(Dictionary<string, JsonElement>), "\0unknown");
        unknown.IsExtensionData = true;
        unknown.Get = owner => Found.TryGetValue(owner, out var findings) ? findings.Unknown : null;
        unknown.Set = (owner, value) => Found.GetOrCreateValue(owner).Unknown = (Dictionary<string, JsonElement>?)value;
        unknown.ShouldSerialize = static (_, _) => false;
        type.Properties.Add(unknown);

        var previous = type.OnDeserialized;
        type.OnDeserialized = owner =>
        {
            previous?.Invoke(owner);
            Inspect(owner, nested);
        };
    }

    /// <summary>Each field wrong in the shape of a body read by the API (none for any other value).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Errors(object? body) =>
        body is not null && Found.TryGetValue(body, out var findings) ? findings.Errors : [];

    /// <summary>
    /// Rejects a body whose shape is wrong, naming every such field (400), before the endpoint runs. Only the endpoints whose
    /// handler reads a body of the API's types get the filter: a filter, even one that changes nothing, costs an endpoint's
    /// start a compiled filter pipeline (ADR 0031).
    /// </summary>
    public static TBuilder RejectMalformedBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // The body is one of the handler's arguments of the API's own types (services of those types are never in the table).
            var candidates = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
                .Where(p => IsOurs(p.ParameterType) && !p.ParameterType.IsValueType && p.GetCustomAttribute<AsParametersAttribute>() is null)
                .Select(p => p.Position)
                .ToArray();
            if (candidates is { Length: > 0 })
            {
                endpoint.FilterFactories.Add((_, next) => context => Reject(context, candidates, next));
            }
        });
        return builder;
    }

    private static ValueTask<object?> Reject(EndpointFilterInvocationContext context, int[] candidates, EndpointFilterDelegate next)
    {
        foreach (var position in candidates)
        {
            var errors = Errors(context.Arguments[position]);
            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Value).ToArray()));
            }
        }

        return next(context);
    }

    private static void Inspect(object owner, Nested[] nested)
    {
        var findings = Found.TryGetValue(owner, out var own) ? own : null;
        foreach (var name in findings?.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            findings!.Add(name, UnknownProperty);
        }

        foreach (var property in nested)
        {
            switch (property.Get(owner))
            {
                case null:
                    break;
                case IEnumerable items when property.IsCollection:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is null)
                        {
                            (findings ??= Found.GetOrCreateValue(owner)).Add($"{property.Name}[{index}]", NullElement);
                        }
                        else if (Found.TryGetValue(item, out var inner) && inner.Errors.Count > 0)
                        {
                            (findings ??= Found.GetOrCreateValue(owner)).AddAll($"{property.Name}[{index}].", inner);
                        }

                        index++;
                    }

                    break;
                case var value when Found.TryGetValue(value, out var inner) && inner.Errors.Count > 0:
                    (findings ??= Found.GetOrCreateValue(owner)).AddAll(property.Name + ".", inner);
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="type"/> is one of the API's own (its assemblies are named <c>Innovation.*</c>).</summary>
    internal static bool IsOurs(Type type) => type.Assembly.GetName().Name?.StartsWith("Innovation.", StringComparison.Ordinal) == true;

    /// <summary>A property that may hold a null element or an object with findings of its own.</summary>
    private sealed record Nested(string Name, Func<object, object?> Get, bool IsCollection)
    {
        public static Nested? Of(JsonPropertyInfo property)
        {
            var type = property.PropertyType;
            if (property.Get is null || type.IsValueType || type == typeof(string))
            {
                return null;
            }

            var element = type.IsArray ? type.GetElementType()
                : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    ?.GetGenericArguments()[0];
            if (element is not null)
            {
                // A collection of values (an enum, a Guid) holds no null: nothing to walk.
                return (element.IsValueType && Nullable.GetUnderlyingType(element) is null) || typeof(IDictionary).IsAssignableFrom(type)
                    ? null
                    : new Nested(property.Name, property.Get, IsCollection: true);
            }

            return IsOurs(type) ? new Nested(property.Name, property.Get, IsCollection: false) : null;
        }
    }

    private sealed class Findings
    {
        private List<KeyValuePair<string, string>>? _errors;

        public Dictionary<string, JsonElement>? Unknown { get; set; }

        public IReadOnlyList<KeyValuePair<string, string>> Errors => _errors ?? (IReadOnlyList<KeyValuePair<string, string>>)[];

        public void Add(string path, string message) => (_errors ??= []).Add(new(path, message));

        public void AddAll(string prefix, Findings inner)
        {
            foreach (var (path, message) in inner.Errors)
            {
                Add(prefix + path, message);
            }
        }
    }
}
