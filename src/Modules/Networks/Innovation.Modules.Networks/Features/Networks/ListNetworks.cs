using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.Networks;

internal static class ListNetworks
{
    // Aliased (n) so the membership subqueries name the outer row in two parts, as T-SQL prefers.
    internal const string ListSql = """
        SELECT n.id AS Id, n.academie AS Academie, n.departement AS Departement, n.kind AS Kind, n.name AS Name, n.description AS Description,
               n.active_years AS ActiveYears, n.version AS Version
        FROM networks.network n
        WHERE (@CallerAcademie IS NULL OR n.academie = @CallerAcademie)
          AND (@Kind IS NULL OR n.kind = @Kind)
          AND (@Departement IS NULL OR n.departement = @Departement)
          AND (@Search IS NULL OR n.search_text LIKE @Search ESCAPE '\')
          AND (@Year IS NULL OR n.active_years LIKE @Year)
          AND (@Uai IS NULL OR EXISTS (
                SELECT 1 FROM networks.network_school s
                WHERE s.network_id = n.id AND s.uai = CAST(@Uai AS VARCHAR(8000))
                  AND (s.from_date IS NULL OR s.from_date <= @Today) AND (s.to_date IS NULL OR s.to_date >= @Today)))
          AND (@PersonId IS NULL OR EXISTS (
                SELECT 1 FROM networks.network_person p
                WHERE p.network_id = n.id AND p.person_id = @PersonId
                  AND (p.from_date IS NULL OR p.from_date <= @Today) AND (p.to_date IS NULL OR p.to_date >= @Today)))
          AND n.id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY n.id
        {{limit @Take}}
        """;

    /// <summary>Filters of the network list.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "kind"), EnumCodes(typeof(NetworkKind))] string? Kind,
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "q")] string? Q,
        [property: FromQuery(Name = "activeYear")] string? ActiveYear,
        [property: FromQuery(Name = "school")] string? School,
        [property: FromQuery(Name = "person")] Guid? Person,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Network>>;

    internal sealed class Handler(Db db, Territory territory, TimeProvider time) : IRequestHandler<Query, Page<Network>>
    {
        public async Task<Page<Network>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var kind = EnumCodesAttribute.Parse<NetworkKind>(filters.Kind, "kind");
            var errors = new Dictionary<string, string[]>();
            string? departement = null, uai = null;
            if (!string.IsNullOrWhiteSpace(filters.Departement))
            {
                departement = (await territory.GetAsync(cancellationToken)).FindDepartement(filters.Departement)?.Code;
                if (departement is null)
                {
                    errors["departement"] = [$"Unknown département '{filters.Departement}'."];
                }
            }

            if (filters.ActiveYear is not null && !Periods.IsSchoolYear(filters.ActiveYear))
            {
                errors["activeYear"] = [Periods.SchoolYearRule];
            }

            if (filters.School is not null && (uai = Domain.Uai.Normalize(filters.School, out var uaiError)) is null)
            {
                errors["school"] = [uaiError!];
            }

            if (filters.Q is { Length: > 100 })
            {
                errors["q"] = ["Search text is at most 100 characters."];
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            var page = PageRequest.AfterId(limit, filters.Cursor);
            var rows = await db.ReadAsync(c => c.QueryAsync<NetworkTable.Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie,
                Kind = kind is { } k ? StableCode.Of(k) : null,
                Departement = departement,
                Search = string.IsNullOrWhiteSpace(filters.Q) ? null : TextKey.Contains(filters.Q.Trim()),
                Year = filters.ActiveYear is null ? null : $"%{filters.ActiveYear}%",
                Uai = uai,
                PersonId = filters.Person,
                Today = Periods.Text(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
                page.After,
                page.Take,
            }), cancellationToken);
            return page.PageOf(rows.Select(r => r.ToNetwork()).ToList(), n => n.Id.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworks")
            .WithSummary("List networks")
            .WithDescription("Networks of the caller's académie in a stable order, with cursor pagination (`limit` 1–200, default 50). Filters: " +
                "`kind`, `departement`, `q` (name and description, ignoring case and accents), `activeYear` (e.g. 2025-2026), `school` (a UAI that " +
                "is a current member), `person` (a person id that is a current member). Unknown query parameters are rejected.");
}
