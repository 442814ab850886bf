using MediatR;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// Public query of the territorial frame: the académie with this code or name (case- and
/// accent-insensitive), or null. Other modules and the host ask this instead of reading tables.
/// </summary>
public sealed record FindAcademie(string CodeOrName) : IRequest<AcademieInfo?>;

/// <summary>An académie of the 2020 territorial organisation.</summary>
public sealed record AcademieInfo(string Code, string Name);
