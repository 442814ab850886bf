using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Schools;

internal static class ListSchools
{
    internal const string ListSql = SchoolTable.SelectColumns + """
        WHERE (@CallerAcademie IS NULL OR academie = @CallerAcademie)
          AND (@Academie IS NULL OR academie = @Academie)
          AND (@Departement IS NULL OR departement = @Departement)
          AND (@Type IS NULL OR type = @Type)
          AND (@PriorityEducation IS NULL OR priority_education = @PriorityEducation)
          AND (@Status IS NULL OR status = @Status)
          AND (@Search IS NULL OR search_text LIKE @Search ESCAPE '\')
          AND uai > COALESCE(@After, '')
        ORDER BY uai
        {{limit @Take}}
        """;

    /// <summary>Filters of the school list.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "academie")] string? Academie,
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "type"), EnumCodes(typeof(SchoolType))] string? Type,
        [property: FromQuery(Name = "priorityEducation"), EnumCodes(typeof(PriorityEducation))] string? PriorityEducation,
        [property: FromQuery(Name = "status"), EnumCodes(typeof(SchoolStatus))] string? Status,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<School>>;

    internal sealed class Handler(Db db, Territory territory) : IRequestHandler<Query, Page<School>>
    {
        public async Task<Page<School>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var map = await territory.GetAsync(cancellationToken);
            var type = EnumCodesAttribute.Parse<SchoolType>(filters.Type, "type");
            var priority = EnumCodesAttribute.Parse<PriorityEducation>(filters.PriorityEducation, "priorityEducation");
            var status = EnumCodesAttribute.Parse<SchoolStatus>(filters.Status, "status");
            var errors = new Dictionary<string, string[]>();
            string? academie = null, departement = null;
            if (!string.IsNullOrWhiteSpace(filters.Academie))
            {
                academie = map.FindAcademie(filters.Academie)?.Code;
                if (academie is null)
                {
                    errors["academie"] = [$"Unknown académie '{filters.Academie}'."];
                }
            }

            if (!string.IsNullOrWhiteSpace(filters.Departement))
            {
                departement = map.FindDepartement(filters.Departement)?.Code;
                if (departement is null)
                {
                    errors["departement"] = [$"Unknown département '{filters.Departement}'."];
                }
            }

            if (filters.Q is { Length: > 100 })
            {
                errors["q"] = ["Search text is at most 100 characters."];
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            var page = PageRequest.AfterKey(limit, filters.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<SchoolTable.Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie,
                Academie = academie,
                Departement = departement,
                Type = type is { } t ? StableCode.Of(t) : null,
                PriorityEducation = priority is { } p ? StableCode.Of(p) : null,
                Status = status is { } s ? StableCode.Of(s) : null,
                Search = string.IsNullOrWhiteSpace(filters.Q) ? null : TextKey.Contains(filters.Q.Trim()),
                page.After,
                page.Take,
            }), cancellationToken);
            return page.PageOf(rows.Select(r => r.ToSchool()).ToList(), s => s.Uai);
        }
    }

    public static void Map(IEndpointRouteBuilder schools) =>
        schools.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.SchoolsRead)
            .WithName("ListSchools")
            .WithSummary("List schools")
            .WithDescription("Schools of the caller's académie, ordered by UAI, with cursor pagination (`limit` 1–200, default 50). `q` searches " +
                "name and commune, ignoring case and accents. Unknown query parameters are rejected.");
}
