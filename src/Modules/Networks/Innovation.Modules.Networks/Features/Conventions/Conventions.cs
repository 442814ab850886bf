using System.Text.Json;
using Dapper;
using FluentValidation;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Networks;
using Innovation.Modules.Networks.Features.Schools;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Innovation.Modules.Networks.Features.Conventions;

/// <summary>A document of a convention.</summary>
/// <param name="Title" example="Convention signée 2025">What the document is.</param>
/// <param name="Url" example="https://intranet.ac-normandie.fr/conventions/inspe-2025.pdf">Where it is: an absolute http(s) URL.</param>
internal sealed record ConventionDocument(string? Title, string? Url);

/// <summary>A partnership convention of a network.</summary>
/// <param name="Id">The convention's id.</param>
/// <param name="NetworkId">The network.</param>
/// <param name="PartnerKind">inspe, researchLaboratory, localAuthority, association or other.</param>
/// <param name="Partner" example="INSPE de Normandie Rouen-Le Havre">The partner organisation.</param>
/// <param name="Object" example="Stages en responsabilité des M1 MEEF dans les écoles du réseau">What the convention covers.</param>
/// <param name="Start" example="2025-09-01">First day.</param>
/// <param name="End" example="2028-08-31">Last day, if set.</param>
/// <param name="Documents">Signed convention, annexes…</param>
internal sealed record Convention(
    Guid Id, Guid NetworkId, ConventionPartnerKind PartnerKind, string Partner, string Object, DateOnly Start, DateOnly? End, IReadOnlyList<ConventionDocument> Documents);

/// <summary>A convention as a client sends it.</summary>
/// <param name="PartnerKind">inspe, researchLaboratory, localAuthority, association or other.</param>
/// <param name="Partner" example="INSPE de Normandie Rouen-Le Havre">The partner organisation (an organisation, not a person).</param>
/// <param name="Object" example="Stages en responsabilité des M1 MEEF dans les écoles du réseau">What the convention covers.</param>
/// <param name="Start" example="2025-09-01">First day.</param>
/// <param name="End" example="2028-08-31">Last day (optional; not before the start).</param>
/// <param name="Documents">At most 20 documents, each an absolute http(s) URL.</param>
internal sealed record ConventionDraft(ConventionPartnerKind? PartnerKind, string? Partner, string? Object, DateOnly? Start, DateOnly? End, IReadOnlyList<ConventionDocument>? Documents);

