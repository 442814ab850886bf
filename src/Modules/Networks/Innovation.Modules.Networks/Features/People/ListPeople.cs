using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Modules.Networks.Features.People;

internal static class ListPeople
{
    // Erased people are no longer in the directory: only GET /people/{id} still answers for them.
    internal const string ListSql = PersonTable.SelectColumns + """
        WHERE erased_at IS NULL
          AND (@CallerAcademie IS NULL OR academie = @CallerAcademie)
          AND (@Academie IS NULL OR academie = @Academie)
          AND (@School IS NULL OR school_uai = CAST(@School AS VARCHAR(8000)))
          AND (@Function IS NULL OR functions LIKE @Function)
          AND (@Search IS NULL OR search_text LIKE @Search ESCAPE '\')
          AND (@Email IS NULL OR email_normalized = @Email)
          AND id > COALESCE(@After, '00000000-0000-0000-0000-000000000000')
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>Filters of the people list.</summary>
    internal sealed record Filters(
        [property: FromQuery(Name = "academie"),
            Description("Académie code or name (national credentials; others see only their own).")] string? Academie,
        [property: FromQuery(Name = "school"), Description("UAI of the people's school.")] string? School,
        [property: FromQuery(Name = "function"), EnumCodes(typeof(PersonFunction)), Description("People holding this function.")] string? Function,
        [property: FromQuery(Name = "q"), Description("Text in the first or last name, ignoring case and accents.")] string? Q,
        [property: FromQuery(Name = "email"), Description("Exact professional e-mail, ignoring case.")] string? Email,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<Person>>;

    internal sealed class Handler(Db db, Territory territory) : IRequestHandler<Query, Page<Person>>
    {
        public async Task<Page<Person>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var limit = Limit.Resolve(filters.Limit);
            var function = EnumCodesAttribute.Parse<PersonFunction>(filters.Function, "function");
            var errors = new Dictionary<string, string[]>();
            string? academie = null, school = null;
            if (!string.IsNullOrWhiteSpace(filters.Academie))
            {
                academie = (await territory.GetAsync(cancellationToken)).FindAcademie(filters.Academie)?.Code;
                if (academie is null)
                {
                    errors["academie"] = [$"Unknown académie '{filters.Academie}'."];
                }
            }

            if (!string.IsNullOrWhiteSpace(filters.School))
            {
                school = Uai.Normalize(filters.School, out var error);
                if (school is null)
                {
                    errors["school"] = [error!];
                }
            }

            if (filters.Q is { Length: > 100 })
            {
                errors["q"] = ["Search text is at most 100 characters."];
            }

            // A cursor that is base64 but holds no id is reported with the other filters' errors.
            var page = new PageRequest<Guid?>(limit, null);
            if (Cursor.Decode(filters.Cursor) is { } key)
            {
                if (Guid.TryParse(key, out var id))
                {
                    page = page with { After = id };
                }
                else
                {
                    errors["cursor"] = [Cursor.NotIssued];
                }
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            var rows = await db.ReadAsync(c => c.QueryAsync<PersonTable.Row>(db.Sql(ListSql), new
            {
                CallerAcademie = query.Caller.Academie,
                Academie = academie,
                School = school,
                Function = function is { } f ? PersonFunctions.Pattern(f) : null,
                Search = string.IsNullOrWhiteSpace(filters.Q) ? null : TextKey.Contains(filters.Q.Trim()),
                Email = string.IsNullOrWhiteSpace(filters.Email) ? null : PersonTable.NormalizeEmail(filters.Email),
                page.After,
                page.Take,
            }), cancellationToken);
            return page.PageOf(rows.Select(r => r.ToPerson()).ToList(), p => p.Id.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder people) =>
        people.MapQuery("/", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.PeopleRead)
            .WithName("ListPeople")
            .WithSummary("List people")
            .WithDescription("People of the caller's académie, in a stable order (by id), with cursor pagination (`limit` 1–200, default 50). "
                + "Filters combine: `school` (UAI), `function`, `q` (first or last name, ignoring case and accents), `email` (exact, ignoring case). "
                + "Erased people are not listed. Unknown query parameters are rejected.");
}
