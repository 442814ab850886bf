using MediatR;

namespace Innovation.Modules.Projects.Contracts;

/// <summary>
/// Public query of the project teams: true when the person with this professional e-mail is a carrier or
/// co-carrier of the project. The team never travels in events, so a module that lets carriers decide
/// (Accompaniment) asks this at the moment of the decision.
/// </summary>
public sealed record IsProjectCarrier(Guid ProjectId, string Email) : IRequest<bool>;
