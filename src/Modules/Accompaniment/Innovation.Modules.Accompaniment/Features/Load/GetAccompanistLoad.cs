using Innovation.Modules.Networks.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Accompaniment.Features.Load;

internal static class GetAccompanistLoad
{
    /// <summary>Which school year.</summary>
    /// <param name="SchoolYear" example="2026-2027">The school year; the current one (from 1 September) when absent.</param>
    internal sealed record Filters([property: FromQuery(Name = "schoolYear")] string? SchoolYear);

    internal sealed record Query(Guid PersonId, Filters Filters, Caller Caller) : IRequest<AccompanistLoad>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Filters.SchoolYear).Must(SchoolYears.IsValid).When(q => q.Filters.SchoolYear is not null)
                .WithMessage(SchoolYears.Rule).WithName("schoolYear");
    }

    internal sealed class Handler(Db db, IMediator mediator, IConfiguration configuration, TimeProvider time)
        : IRequestHandler<Query, AccompanistLoad>
    {
        public async Task<AccompanistLoad> Handle(Query query, CancellationToken cancellationToken)
        {
            // The person's académie scopes the plans: an accompanist is a person of the plan's académie (checked when planned).
            var person = (await mediator.Send(new FindPeople([query.PersonId]), cancellationToken)).SingleOrDefault();
            if (person is null || !query.Caller.Sees(person.Academie))
            {
                throw ProblemException.NotFound("person", query.PersonId.ToString());
            }

            var year = query.Filters.SchoolYear ?? AccompanistHours.SchoolYearOf(Today.Of(time));
            var capacity = AccompanistHours.Capacity(configuration);
            var loads = await db.ReadAsync(c => AccompanistHours.LoadAsync(c, person.Academie, year, null, person.PersonId, capacity),
                cancellationToken);
            return loads.SingleOrDefault() ?? new AccompanistLoad(person.PersonId, year, 0, 0, capacity, false, []);
        }
    }

    public static void Map(IEndpointRouteBuilder accompaniment) =>
        accompaniment.MapGet("/accompanists/{personId:guid}/load", async (
                Guid personId, [AsParameters] Filters filters, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Query(personId, filters, http.Caller()), ct)))
            .RequireAuthorization(Scopes.AccompanimentRead)
            .WithName("GetAccompanistLoad")
            .WithSummary("Read an accompanist's load")
            .WithDescription("Planned and held hours of one accompanist over a school year, in total and per plan. Planned: the person's "
                + "lines for that year in accepted plans (active or closed). Held: the durations of the sessions held that year in which the "
                + "person is one of the session's `accompanistIds` (accompanists of the plan). `overCapacity` compares both with the "
                + "setting `Accompaniment:YearlyCapacityHours`. A person not in the directory (unknown, erased) or of another académie is a "
                + "404; a malformed `schoolYear` a 400.")
            .Produces<AccompanistLoad>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
