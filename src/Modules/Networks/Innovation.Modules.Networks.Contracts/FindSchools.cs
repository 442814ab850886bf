using MediatR;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// Public query of the school directory: the schools with these UAIs (closed ones included) as their events carry them;
/// unknown UAIs are left out. A module whose copy of the directory has not caught up with the events yet asks this, so that
/// a school just registered is usable in the client's next request (read-your-writes, ADR 0026).
/// </summary>
public sealed record FindSchools(IReadOnlyList<string> Uais) : IRequest<IReadOnlyList<SchoolSnapshot>>;
