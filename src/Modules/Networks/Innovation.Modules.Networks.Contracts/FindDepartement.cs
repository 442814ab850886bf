using MediatR;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// Public query of the territorial frame: the département with this code in any usual spelling ("95", "095", "2A", "02a"),
/// or null. The host asks it to check a credential's département limit against the credential's académie.
/// </summary>
public sealed record FindDepartement(string Code) : IRequest<DepartementInfo?>;

/// <summary>A département (3-character code, ADR 0006) and the académie it belongs to.</summary>
public sealed record DepartementInfo(string Code, string Name, string Academie);
