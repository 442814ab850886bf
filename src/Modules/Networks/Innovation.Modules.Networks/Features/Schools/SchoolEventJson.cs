using System.Text.Json;
using System.Text.Json.Serialization;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Features.Schools;

/// <summary>
/// SchoolRegistered's JSON, generated at build time: a bulk import serializes one event per row, and
/// the reflection-based serializer costs more per event, most of all in a process that has just
/// started and is still compiling it (ADR 0010). The options are those of the outbox's own
/// (web defaults; its enum converter has no enum to convert here): SchoolEventJsonTests checks the
/// bytes are the same.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SchoolRegistered))]
internal sealed partial class SchoolEventJson : JsonSerializerContext;
