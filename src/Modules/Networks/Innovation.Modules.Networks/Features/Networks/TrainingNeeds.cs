using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A training need declared by a member school.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e90">The need's id.</param>
/// <param name="Uai" example="0271234V">The declaring school.</param>
/// <param name="Theme" example="Évaluation par compétences">What the staff want to be trained in.</param>
/// <param name="Audience">Who the need concerns.</param>
/// <param name="Priority">How urgent it is for the school.</param>
/// <param name="StaffConcerned" example="6">Number of staff concerned in the school.</param>
internal sealed record TrainingNeed(Guid Id, string Uai, string Theme, TrainingAudience Audience, NeedPriority Priority, int StaffConcerned);

/// <summary>A training need as a member school declares it.</summary>
/// <param name="Uai" example="0271234V">The declaring school: a current member of the network.</param>
/// <param name="Theme" example="Évaluation par compétences">Theme; needs of several schools are grouped on it ignoring case and accents.</param>
/// <param name="Audience">Who the need concerns.</param>
/// <param name="Priority">How urgent it is for the school.</param>
/// <param name="StaffConcerned" example="6">Number of staff concerned (1–1000).</param>
internal sealed record TrainingNeedDraft(string? Uai, string? Theme, TrainingAudience? Audience, NeedPriority? Priority, int? StaffConcerned);

/// <summary>One line of a network training plan: a theme for an audience and who asked for it.</summary>
/// <param name="Rank" example="1">1 for the need shared by the most schools.</param>
/// <param name="Theme" example="Évaluation par compétences">The theme as first declared.</param>
/// <param name="Audience">Who the training is for.</param>
/// <param name="Schools" example="3">Number of member schools that declared it.</param>
/// <param name="StaffConcerned" example="14">Staff concerned, summed over those schools.</param>
/// <param name="HighestPriority">The highest priority any of them gave it.</param>
/// <param name="Uais">The declaring schools, by UAI.</param>
internal sealed record TrainingPlanItem(int Rank, string Theme, TrainingAudience Audience, int Schools, int StaffConcerned, NeedPriority HighestPriority, IReadOnlyList<string> Uais);

/// <summary>The network training plan: needs of current member schools, grouped and ranked.</summary>
/// <param name="NetworkId">The network.</param>
/// <param name="Items">The ranked lines.</param>
internal sealed record TrainingPlan(Guid NetworkId, IReadOnlyList<TrainingPlanItem> Items);

/// <summary>Shared training needs declared per member school, and the network training plan aggregated from them.</summary>
internal static class TrainingNeeds
{
    internal const string ListSql = """
        SELECT id AS Id, uai AS Uai, theme AS Theme, theme_key AS ThemeKey, audience AS Audience, priority AS Priority, staff_concerned AS StaffConcerned
        FROM networks.training_need WHERE network_id = @NetworkId ORDER BY id
        """;

    internal const string ExistsSql = """
        SELECT COUNT(*) FROM networks.training_need WHERE network_id = @NetworkId AND uai = @Uai AND theme_key = @ThemeKey AND audience = @Audience
        """;

    internal const string InsertSql = """
        INSERT INTO networks.training_need (id, network_id, uai, theme, theme_key, audience, priority, staff_concerned, created_at)
        VALUES (@Id, @NetworkId, @Uai, @Theme, @ThemeKey, @Audience, @Priority, @StaffConcerned, @Now)
        """;

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Uai { get; set; } = "";
        public string Theme { get; set; } = "";
        public string ThemeKey { get; set; } = "";
        public string Audience { get; set; } = "";
        public string Priority { get; set; } = "";
        public int StaffConcerned { get; set; }

