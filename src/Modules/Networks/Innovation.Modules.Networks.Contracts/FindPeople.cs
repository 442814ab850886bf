using MediatR;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// Public query of the people directory: who of these ids is in it, with their académie. Erased people
/// are not returned. No names: a module that must check "a person of the académie's directory" asks this.
/// </summary>
public sealed record FindPeople(IReadOnlyList<Guid> PersonIds) : IRequest<IReadOnlyList<PersonInfo>>;

/// <summary>A person of the directory, as another module may know them.</summary>
public sealed record PersonInfo(Guid PersonId, string Academie);
