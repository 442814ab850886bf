namespace Innovation.Modules.Accompaniment.Features.Resources;

internal static class UpdateResource
{
    internal sealed record Command : VersionedChange<BankResourceDraft, BankResource>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IValidator<BankResourceDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, Versioned<BankResource>>
    {
        public async Task<Versioned<BankResource>> Handle(Command command, CancellationToken cancellationToken)
        {
            var named = string.IsNullOrWhiteSpace(command.Body.Academie)
                ? null
                : await command.Body.AcademieAsync(mediator, command.Caller, cancellationToken);
            return await db.WriteAsync(async (c, t) =>
            {
                var current = await ResourceTable.FindVisibleAsync(c, command.Id, command.Caller, t);
                ETags.EnsureCurrent(command.IfMatch, current.Version);

                if (named is not null && named != current.Academie)
                {
                    throw RequestValidationException.For("academie", $"A resource stays in its académie ({current.Academie}).");
                }

                await ResourceTable.LoadAsync(db, c, [current], t);
                var row = ResourceTable.Row.From(command.Body, current.Academie, time.GetUtcNow(), current);
                await CreateResource.EnsureLinkFreeAsync(c, t, row);
                await ResourceTable.SaveAsync(c, t, row, current, command.Caller, "update");
                return new Versioned<BankResource>(row.ToResource(), row.Version);
            }, cancellationToken);
        }
    }

    public static void Map(IEndpointRouteBuilder resources) =>
        resources.MapChange<Command, BankResourceDraft, BankResource>("PUT", "/{id:guid}", StatusCodes.Status409Conflict)
            .RequireAuthorization(Scopes.ResourcesWrite)
            .WithName("UpdateBankResource")
            .WithSummary("Replace a resource of the bank")
            .WithDescription("Replaces every field of a resource (same rules as its creation; it stays in its académie). Publishing it "
                + "(`published` false → true) publishes `ResourcePublished`. A resource of another académie is a 404; another resource of "
                + "the académie with the same link a 409 `resource_exists`. Requires If-Match with the resource's ETag.");
}
