using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Features.Schools;

/// <summary>Answers <see cref="FindSchools"/> for other modules, with the snapshot the school events carry.</summary>
internal sealed class SchoolQuery(Db db) : IRequestHandler<FindSchools, IReadOnlyList<SchoolSnapshot>>
{
    public async Task<IReadOnlyList<SchoolSnapshot>> Handle(FindSchools request, CancellationToken cancellationToken) =>
        request.Uais.Count == 0
            ? []
            : [.. (await db.ReadAsync(c => SchoolTable.FindManyAsync(c, null, [.. request.Uais.Distinct()]), cancellationToken))
                .Select(r => r.ToSnapshot())];
}