/// <summary>Partnership conventions at network level (INSPE, research laboratories, local authorities, associations).</summary>
internal static class Conventions
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, partner_kind AS PartnerKind, partner AS Partner, object AS Object, start_date AS StartDate,
               end_date AS EndDate, documents AS Documents, version AS Version
        FROM networks.network_convention

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string ListSql = SelectSql + "WHERE network_id = @NetworkId ORDER BY start_date, id";

    internal const string InsertSql = """
        INSERT INTO networks.network_convention (id, network_id, partner_kind, partner, object, start_date, end_date, documents, version)
        VALUES (@Id, @NetworkId, @PartnerKind, @Partner, @Object, @StartDate, @EndDate, @Documents, @Version)
        """;

    internal const string UpdateSql = """
        UPDATE networks.network_convention
        SET partner_kind = @PartnerKind, partner = @Partner, object = @Object, start_date = @StartDate, end_date = @EndDate, documents = @Documents, version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    private static readonly JsonSerializerOptions DocumentsJson = new(JsonSerializerDefaults.Web);

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string PartnerKind { get; set; } = "";
        public string Partner { get; set; } = "";
        public string Object { get; set; } = "";
        public string StartDate { get; set; } = "";
        public string? EndDate { get; set; }
        public string Documents { get; set; } = "[]";
        public int Version { get; set; }

        public Convention ToConvention() => new(
            Id, NetworkId, SchoolCodes.Parse<ConventionPartnerKind>(PartnerKind), Partner, Object, Periods.Date(StartDate)!.Value, Periods.Date(EndDate),
            JsonSerializer.Deserialize<List<ConventionDocument>>(Documents, DocumentsJson)!);

        public bool SameDataAs(Row other) =>
            (PartnerKind, Partner, Object, StartDate, EndDate, Documents) == (other.PartnerKind, other.Partner, other.Object, other.StartDate, other.EndDate, other.Documents);

        public static Row From(ConventionDraft draft, Guid id, Guid networkId, int version) => new()
        {
            Id = id, NetworkId = networkId, PartnerKind = SchoolCodes.Code(draft.PartnerKind!.Value), Partner = draft.Partner!.Trim(), Object = draft.Object!.Trim(),
            StartDate = Periods.Text(draft.Start)!, EndDate = Periods.Text(draft.End),
            Documents = JsonSerializer.Serialize((draft.Documents ?? []).Select(d => new ConventionDocument(d.Title?.Trim(), d.Url!.Trim())), DocumentsJson),
            Version = version,
        };
    }

    internal sealed record Add(Guid NetworkId, ConventionDraft Body, Caller Caller) : IRequest<Row>;

    internal sealed record Change(Guid NetworkId, Guid ConventionId, ConventionDraft Body, int? IfMatch, Caller Caller) : IRequest<Row>;

    internal sealed record List(Guid NetworkId, Caller Caller) : IRequest<Page<Convention>>;

    internal sealed class DraftValidator : AbstractValidator<ConventionDraft>
    {
        public DraftValidator()
        {
            RuleFor(c => c.PartnerKind).NotNull();
            RuleFor(c => c.Partner).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Object).NotEmpty().MaximumLength(2000);
            RuleFor(c => c.Start).NotNull();
            RuleFor(c => c.End).GreaterThanOrEqualTo(c => c.Start).When(c => c.Start is not null && c.End is not null)
                .WithMessage("The convention ends before it starts.");
            RuleFor(c => c.Documents).Must(d => d is null || d.Count <= 20).WithMessage("At most 20 documents.");
            RuleForEach(c => c.Documents).ChildRules(d =>
            {
                d.RuleFor(x => x.Title).MaximumLength(200);
                d.RuleFor(x => x.Url).NotEmpty().MaximumLength(2000).Must(IsHttpUrl).WithMessage("A document is an absolute http or https URL.");
            });
        }

        private static bool IsHttpUrl(string? url) =>
            Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }

    internal sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator(IValidator<ConventionDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator(IValidator<ConventionDraft> draft) => RuleFor(c => c.Body).SetValidator(draft);
    }

    internal sealed class Handler(Db db) : IRequestHandler<Add, Row>, IRequestHandler<Change, Row>, IRequestHandler<List, Page<Convention>>
    {
        public Task<Row> Handle(Add command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var row = Row.From(command.Body, Guid.CreateVersion7(), network.Id, 1);
                await c.ExecuteAsync(InsertSql, row, t);
                return row;
            }, cancellationToken);

        public Task<Row> Handle(Change command, CancellationToken cancellationToken) =>
            db.WriteAsync(async (c, t) =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, command.NetworkId, command.Caller, t);
                var current = await c.QuerySingleOrDefaultAsync<Row>(FindSql, new { Id = command.ConventionId, NetworkId = network.Id }, t)
                    ?? throw ProblemException.NotFound("convention", command.ConventionId.ToString());
                if (command.IfMatch is { } expected && expected != current.Version)
                {
                    throw ETags.Stale(current.Version);
                }

                var row = Row.From(command.Body, current.Id, network.Id, current.Version + 1);
                if (current.SameDataAs(row))
                {
                    return current;
                }

                return await c.ExecuteAsync(UpdateSql, row, t) == 1 ? row : throw ETags.Stale(current.Version);
            }, cancellationToken);

        public Task<Page<Convention>> Handle(List query, CancellationToken cancellationToken) =>
            db.ReadAsync(async c =>
            {
                var network = await NetworkTable.FindVisibleAsync(c, query.NetworkId, query.Caller);
                var rows = await c.QueryAsync<Row>(ListSql, new { NetworkId = network.Id });
                return new Page<Convention>(rows.Select(r => r.ToConvention()).ToList(), null);
            }, cancellationToken);
    }

    public static void Map(IEndpointRouteBuilder networks)
    {
        networks.MapPost("/{id:guid}/conventions", async (Guid id, ConventionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var row = await mediator.Send(new Add(id, body, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Created($"/api/v1/networks/{id}/conventions", row.ToConvention());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("AddNetworkConvention")
            .WithSummary("Add a partnership convention")
            .WithDescription("Records a convention between the network and a partner (INSPE, research laboratory, local authority, association): object, start and end, and documents as http(s) URLs.")
            .WithIdempotency()
            .ReturnsETag()
            .Accepts<ConventionDraft>("application/json")
            .Produces<Convention>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapPut("/{id:guid}/conventions/{conventionId:guid}", async (Guid id, Guid conventionId, ConventionDraft body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var ifMatch = ETags.RequiredIfMatch(http.Request);
                var row = await mediator.Send(new Change(id, conventionId, body, ifMatch, http.Caller()), ct);
                http.Response.Headers.ETag = ETags.For(row.Version);
                return TypedResults.Ok(row.ToConvention());
            })
            .RequireAuthorization(Scopes.NetworksWrite)
            .WithName("UpdateNetworkConvention")
            .WithSummary("Replace a partnership convention")
            .WithDescription("Replaces every field of a convention. Requires If-Match with the convention's ETag.")
            .RequiresIfMatch()
            .ReturnsETag()
            .Accepts<ConventionDraft>("application/json")
            .Produces<Convention>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        networks.MapGet("/{id:guid}/conventions", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new List(id, http.Caller()), ct)))
            .RequireAuthorization(Scopes.NetworksRead)
            .WithName("ListNetworkConventions")
            .WithSummary("List a network's conventions")
            .WithDescription("Every convention of the network, by start date, in one page.")
            .Produces<Page<Convention>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
