using System.Data.Common;
using Innovation.Modules.Evaluation.Features.ReadModels;

namespace Innovation.Modules.Evaluation.Features.Indicators;

internal static class CreateIndicator
{
    internal sealed record Command(IndicatorDraft Body, Caller Caller) : IRequest<Versioned<Indicator>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<IndicatorDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<Indicator>>
    {
        public async Task<Versioned<Indicator>> Handle(Command command, CancellationToken cancellationToken)
        {
            var named = await NamedAcademieAsync(command.Body, mediator, command.Caller, cancellationToken);
            if (command.Body.Scope == IndicatorScope.Project)
            {
                await ProjectReadModel.CatchUpAsync(db, mediator, command.Body.ScopeId!.Value, cancellationToken);
            }

            return await db.WriteAsync(async (c, t) =>
            {
                var academie = await ScopeAcademieAsync(c, t, command.Body, named, command.Caller);
                var row = IndicatorTable.Row.From(command.Body, academie, time.GetUtcNow());
                await IndicatorTable.EnsureCodeFreeAsync(c, t, row);
                await IndicatorTable.SaveAsync(c, t, row, null, command.Caller, "create");
                return row.ToVersioned();
            }, cancellationToken);
        }
    }

    /// <summary>The académie the body names (null when it names none for a project or network, whose académie is theirs).</summary>
    internal static async Task<string?> NamedAcademieAsync(IndicatorDraft body, IMediator mediator, Caller caller, CancellationToken ct) =>
        body.Scope is IndicatorScope.Project or IndicatorScope.Network && string.IsNullOrWhiteSpace(body.Academie)
            ? null
            : await body.NamedAcademieAsync(mediator, caller, ct);

    /// <summary>
    /// The académie of the indicator: its project's or network's (404 when Evaluation does not know it or it is of another
    /// académie; a 400 when the body names another), else the named one (403 outside the caller's).
    /// </summary>
    internal static async Task<string> ScopeAcademieAsync(DbConnection c, DbTransaction t, IndicatorDraft body, string? named, Caller caller)
    {
        var academie = body.Scope switch
        {
            IndicatorScope.Project => (await ProjectReadModel.FindVisibleAsync(c, body.ScopeId!.Value, caller, t)).Academie,
            IndicatorScope.Network => (await NetworkReadModel.FindVisibleAsync(c, body.ScopeId!.Value, caller, t)).Academie,
            _ => named!,
        };
        if (named is not null && named != academie)
        {
            throw RequestValidationException.For("academie",
                $"A {StableCode.Of(body.Scope!.Value)}'s indicator belongs to its académie ({academie}).");
        }

        if (!caller.Sees(academie))
        {
            throw ProblemException.Forbidden("academie_forbidden",
                $"Your credential is limited to académie {caller.Academie}; this indicator would belong to {academie}.");
        }

        return academie;
    }

    public static void Map(IEndpointRouteBuilder indicators) =>
        indicators.MapCreate<IndicatorDraft, Indicator>("/", (body, caller) => new Command(body, caller),
                indicator => $"/api/v1/evaluation/indicators/{indicator.Id}", StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.EvaluationWrite)
            .WithName("CreateIndicator")
            .WithSummary("Create an indicator")
            .WithDescription("Declares an indicator: code, label, unit, direction, scope (a project or a network Evaluation knows from their "
                + "events, an experimentation, or the académie), baseline and target (value and date), data source, collection method and "
                + "an optional comparison group. A value outside its unit (a percent outside 0–100, a count below 0 or not whole), a target not "
                + "after the baseline or not in the indicator's direction is a 400 naming the field; a project or network of another académie "
                + "(or one not yet submitted) a 404; an académie other than the caller's a 403 `academie_forbidden`; another indicator of the "
                + "scope with the same code a 409 `indicator_exists`. Publishes `IndicatorCreated`.");
}
