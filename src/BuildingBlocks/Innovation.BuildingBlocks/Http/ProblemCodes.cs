namespace Innovation.BuildingBlocks.Http;

/// <summary>The stable <c>code</c> of a problem whose handler did not choose a more precise one.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";

    public static string ForStatus(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        406 => "not_acceptable",
        409 => "conflict",
        412 => "precondition_failed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        428 => "precondition_required",
        429 => "rate_limited",
        500 => "internal_error",
        503 => "unavailable",
        _ => status >= 500 ? "server_error" : "client_error",
    };
}
