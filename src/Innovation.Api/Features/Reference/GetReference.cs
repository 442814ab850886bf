using Innovation.Api.Features.Webhooks;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Imports;
using Innovation.BuildingBlocks.Reference;

namespace Innovation.Api.Features.Reference;

/// <summary>One stable code list of the API.</summary>
/// <param name="List" example="ProjectTheme">The list's name: the name of its enum schema in this document.</param>
/// <param name="Codes">Every code of the list, in the document's order, with its French label.</param>
internal sealed record ReferenceList(string List, IReadOnlyList<ReferenceCode> Codes);

/// <summary>Every stable code list of the API.</summary>
/// <param name="Items">The lists, by name.</param>
internal sealed record ReferenceLists(IReadOnlyList<ReferenceList> Items);

/// <summary>
/// <c>GET /api/v1/reference</c>: the code lists every module declares (<see cref="CodeList"/>), read from memory. No handler
/// behind it: there is nothing to load, check or write.
/// </summary>
internal static class GetReference
{
    /// <summary>The host's own lists.</summary>
    public static readonly CodeList[] HostLists =
    [
        CodeList.Of(new Dictionary<ImportMode, string>
        {
            [ImportMode.Atomic] = "Tout ou rien : une ligne refusée et rien n'est écrit",
            [ImportMode.Partial] = "Partiel : les lignes valides sont écrites, les autres signalées",
        }),
        CodeList.Of(new Dictionary<DeliveryOutcome, string>
        {
            [DeliveryOutcome.Delivered] = "Livré", [DeliveryOutcome.Failed] = "Échec (nouvel essai prévu)",
            [DeliveryOutcome.Undelivered] = "Non livré (abandonné)",
        }),
    ];

    // Labels change only with a new version of the API: a client may keep them an hour.
    private const string CacheControl = "public, max-age=3600";

    public static void Map(RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference").AllowAnonymous();
        reference.MapGet("", (HttpContext http, IEnumerable<DeclaredCodeLists> declared) =>
            {
                http.Response.Headers.CacheControl = CacheControl;
                var ordered = declared.SelectMany(d => d.Lists).OrderBy(l => l.Name, StringComparer.Ordinal)
                    .Select(l => new ReferenceList(l.Name, l.Codes));
                return TypedResults.Ok(new ReferenceLists([.. ordered]));
            })
            .WithName("ListReferenceLists")
            .WithSummary("Every code list with French labels")
            .WithDescription("Each stable code list the API reads and writes (themes, levels, school types, roles, statuses, kinds…), named as "
                + "its enum schema in this document, each code with the French label a front end shows (`wellBeing` → « Bien-être et "
                + "compétences psychosociales »). No credential needed; cacheable for an hour.")
            .Produces<ReferenceLists>();
        reference.MapGet("/{list}", (string list, HttpContext http, IEnumerable<DeclaredCodeLists> declared) =>
            {
                var found = declared.SelectMany(d => d.Lists).FirstOrDefault(l => l.Name == list)
                    ?? throw ProblemException.NotFound("code list", list);
                http.Response.Headers.CacheControl = CacheControl;
                return TypedResults.Ok(new ReferenceList(found.Name, found.Codes));
            })
            .WithName("GetReferenceList")
            .WithSummary("One code list with French labels")
            .WithDescription("One list by its name (`ProjectTheme`, `ExperimentationStatus`…; the names are case-sensitive, as in this "
                + "document's schemas). An unknown name is a 404.")
            .Produces<ReferenceList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
