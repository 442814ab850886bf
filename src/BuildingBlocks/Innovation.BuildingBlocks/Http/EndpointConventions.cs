using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Innovation.BuildingBlocks.Http;

/// <summary>Marks a POST that honours <c>Idempotency-Key</c> (the host's idempotency middleware acts on it).</summary>
public sealed class IdempotentMetadata
{
    public static readonly IdempotentMetadata Instance = new();
}

/// <summary>Marks a write that requires <c>If-Match</c> (enforced by <see cref="ETags.RequiredIfMatch"/>).</summary>
public sealed class IfMatchMetadata
{
    public static readonly IfMatchMetadata Instance = new();
}

/// <summary>Marks an operation that returns an <c>ETag</c> and honours <c>If-None-Match</c>.</summary>
public sealed class ETagMetadata
{
    public static readonly ETagMetadata Instance = new();
}

/// <summary>Marks an import endpoint: its body may be as large as <c>Http:MaxImportBodyBytes</c>.</summary>
public sealed class ImportBodyMetadata
{
    public static readonly ImportBodyMetadata Instance = new();
}

/// <summary>
/// Marks a read whose 200 may also be a document of <see cref="ContentType"/> (a PDF), chosen by the Accept header: ASP.NET Core
/// describes one content per status, so the OpenAPI conventions add this one beside the JSON.
/// </summary>
public sealed record AlsoAnswersMetadata(string ContentType);

public static class EndpointConventions
{
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentMetadata.Instance);

    public static TBuilder RequiresIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IfMatchMetadata.Instance);

    public static TBuilder ReturnsETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ETagMetadata.Instance);

    public static TBuilder AlsoAnswers<TBuilder>(this TBuilder builder, string contentType) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AlsoAnswersMetadata(contentType));

    public static TBuilder AcceptsLargeImportBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ImportBodyMetadata.Instance);

    /// <summary>
    /// What every create of a versioned resource from a JSON body answers: it honours <c>Idempotency-Key</c>, returns the
    /// ETag, 201 with <typeparamref name="TCreated"/>, 400 listing the fields, the <paramref name="problems"/> of its own, 415.
    /// </summary>
    public static RouteHandlerBuilder CreatesVersioned<TBody, TCreated>(this RouteHandlerBuilder endpoint, params int[] problems)
        where TBody : notnull =>
        endpoint.WithIdempotency()
            .ReturnsETag()
            .Accepts<TBody>("application/json")
            .Produces<TCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblems(problems)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// What every change of a versioned resource from a JSON body answers: it requires <c>If-Match</c>, returns the new ETag,
    /// 200 with <typeparamref name="TChanged"/>, 400 listing the fields, the <paramref name="problems"/> of its own (404…), 415.
    /// </summary>
    public static RouteHandlerBuilder ChangesVersioned<TBody, TChanged>(this RouteHandlerBuilder endpoint, params int[] problems)
        where TBody : notnull =>
        endpoint.RequiresIfMatch()
            .ReturnsETag()
            .Accepts<TBody>("application/json")
            .Produces<TChanged>()
            .ProducesValidationProblem()
            .ProducesProblems(problems)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>What every read of one versioned resource answers: its ETag, 200 with <typeparamref name="T"/>, 304, 404.</summary>
    public static RouteHandlerBuilder ReadsVersioned<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.ReturnsETag()
            .Produces<T>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, int[] problems)
    {
        foreach (var status in problems)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }
}

/// <summary>
/// A query parameter holding one of an enum's string codes (<c>repPlus</c>, case-insensitive).
/// Bound as text so a wrong value gets a precise 400; OpenAPI lists the codes.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class EnumCodesAttribute(Type enumType) : Attribute
{
    public Type EnumType { get; } = enumType;

    public IReadOnlyList<string> Codes => StableCode.All(EnumType);

    /// <summary>The enum value a code names, or a 400 listing the allowed codes.</summary>
    public static TEnum? Parse<TEnum>(string? code, string parameter) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        return Enum.TryParse<TEnum>(code.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !code.Trim().All(char.IsAsciiDigit)
            ? value
            : throw RequestValidationException.For(parameter,
                $"Unknown value '{code}'. Allowed: {string.Join(", ", new EnumCodesAttribute(typeof(TEnum)).Codes)}.");
    }
}
