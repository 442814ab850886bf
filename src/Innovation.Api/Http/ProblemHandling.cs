using System.Text.Json;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Innovation.Api.Http;

/// <summary>
/// Every error leaves as <c>application/problem+json</c> with a stable <c>code</c>: refusals thrown
/// by handlers, validation failures (every field at once), unreadable requests, and anything
/// unexpected (a generic 500: no exception text or stack trace ever reaches the client).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ProblemException p => FromProblemException(p),
            RequestValidationException v => Validation(v.Errors),
            BadHttpRequestException { InnerException: JsonException json } => Validation(new Dictionary<string, string[]>
            {
                [JsonField(json.Path)] = [json.Path is null or "$" ? "The body is not valid JSON." : "This value has the wrong type or format."],
            }),
            BadHttpRequestException bad when BindingFailure(bad) is { } errors => Validation(errors),
            _ when TransientFailures.IsUniqueViolation(exception) => Problem(StatusCodes.Status409Conflict, "concurrent_write", "Conflict",
                "Another request created the same resource at the same moment. Read it, then retry your change if it is still needed."),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(bad.StatusCode),
                // The framework's binding messages name the parameter and never internals.
                Detail = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
                    StatusCodes.Status415UnsupportedMediaType => "This endpoint does not accept that Content-Type.",
                    _ => bad.Message,
                },
            },
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => new ProblemDetails
            {
                Status = 499, Title = "Client closed request",
            },
            _ => Unexpected(exception),
        };

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        // The framework's writer declines a client that accepts only another type (a PDF, a web page), and the exception would
        // then become a bare 500: an error is problem+json whatever was asked, so such a request is answered as if it asked for it.
        if (!AcceptsProblemJson(context.Request))
        {
            context.Request.Headers.Accept = ProblemJson;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private const string ProblemJson = "application/problem+json";

    private static bool AcceptsProblemJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.Quality != 0 && new Microsoft.Net.Http.Headers.MediaTypeHeaderValue(ProblemJson).IsSubsetOf(a));
    }

    private static ProblemDetails Problem(int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }

    private ProblemDetails Unexpected(Exception exception)
    {
        logger.LogError(exception, "Unhandled exception");
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal server error",
            Detail = "The server could not complete the request. Quote the traceId when reporting it.",
        };
    }

    private static ProblemDetails FromProblemException(ProblemException exception)
    {
        var problem = new ProblemDetails { Status = exception.Status, Title = exception.Title, Detail = exception.Detail };
        problem.Extensions["code"] = exception.Code;
        foreach (var (key, value) in exception.Extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>
    /// The longest message of a field error (the document's bound): a message quoting an over-long value (an unknown académie
    /// named by 10,000 characters) is cut there, so an error never echoes more than this of what it refuses.
    /// </summary>
    internal const int MessageLength = 1000;

    internal static ProblemDetails Validation(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(
            e => e.Key, e => e.Value.Select(m => m.Length <= MessageLength ? m : m[..(MessageLength - 1)] + "…").ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid",
            Detail = "See errors: every invalid field is listed.",
        };
        problem.Extensions["code"] = ProblemCodes.ValidationFailed;
        return problem;
    }

    /// <summary>
    /// The framework's binding failures, restated as field errors in the client's terms (its words
    /// name CLR types: "Failed to bind parameter "Nullable&lt;int&gt; limit" from "abc"").
    /// </summary>
    internal static IDictionary<string, string[]>? BindingFailure(BadHttpRequestException exception)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return null;
        }

        var bind = BindFailure.Match(exception.Message);
        if (bind.Success)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(bind.Groups["name"].Value);
            var type = bind.Groups["type"].Value;
            var expected = type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase)
                ? "a whole number"
                : type.Contains("bool", StringComparison.OrdinalIgnoreCase) ? "true or false"
                : type.Contains("Guid", StringComparison.Ordinal) ? "a UUID"
                : "a valid value";
            return new Dictionary<string, string[]> { [name] = [$"'{bind.Groups["value"].Value}' is not {expected}."] };
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            && (exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
                || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal))
            ? new Dictionary<string, string[]> { ["$"] = ["A JSON body is required."] }
            : null;
    }

    private static readonly System.Text.RegularExpressions.Regex BindFailure = new(
        """^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>"$.members[0].email" → "members[0].email".</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}

internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddInnovationProblemDetails(this IServiceCollection services)
    {
        // Binding failures (bad JSON, wrong media type) reach the exception handler in every
        // environment, so they get the same precise problem instead of an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Status = status;
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.ProblemDetails.Detail ??= Auth.CredentialClaims.RefusalOf(context.HttpContext)
                    ?? "Send a valid X-Api-Key header or an Authorization: Bearer token.";
            }
            else if (status == StatusCodes.Status403Forbidden)
            {
                context.ProblemDetails.Detail ??= "Your credential lacks the scope this operation requires.";
            }
            else if (status == StatusCodes.Status405MethodNotAllowed)
            {
                context.ProblemDetails.Detail ??= "This resource does not support that HTTP method.";
            }
            else if (status == StatusCodes.Status415UnsupportedMediaType)
            {
                context.ProblemDetails.Detail ??= "This endpoint does not accept that Content-Type.";
            }
            else if (status == StatusCodes.Status404NotFound)
            {
                context.ProblemDetails.Detail ??= "No resource at this address.";
            }
        });
        return services;
    }
}
