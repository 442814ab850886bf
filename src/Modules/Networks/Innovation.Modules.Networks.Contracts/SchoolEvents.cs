using Innovation.Abstractions;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// The school as other modules need it, carried whole by every school event so a consumer can
/// upsert its read model from any one of them. Codes are the API's stable string codes.
/// </summary>
/// <param name="Uai">The school's national identifier (7 digits and a check letter).</param>
/// <param name="Name">Official name.</param>
/// <param name="Type">ecole, college, lycee, erea or other.</param>
/// <param name="Sector">public or private.</param>
/// <param name="Commune">Commune name.</param>
/// <param name="Postcode">Postcode.</param>
/// <param name="Departement">Département code (3 characters, e.g. 095, 02A, 971).</param>
/// <param name="Academie">Académie code.</param>
/// <param name="PriorityEducation">none, rep or repPlus.</param>
/// <param name="Latitude">WGS84 latitude, if known.</param>
/// <param name="Longitude">WGS84 longitude, if known.</param>
/// <param name="Status">open or closed.</param>
/// <param name="Version">The school's version after the change (consumers ignore older versions).</param>
public sealed record SchoolSnapshot(
    string Uai, string Name, string Type, string Sector, string? Commune, string? Postcode, string Departement, string Academie,
    string PriorityEducation, double? Latitude, double? Longitude, string Status, int Version);

/// <summary>A school entered the directory.</summary>
public sealed record SchoolRegistered(SchoolSnapshot School) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => School.Uai;

    string IIntegrationEvent.Academie => School.Academie;
}

/// <summary>A school's data changed (it is still open, or still closed).</summary>
public sealed record SchoolUpdated(SchoolSnapshot School) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => School.Uai;

    string IIntegrationEvent.Academie => School.Academie;
}

/// <summary>A school was closed: it stays on existing projects but cannot join new ones.</summary>
public sealed record SchoolClosed(SchoolSnapshot School) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => School.Uai;

    string IIntegrationEvent.Academie => School.Academie;
}
