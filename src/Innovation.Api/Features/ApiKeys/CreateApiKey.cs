using Dapper;
using FluentValidation;
using Innovation.Api.Auth;
using Innovation.Api.Features.Audit;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Contracts;
using MediatR;

namespace Innovation.Api.Features.ApiKeys;

/// <summary>A new API key. <c>academie</c> null makes a national key.</summary>
/// <param name="Name" example="versailles-sync">What the key is for (shown in listings), 1–100 characters.</param>
/// <param name="Academie" example="25">Académie code (or name) the key is limited to; null for a national key.</param>
/// <param name="Departement" example="095">A département of the key's académie (95, 095, 2A…) limiting its experimentations.</param>
/// <param name="Scopes">Scopes granted, e.g. <c>schools:read</c>.</param>
internal sealed record CreateApiKeyRequest(string Name, string? Academie, string? Departement, IReadOnlyList<string> Scopes);

/// <summary>The created key. <c>secret</c> is shown this once and cannot be read again.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Key id, used to revoke it.</param>
/// <param name="Name" example="versailles-sync">What the key is for.</param>
/// <param name="Academie" example="25">Académie code, or null for a national key.</param>
/// <param name="Departement" example="095">Département code the key is limited to, or null.</param>
/// <param name="Scopes">Scopes granted.</param>
/// <param name="Secret" example="ink_5yQm0x2rTq9...">The value to send in <c>X-Api-Key</c>. Store it now: only its hash is kept.</param>
internal sealed record CreatedApiKey(Guid Id, string Name, string? Academie, string? Departement, IReadOnlyList<string> Scopes, string Secret);

internal static class CreateApiKey
{
    internal const string InsertSql = """
        INSERT INTO host.api_key (id, name, academie, departement, scopes, key_hash, created_at, revoked_at)
        VALUES (@Id, @Name, @Academie, @Departement, @Scopes, @Hash, @Now, NULL)
        """;

    internal sealed record Command(CreateApiKeyRequest Body, Caller Caller) : IRequest<CreatedApiKey>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(KnownScopes known)
        {
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Body.Academie).MaximumLength(60);
            RuleFor(c => c.Body.Departement).MaximumLength(3);
            RuleFor(c => c.Body.Scopes).NotEmpty().WithMessage("Grant at least one scope.");
            RuleForEach(c => c.Body.Scopes).Must(s => known.All.Contains(s))
                .WithMessage(s => $"Unknown scope. Known scopes: {string.Join(", ", known.All)}.");
        }
    }

    internal sealed class Handler(Db db, IMediator mediator, TimeProvider time) : IRequestHandler<Command, CreatedApiKey>
    {
        public async Task<CreatedApiKey> Handle(Command command, CancellationToken cancellationToken)
        {
            string? academie = null;
            if (command.Body.Academie is { } requested)
            {
                academie = (await mediator.Send(new FindAcademie(requested), cancellationToken))?.Code
                    ?? throw RequestValidationException.For("academie", $"Unknown académie '{requested}'. See GET /api/v1/academies.");
            }

            // An académie administrator can only mint keys for its own académie.
            if (!command.Caller.IsNational && academie != command.Caller.Academie)
            {
                throw ProblemException.Forbidden("academie_forbidden", "An académie administrator can only create keys for its own académie.");
            }

            var departement = await DepartementOfAsync(command.Body.Departement, academie, cancellationToken);
            // Nor can an administrator limited to a département mint a key that sees more than its département.
            if (command.Caller.Departement is not null && departement != command.Caller.Departement)
            {
                throw ProblemException.Forbidden("departement_forbidden",
                    "An administrator limited to a département can only create keys limited to the same département.");
            }

            var scopes = command.Body.Scopes.Distinct().ToList();
            var secret = ApiKeySecret.Generate();
            var id = SortableId.New();
            var now = time.GetUtcNow();
            await db.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(InsertSql, new
                {
                    Id = id,
                    command.Body.Name,
                    Academie = academie,
                    Departement = departement,
                    Scopes = string.Join(' ', scopes),
                    Hash = ApiKeySecret.Hash(secret),
                    Now = now,
                }, t);
                await HostAudit.ApiKeyAsync(c, t, command.Caller.Id, now, "create", null,
                    new ApiKeySummary(id, command.Body.Name, academie, departement, scopes, now, null));
            }, cancellationToken);
            return new CreatedApiKey(id, command.Body.Name, academie, departement, scopes, secret);
        }

        /// <summary>The requested département's code, which must be one of the key's académie (a national key has none).</summary>
        private async Task<string?> DepartementOfAsync(string? requested, string? academie, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(requested))
            {
                return null;
            }

            if (academie is null)
            {
                throw RequestValidationException.For("departement", "A national key cannot be limited to a département: name its académie too.");
            }

            var found = await mediator.Send(new FindDepartement(requested), cancellationToken)
                ?? throw RequestValidationException.For("departement", $"Unknown département '{requested}'. See GET /api/v1/departements.");
            return found.Academie == academie
                ? found.Code
                : throw RequestValidationException.For("departement",
                    $"Département {found.Code} belongs to académie {found.Academie}, not {academie}.");
        }
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/api-keys", async (CreateApiKeyRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(new Command(body, http.Caller()), ct);
                return TypedResults.Created($"/api/v1/admin/api-keys/{created.Id}", created);
            })
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates a key limited to one académie (or national when `academie` is null) with the given scopes. The secret is " +
                "returned once; only its hash is stored. An académie administrator can only create keys for its own académie (403). " +
                "`departement` further limits the key to one département of its académie, for the experimentations only (the DASEN's " +
                "view); an administrator limited to a département can only create keys limited to it (403).")
            .WithIdempotency()
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
