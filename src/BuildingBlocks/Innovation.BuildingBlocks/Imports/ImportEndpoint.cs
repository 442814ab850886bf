using System.ComponentModel;
using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Innovation.BuildingBlocks.Imports;

public static class ImportEndpoint
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> as a bulk import named <paramref name="name"/>: the <c>dryRun</c> and <c>mode</c> query
    /// parameters, the streamed CSV/NDJSON body sent as <paramref name="command"/>, scope <c>imports:write</c>,
    /// <c>Idempotency-Key</c>, a large body, and the statuses every import answers; <paramref name="otherProblems"/> are the
    /// problem statuses of its own, declared in status order among the shared ones (the OpenAPI document lists them so).
    /// </summary>
    public static RouteHandlerBuilder MapImport(this IEndpointRouteBuilder api, string pattern, Func<ImportRequest, ImportCommand> command,
        string name, string summary, string description, params int[] otherProblems)
    {
        var kind = pattern[(pattern.LastIndexOf('/') + 1)..];
        var endpoint = api.MapPost(pattern, async (
                HttpContext http, IMediator mediator, CancellationToken ct,
                [FromQuery(Name = "dryRun"), Description("Run every check and count, write nothing.")] bool dryRun = false,
                [FromQuery(Name = "mode"), EnumCodes(typeof(ImportMode)),
                    Description("`atomic` (default): all or nothing. `partial`: write the valid rows, report the rejected ones.")]
                string? mode = null) =>
            {
                var importMode = EnumCodesAttribute.Parse<ImportMode>(mode, "mode") ?? ImportMode.Atomic;
                ImportReader.IsCsv(http.Request.ContentType); // a 415 before any transaction opens
                var report = await mediator.Send(command(new ImportRequest(http.Request.Body, http.Request.ContentType, importMode, dryRun,
                    http.Caller(), kind)), ct);
                return TypedResults.Ok(report);
            })
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .RequireAuthorization(Scopes.ImportsWrite)
            .WithTags("Imports")
            .WithIdempotency()
            .AcceptsLargeImportBody()
            .Accepts<string>(ImportReader.CsvMediaType, ImportReader.NdjsonMediaType)
            .Produces<ImportReport>()
            .ProducesValidationProblem();
        int[] shared = [StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity];
        foreach (var status in shared.Concat(otherProblems).Order())
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }
}
