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
/// <param name="Scopes">Scopes granted, e.g. <c>schools:read</c>.</param>
internal sealed record CreateApiKeyRequest(string Name, string? Academie, IReadOnlyList<string> Scopes);

/// <summary>The created key. <c>secret</c> is shown this once and cannot be read again.</summary>
/// <param name="Id" example="01968f2a-3c4b-7d5e-8f90-a1b2c3d4e5f6">Key id, used to revoke it.</param>
/// <param name="Name" example="versailles-sync">What the key is for.</param>
/// <param name="Academie" example="25">Académie code, or null for a national key.</param>
/// <param name="Scopes">Scopes granted.</param>
/// <param name="Secret" example="ink_5yQm0x2rTq9...">The value to send in <c>X-Api-Key</c>. Store it now: only its hash is kept.</param>
internal sealed record CreatedApiKey(Guid Id, string Name, string? Academie, IReadOnlyList<string> Scopes, string Secret);

internal static class CreateApiKey
{
    internal const string InsertSql = """
        INSERT INTO host.api_key (id, name, academie, scopes, key_hash, created_at, revoked_at)
        VALUES (@Id, @Name, @Academie, @Scopes, @Hash, @Now, NULL)
        """;

    internal sealed record Command(CreateApiKeyRequest Body, Caller Caller) : IRequest<CreatedApiKey>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(KnownScopes known)
        {
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Body.Academie).MaximumLength(60);
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

            var scopes = command.Body.Scopes.Distinct().ToList();
            var secret = ApiKeySecret.Generate();
            var id = Guid.CreateVersion7();
            var now = time.GetUtcNow();
            await db.WriteAsync(async (c, t) =>
            {
                await c.ExecuteAsync(InsertSql, new
                {
                    Id = id,
                    command.Body.Name,
                    Academie = academie,
                    Scopes = string.Join(' ', scopes),
                    Hash = ApiKeySecret.Hash(secret),
                    Now = now,
                }, t);
                await HostAudit.ApiKeyAsync(c, t, command.Caller.Id, now, "create", null,
                    new ApiKeySummary(id, command.Body.Name, academie, scopes, now, null));
            }, cancellationToken);
            return new CreatedApiKey(id, command.Body.Name, academie, scopes, secret);
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
                "returned once; only its hash is stored. An académie administrator can only create keys for its own académie (403).")
            .WithIdempotency()
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
