using MediatR;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>
/// Public query of the people directory: the id of the person of <paramref name="Academie"/> with this professional
/// e-mail, or null (unknown or erased). How another module recognises a credential's person from the token's e-mail
/// (Accompaniment: an accompanist of a plan). No name is returned.
/// </summary>
public sealed record FindPersonByEmail(string Academie, string Email) : IRequest<PersonInfo?>;
