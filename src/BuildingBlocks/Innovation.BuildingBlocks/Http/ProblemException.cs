using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// A refusal that reaches the client as an RFC 9457 problem with a stable <c>code</c>. Handlers
/// throw it; the host's exception handler writes it.
/// </summary>
public class ProblemException(int status, string code, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Extra members of the problem document (e.g. the allowed transitions, an import report).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    public ProblemException With(string key, object? value)
    {
        Extensions[key] = value;
        return this;
    }

    public static ProblemException NotFound(string what, string id) =>
        new(StatusCodes.Status404NotFound, "not_found", "Resource not found", $"No {what} '{id}' is visible to you.");

    public static ProblemException Conflict(string code, string detail) =>
        new(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static ProblemException Forbidden(string code, string detail) =>
        new(StatusCodes.Status403Forbidden, code, "Forbidden", detail);

    public static ProblemException BadRequest(string code, string detail) =>
        new(StatusCodes.Status400BadRequest, code, "Bad request", detail);
}

/// <summary>Every invalid field of a request at once (400, code <c>validation_failed</c>).</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
