using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Features.People;

/// <summary>Answers <see cref="FindPersonByEmail"/> for other modules: an erased person has no e-mail left, so is never found.</summary>
internal sealed class PersonByEmailQuery(Db db) : IRequestHandler<FindPersonByEmail, PersonInfo?>
{
    public async Task<PersonInfo?> Handle(FindPersonByEmail request, CancellationToken cancellationToken)
    {
        var row = await db.ReadAsync(c => PersonTable.FindByEmailAsync(c, request.Academie, PersonTable.NormalizeEmail(request.Email)),
            cancellationToken);
        return row is null || row.ErasedAt is not null ? null : new PersonInfo(row.Id, row.Academie);
    }
}
