using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Innovation.BuildingBlocks.Http;

/// <summary>Strong ETags from an aggregate's integer version, and the If-Match / If-None-Match rules.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>
    /// The version the client says it is updating: 428 without <c>If-Match</c>; <c>*</c> means any
    /// current version (returns null). The quoted ETag (<c>"3"</c>) is the standard form; the bare
    /// <c>version</c> a body shows (<c>3</c>) is accepted too, since clients copy it from there.
    /// </summary>
    public static int? RequiredIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new ProblemException(StatusCodes.Status428PreconditionRequired, "if_match_required", "Precondition required",
                "Send the resource's current ETag in If-Match: read it first, then update.");
        }

        if (header.Trim() == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParseList([header], out var tags) && tags.Count == 1 && !tags[0].IsWeak
            && int.TryParse(tags[0].Tag.AsSpan().Trim('"'), out var version))
        {
            return version;
        }

        if (int.TryParse(header.AsSpan().Trim(), System.Globalization.NumberStyles.None, null, out var bare))
        {
            return bare;
        }

        throw new ProblemException(StatusCodes.Status412PreconditionFailed, "etag_mismatch", "Precondition failed",
            "If-Match does not name the current version of this resource.");
    }

    /// <summary>
    /// The 412 of a change whose If-Match (<paramref name="ifMatch"/>, as <see cref="RequiredIfMatch"/> read it: null for <c>*</c>)
    /// names another version than the one the change read.
    /// </summary>
    public static void EnsureCurrent(int? ifMatch, int currentVersion)
    {
        if (ifMatch is { } expected && expected != currentVersion)
        {
            throw Stale(currentVersion);
        }
    }

    public static ProblemException Stale(int currentVersion) =>
        new ProblemException(StatusCodes.Status412PreconditionFailed, "etag_mismatch", "Precondition failed",
            "The resource changed since you read it: read it again and re-apply your change.")
            .With("currentETag", For(currentVersion));

    /// <summary>True when <c>If-None-Match</c> already names this version (answer 304).</summary>
    public static bool IsNotModified(HttpRequest request, int version)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        if (header.Trim() == "*")
        {
            return true;
        }

        var current = For(version);
        return EntityTagHeaderValue.TryParseList([header], out var tags)
            && tags.Any(t => string.Equals(t.Tag.ToString(), current, StringComparison.Ordinal));
    }

    /// <summary>A read's answer: the ETag of <paramref name="version"/>, then 304 when If-None-Match names it, else 200 with the body.</summary>
    public static IResult OkOrNotModified<T>(HttpContext http, int version, T body)
    {
        http.Response.Headers.ETag = For(version);
        return IsNotModified(http.Request, version) ? Results.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(body);
    }

    /// <summary>A change's answer: the ETag of the version it saved, then 200 with the body.</summary>
    public static Ok<T> Saved<T>(HttpContext http, int version, T body)
    {
        http.Response.Headers.ETag = For(version);
        return TypedResults.Ok(body);
    }

    /// <summary>A create's answer: the ETag of its first version, then 201 with the body and its <paramref name="location"/>.</summary>
    public static Created<T> Created<T>(HttpContext http, int version, string location, T body)
    {
        http.Response.Headers.ETag = For(version);
        return TypedResults.Created(location, body);
    }
}
