using System.Reflection;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Innovation.Api.Http;

/// <summary>
/// Rejects query parameters an endpoint does not declare (a misspelt filter must not silently return everything). The
/// allowed names are read from the endpoint's handler parameters the first time a request to it carries a query string.
/// A middleware rather than an endpoint filter: a filter on every endpoint cost the start a compiled filter pipeline each,
/// a seventh of its CPU (ADR 0031).
/// </summary>
internal static class UnknownQueryParameters
{
    /// <summary>Marks the endpoints whose query parameters <see cref="Reject"/> checks.</summary>
    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(new DeclaredQueryParameters()));
        return builder;
    }

    /// <summary>The middleware, after routing and authorization: a 400 naming each undeclared parameter.</summary>
    public static Task Reject(HttpContext context, RequestDelegate next)
    {
        // Most requests carry no query string (nothing parsed for them), or only declared names (no list for them).
        if (!context.Request.QueryString.HasValue || context.GetEndpoint()?.Metadata is not { } metadata
            || metadata.GetMetadata<DeclaredQueryParameters>() is not { } declared)
        {
            return next(context);
        }

        var query = context.Request.Query;
        var allowed = declared.Names(metadata);
        if (AllAllowed(query, allowed))
        {
            return next(context);
        }

        var unknown = query.Keys.Where(k => !allowed.Contains(k)).ToList();
        throw new RequestValidationException(unknown.ToDictionary(
            k => k,
            _ => new[] { allowed.Count == 0 ? "This endpoint takes no query parameters." : $"Unknown query parameter. Allowed: " +
                $"{string.Join(", ", allowed.Order())}." }));
    }

    private static bool AllAllowed(IQueryCollection query, HashSet<string> allowed)
    {
        foreach (var (name, _) in query)
        {
            if (!allowed.Contains(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An endpoint's query parameter names, read from its handler once asked for.</summary>
    private sealed class DeclaredQueryParameters
    {
        private HashSet<string>? _names;

        // Two first requests may both read the names: the same set either way.
        public HashSet<string> Names(EndpointMetadataCollection metadata) => _names ??= Read(metadata.GetMetadata<MethodInfo>());

        private static HashSet<string> Read(MethodInfo? handler)
        {
            var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in handler?.GetParameters() ?? [])
            {
                Collect(parameter, allowed);
            }

            return allowed;
        }

        private static void Collect(ParameterInfo parameter, HashSet<string> allowed)
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    if (property.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
                    {
                        allowed.Add(fromQuery.Name ?? property.Name);
                    }
                }

                foreach (var ctorParameter in parameter.ParameterType.GetConstructors().SelectMany(c => c.GetParameters()))
                {
                    if (ctorParameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
                    {
                        allowed.Add(fromQuery.Name ?? ctorParameter.Name!);
                    }
                }

                return;
            }

            if (parameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault() is { } attribute)
            {
                allowed.Add(attribute.Name ?? parameter.Name!);
            }
        }
    }
}
