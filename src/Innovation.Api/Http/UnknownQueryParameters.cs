using System.Reflection;
using Innovation.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Innovation.Api.Http;

/// <summary>
/// Rejects query parameters an endpoint does not declare (a misspelt filter must not silently
/// return everything). The allowed names are read once per endpoint from its handler's parameters.
/// </summary>
internal static class UnknownQueryParameters
{
    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in factory.MethodInfo.GetParameters())
            {
                Collect(parameter, allowed);
            }

            return context =>
            {
                // Most requests carry no query string, or only declared names: no list for them.
                var query = context.HttpContext.Request.Query;
                if (query.Count == 0 || AllAllowed(query, allowed))
                {
                    return next(context);
                }

                var unknown = query.Keys.Where(k => !allowed.Contains(k)).ToList();
                throw new RequestValidationException(unknown.ToDictionary(
                    k => k,
                    _ => new[] { allowed.Count == 0 ? "This endpoint takes no query parameters." : $"Unknown query parameter. Allowed: " +
                        $"{string.Join(", ", allowed.Order())}." }));
            };
        });

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
