using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Features.People;

/// <summary>Answers <see cref="FindPeople"/> for other modules: ids and académies of the people still in the directory.</summary>
internal sealed class PeopleQuery(Db db) : IRequestHandler<FindPeople, IReadOnlyList<PersonInfo>>
{
    internal const string FindSql = "SELECT id AS Id, academie AS Academie FROM networks.person WHERE id IN @Ids AND erased_at IS NULL";

    public async Task<IReadOnlyList<PersonInfo>> Handle(FindPeople request, CancellationToken cancellationToken)
    {
        if (request.PersonIds.Count == 0)
        {
            return [];
        }

        var rows = await db.ReadAsync(c => c.QueryAsync<Row>(FindSql, new { Ids = db.Dialect.IdList(request.PersonIds.Distinct()) }),
            cancellationToken);
        return [.. rows.Select(r => new PersonInfo(r.Id, r.Academie))];
    }

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Academie { get; set; } = "";
    }
}