        public TrainingNeed ToNeed() => new(Id, Uai, Theme, SchoolCodes.Parse<TrainingAudience>(Audience), SchoolCodes.Parse<NeedPriority>(Priority), StaffConcerned);
    }

    internal sealed record Declare(Guid NetworkId, TrainingNeedDraft Body, Caller Caller) : IRequest<TrainingNeed>;

    internal sealed record List(Guid NetworkId, Caller Caller) : IRequest<Page<TrainingNeed>>;

    internal sealed record Plan(Guid NetworkId, Caller Caller) : IRequest<TrainingPlan>;

    internal sealed class DeclareValidator : AbstractValidator<Declare>
    {
        public DeclareValidator()
        {
            RuleFor(c => c.Body.Uai).NotEmpty().OverridePropertyName("uai").Custom((uai, context) =>
            {
                if (!string.IsNullOrWhiteSpace(uai) && Domain.Uai.Normalize(uai, out var error) is null)
                {
                    context.AddFailure("uai", error!);
                }
            });
            RuleFor(c => c.Body.Theme).NotEmpty().MaximumLength(200).OverridePropertyName("theme");
            RuleFor(c => c.Body.Audience).NotNull().OverridePropertyName("audience");
            RuleFor(c => c.Body.Priority).NotNull().OverridePropertyName("priority");
            RuleFor(c => c.Body.StaffConcerned).NotNull().InclusiveBetween(1, 1000).OverridePropertyName("staffConcerned");
        }
    }

    internal sealed class Handler(Db db, TimeProvider time)
        : IRequestHandler<Declare, TrainingNeed>, IRequestHandler<List, Page<TrainingNeed>>, IRequestHandler<Plan, TrainingPlan>
    {
        public Task<TrainingNeed> Handle(Declare command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var body = command.Body;
                var now = time.GetUtcNow();
                var row = new Row
                {
                    Id = Guid.CreateVersion7(), Uai = Domain.Uai.Normalize(body.Uai, out _)!, Theme = body.Theme!.Trim(), ThemeKey = ThemeKey(body.Theme),
                    Audience = SchoolCodes.Code(body.Audience!.Value), Priority = SchoolCodes.Code(body.Priority!.Value), StaffConcerned = body.StaffConcerned!.Value,
                };
                var today = SchoolMemberships.Today(now);
                var memberships = await c.QueryAsync<NetworkTable.SchoolMemberRow>(NetworkTable.SchoolMembersSql, new { NetworkId = network.Id }, t);
                if (!memberships.Any(m => m.Uai == row.Uai && NetworkMembers.Covers(m.FromDate, m.ToDate, today)))
                {
                    throw ProblemException.Conflict("not_a_member", $"School {row.Uai} is not a current member of this network: only member schools declare needs.");
                }

                if (await c.ExecuteScalarAsync<int>(ExistsSql, new { NetworkId = network.Id, row.Uai, row.ThemeKey, row.Audience }, t) > 0)
                {
                    throw ProblemException.Conflict("training_need_exists", $"School {row.Uai} already declared '{row.Theme}' for this audience.");
                }

                await c.ExecuteAsync(InsertSql, new
                {
                    row.Id, NetworkId = network.Id, row.Uai, row.Theme, row.ThemeKey, row.Audience, row.Priority, row.StaffConcerned, Now = now,
                }, t);
                return row.ToNeed();
            }, cancellationToken);

        public Task<Page<TrainingNeed>> Handle(List query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var rows = await c.QueryAsync<Row>(ListSql, new { NetworkId = network.Id });
                return new Page<TrainingNeed>(rows.Select(r => r.ToNeed()).ToList(), null);
            }, cancellationToken);

        public Task<TrainingPlan> Handle(Plan query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var today = SchoolMemberships.Today(time.GetUtcNow());
                var current = (await c.QueryAsync<NetworkTable.SchoolMemberRow>(NetworkTable.SchoolMembersSql, new { NetworkId = network.Id }))
                    .Where(m => NetworkMembers.Covers(m.FromDate, m.ToDate, today)).Select(m => m.Uai).ToHashSet(StringComparer.Ordinal);
                var needs = (await c.QueryAsync<Row>(ListSql, new { NetworkId = network.Id })).Where(n => current.Contains(n.Uai)).ToList();
                return new TrainingPlan(network.Id, Rank(needs));
            }, cancellationToken);
    }

    /// <summary>The grouping key of a theme: case, accents, punctuation and extra spaces ignored.</summary>
    internal static string ThemeKey(string theme) =>
        string.Join(' ', new string(TextKey.Of(theme).Select(ch => char.IsLetterOrDigit(ch) ? ch : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Groups needs on (theme key, audience) and ranks the groups: most schools first, then most
    /// staff, then the highest priority, then theme key and audience code (so the order is total).
    /// Needs are listed in declaration order, so a group's label is its first declaration.
    /// </summary>
    internal static IReadOnlyList<TrainingPlanItem> Rank(IReadOnlyList<Row> needs) =>
        needs.GroupBy(n => (n.ThemeKey, n.Audience))
            .Select(g => (
                Key: g.Key,
                Theme: g.First().Theme,
                Schools: g.Select(n => n.Uai).Distinct().Count(),
                Staff: g.Sum(n => n.StaffConcerned),
                Priority: g.Max(n => SchoolCodes.Parse<NeedPriority>(n.Priority)),
                Uais: g.Select(n => n.Uai).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Schools)
            .ThenByDescending(g => g.Staff)
            .ThenByDescending(g => g.Priority)
            .ThenBy(g => g.Key.ThemeKey, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Audience, StringComparer.Ordinal)
            .Select((g, i) => new TrainingPlanItem(i + 1, g.Theme, SchoolCodes.Parse<TrainingAudience>(g.Key.Audience), g.Schools, g.Staff, g.Priority, g.Uais))
            .ToList();

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/training-needs", async (Guid id, TrainingNeedDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var need = await mediator.Send(new Declare(id, body, http.Caller()), ct);
                return TypedResults.Created($"/api/v1/networks/{id}/training-needs", need);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("DeclareTrainingNeed")
            .WithSummary("Declare a school's training need")
            .WithDescription("A current member school declares a training need (theme, audience, priority, staff concerned). A school declares a theme once per audience (409 `training_need_exists`); a school that is not a current member gets 409 `not_a_member`.")
            .WithIdempotency()
            .Accepts<TrainingNeedDraft>("application/json")
            .Produces<TrainingNeed>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapGet("/{id:guid}/training-needs", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new List(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListTrainingNeeds")
            .WithSummary("List the training needs declared in a network")
            .WithDescription("Every need declared by the network's schools (past members' included), in declaration order, in one page.")
            .Produces<Page<TrainingNeed>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        networks.MapGet("/{id:guid}/training-plan", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new Plan(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("GetTrainingPlan")
            .WithSummary("Get the network training plan")
            .WithDescription("The needs of the current member schools, grouped on theme (ignoring case, accents and punctuation) and audience, ranked: shared by the most schools first, then the most staff concerned, then the highest priority, then alphabetically by theme and audience code.")
            .Produces<TrainingPlan>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
