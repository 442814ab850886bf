using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Innovation.Api.Http;

/// <summary>
/// Creates the JSON contract of a request body on the first request that carries one, not at start (ADR 0031).
/// <c>RequestDelegateFactory</c> asks the serializer for the contract of an endpoint's body when it builds the endpoint, and
/// those contracts (the properties, their converters, the JIT of the serializer's generic code over each enum) were a quarter
/// of the start's CPU. While the endpoints are built, this factory gives each object type of the API a converter that stands in
/// for its contract; the first value read or written through it creates the real contract, in a copy of the options without
/// this factory (the same naming, enums and body-shape checks), and every read and write goes to it from then on. A type first
/// asked for after the build gets its contract as usual.
/// </summary>
internal sealed class BodyContractsOnFirstRead : JsonConverterFactory
{
    private volatile bool _building = true;
    private JsonSerializerOptions? _contracts;

    /// <summary>From now on, every type asked for gets its contract at once.</summary>
    public void EndpointsBuilt() => _building = false;

    public override bool CanConvert(Type typeToConvert) =>
        _building && typeToConvert.IsClass && !typeof(IEnumerable).IsAssignableFrom(typeToConvert) && RequestBodyShape.IsOurs(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StandIn<>).MakeGenericType(typeToConvert), this)!;

    private JsonSerializerOptions Contracts(JsonSerializerOptions options) =>
        LazyInitializer.EnsureInitialized(ref _contracts, () =>
        {
            var copy = new JsonSerializerOptions(options);
            copy.Converters.Remove(this);
            copy.MakeReadOnly();
            return copy;
        });

    private sealed class StandIn<T>(BodyContractsOnFirstRead factory) : JsonConverter<T>
    {
        private JsonTypeInfo<T>? _contract;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, Contract(options));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, Contract(options));

        private JsonTypeInfo<T> Contract(JsonSerializerOptions options) =>
            _contract ??= (JsonTypeInfo<T>)factory.Contracts(options).GetTypeInfo(typeof(T));
    }
}
