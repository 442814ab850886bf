using System.Data.Common;

namespace Innovation.Modules.Accompaniment.Features.Resources;

internal static class CreateResource
{
    internal sealed record Command(BankResourceDraft Body, Caller Caller) : IRequest<Versioned<BankResource>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<BankResourceDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<BankResource>>
    {
        public async Task<Versioned<BankResource>> Handle(Command command, CancellationToken cancellationToken)
        {
            var academie = await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            if (!command.Caller.Sees(academie))
            {
                throw ProblemException.Forbidden("academie_forbidden",
                    $"Your credential is limited to académie {command.Caller.Academie}; this resource would belong to {academie}.");
            }

            var row = ResourceTable.Row.From(command.Body, academie, time.GetUtcNow());
            return await db.WriteAsync(async (c, t) =>
            {
                await EnsureLinkFreeAsync(c, t, row);
                await ResourceTable.SaveAsync(c, t, row, null, command.Caller, "create");
                return new Versioned<BankResource>(row.ToResource(), row.Version);
            }, cancellationToken);
        }
    }

    /// <summary>The 409 when another resource of the académie already has the link (a resource is known by its link).</summary>
    internal static async Task EnsureLinkFreeAsync(DbConnection c, DbTransaction t, ResourceTable.Row row)
    {
        if (await c.QuerySingleOrDefaultAsync<Guid?>(ResourceTable.LinkOwnerSql, new { row.Academie, row.Link }, t) is { } owner && owner != row.Id)
        {
            throw ProblemException.Conflict("resource_exists", $"Resource {owner} of académie {row.Academie} already has this link.")
                .With("resourceId", owner);
        }
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapCreate<BankResourceDraft, BankResource>("/", (body, caller) => new Command(body, caller),
                resource => $"/api/v1/accompaniment/resources/{resource.Id}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ResourcesWrite)
            .WithName("CreateBankResource")
            .WithSummary("Add a resource to the bank")
            .WithDescription("Adds a training or collaboration resource to the académie's bank: kind, format, themes, audience, the guide's "
                + "sections it serves (`I 3.1` … `II 4.3`, as the guide numbers them), an http(s) link (stored, never fetched), language and "
                + "licence. A link that is not an absolute http(s) address, or a section the guide does not have, is a 400 naming the field; "
                + "another resource of the académie with the same link a 409 `resource_exists`; an académie other than the caller's a 403 "
                + "`academie_forbidden`. A published resource publishes `ResourcePublished`.");
}
