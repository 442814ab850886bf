using MediatR;

namespace Innovation.Modules.Projects.Contracts;

/// <summary>
/// Public query of the projects' lifecycle: the project as its lifecycle events carry it now (its latest transition's
/// from-status and time), or null when there is no such project or it was never submitted (a draft, which no event has
/// announced). A module whose copy of the projects has not caught up with the events yet asks this, so that a project
/// just acknowledged by Projects is usable in the client's next request (read-your-writes, ADR 0026).
/// </summary>
public sealed record FindProject(Guid ProjectId) : IRequest<ProjectLifecycleSnapshot?>;
