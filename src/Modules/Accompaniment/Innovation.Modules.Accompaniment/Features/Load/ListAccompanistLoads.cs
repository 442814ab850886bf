using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Accompaniment.Features.Load;

internal static class ListAccompanistLoads
{
    /// <summary>Filters of the load overview.</summary>
    /// <param name="Departement">Only the accompanists of a project with a school in this département (95 or 095); each with their
    /// whole load in the académie.</param>
    /// <param name="SchoolYear" example="2026-2027">The school year; the current one (from 1 September) when absent.</param>
    /// <param name="OverCapacity">true: only the accompanists over the yearly capacity.</param>
    /// <param name="Limit">Page size, 1–200 (default 50).</param>
    /// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
    internal sealed record Filters(
        [property: FromQuery(Name = "departement")] string? Departement,
        [property: FromQuery(Name = "schoolYear")] string? SchoolYear,
        [property: FromQuery(Name = "overCapacity")] bool? OverCapacity,
        [property: FromQuery(Name = "limit")] int? Limit,
        [property: FromQuery(Name = "cursor")] string? Cursor);

    internal sealed record Query(Filters Filters, Caller Caller) : IRequest<Page<AccompanistLoad>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Filters.SchoolYear).Must(SchoolYears.IsValid).When(q => q.Filters.SchoolYear is not null)
                .WithMessage(SchoolYears.Rule).WithName("schoolYear");
            RuleFor(q => q.Filters.Departement).MaximumLength(3).WithName("departement");
        }
    }

    internal sealed class Handler(Db db, IConfiguration configuration, TimeProvider time) : IRequestHandler<Query, Page<AccompanistLoad>>
    {
        public async Task<Page<AccompanistLoad>> Handle(Query query, CancellationToken cancellationToken)
        {
            var filters = query.Filters;
            var page = PageRequest.AfterId(Limit.Resolve(filters.Limit), filters.Cursor);
            var year = filters.SchoolYear ?? AccompanistHours.SchoolYearOf(Today.Of(time));
            var departement = string.IsNullOrWhiteSpace(filters.Departement) ? null : Departements.Normalize(filters.Departement);
            var loads = await db.ReadAsync(c => AccompanistHours.LoadAsync(
                c, query.Caller.Academie, year, departement, null, AccompanistHours.Capacity(configuration)), cancellationToken);
            return page.PageOf([.. loads
                .Where(l => filters.OverCapacity != true || l.OverCapacity)
                .Where(l => page.After is null || l.PersonId.CompareTo(page.After.Value) > 0)
                .Take(page.Take)
                .Select(l => l with { Plans = [] })], l => l.PersonId.ToString());
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapQuery("/load", (Filters filters, Caller caller) => new Query(filters, caller))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("ListAccompanistLoads")
            .WithSummary("Overview of the accompanists' load")
            .WithDescription("Planned and held hours over a school year of every accompanist of the académie's accepted plans (with "
                + "`departement`: of those accompanying a project with a school there, each with their whole load in the académie), by "
                + "person id, with cursor pagination (`limit` 1–200, default 50). Each is flagged `overCapacity` when planned or held hours "
                + "exceed the setting `Accompaniment:YearlyCapacityHours` (default 120); `overCapacity=true` keeps only them. Held hours "
                + "are those of the sessions the person held as one of the session's `accompanistIds`. Unknown query parameters are "
                + "rejected.");
}
