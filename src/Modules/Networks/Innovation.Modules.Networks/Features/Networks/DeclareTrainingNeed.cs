namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A training need as a member school declares it.</summary>
/// <param name="Uai" example="0271234V">The declaring school: a current member of the network.</param>
/// <param name="Theme" example="Évaluation par compétences">Theme; needs of several schools are grouped on it ignoring case and accents.</param>
/// <param name="Audience">Who the need concerns.</param>
/// <param name="Priority">How urgent it is for the school.</param>
/// <param name="StaffConcerned" example="6">Number of staff concerned (1–1000).</param>
internal sealed record TrainingNeedDraft(string? Uai, string? Theme, TrainingAudience? Audience, NeedPriority? Priority, int? StaffConcerned);

internal static class DeclareTrainingNeed
{
    internal const string ExistsSql = """
        SELECT COUNT(*) FROM networks.training_need
        WHERE network_id = @NetworkId AND uai = CAST(@Uai AS VARCHAR(8000)) AND theme_key = @ThemeKey AND audience = @Audience
        """;

    internal const string InsertSql = """
        INSERT INTO networks.training_need (id, network_id, uai, theme, theme_key, audience, priority, staff_concerned, created_at)
        VALUES (@Id, @NetworkId, @Uai, @Theme, @ThemeKey, @Audience, @Priority, @StaffConcerned, @Now)
        """;

    internal sealed record Command(Guid NetworkId, TrainingNeedDraft Body, Caller Caller) : IRequest<TrainingNeed>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
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

    internal sealed class Handler(Db db, TimeProvider time) : IRequestHandler<Command, TrainingNeed>
    {
        public Task<TrainingNeed> Handle(Command command, CancellationToken cancellationToken) =>
            NetworkChildren.WriteAsync(db, command.NetworkId, command.Caller, async (c, t, network) =>
            {
                var body = command.Body;
                var now = time.GetUtcNow();
                var row = new TrainingNeeds.Row
                {
                    Id = SortableId.New(), Uai = Domain.Uai.Normalize(body.Uai, out _)!, Theme = body.Theme!.Trim(),
                    ThemeKey = TrainingNeeds.ThemeKey(body.Theme), Audience = StableCode.Of(body.Audience!.Value),
                    Priority = StableCode.Of(body.Priority!.Value), StaffConcerned = body.StaffConcerned!.Value,
                };
                if (!(await NetworkMembers.CurrentSchoolsAsync(c, network.Id, NetworkMembers.Today(now), t)).Contains(row.Uai))
                {
                    throw ProblemException.Conflict(
                        "not_a_member", $"School {row.Uai} is not a current member of this network: only member schools declare needs.");
                }

                if (await c.ExecuteScalarAsync<int>(ExistsSql, new { NetworkId = network.Id, row.Uai, row.ThemeKey, row.Audience }, t) > 0)
                {
                    throw ProblemException.Conflict("training_need_exists", $"School {row.Uai} already declared '{row.Theme}' for this audience.");
                }

                await c.ExecuteAsync(InsertSql, new
                {
                    row.Id, NetworkId = network.Id, row.Uai, row.Theme, row.ThemeKey, row.Audience, row.Priority, row.StaffConcerned, Now = now,
                }, t);
                await NetworkChildren.AuditAsync(c, t, network, command.Caller, now, "training-need", row.Id, "add", null, row.ToNeed());
                return row.ToNeed();
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks) =>
        networks.MapPost("/{id:guid}/training-needs", async (
                Guid id, TrainingNeedDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var need = await mediator.Send(new Command(id, body, http.Caller()), ct);
                return TypedResults.Created($"/api/v1/networks/{id}/training-needs", need);
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("DeclareTrainingNeed")
            .WithSummary("Declare a school's training need")
            .WithDescription("A current member school declares a training need (theme, audience, priority, staff concerned). "
                + "A school declares a theme once per audience (409 `training_need_exists`); "
                + "a school that is not a current member gets 409 `not_a_member`.")
            .WithIdempotency()
            .Accepts<TrainingNeedDraft>("application/json")
            .Produces<TrainingNeed>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
