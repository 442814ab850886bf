using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Innovation.BuildingBlocks.Aggregates;

/// <summary>
/// The child's id in a collection's item route (<c>{partnerId}</c>). One endpoint serves every collection, so it
/// reads the id from the route values instead of a parameter named after it; ApiExplorer documents only a
/// handler's parameters, so this metadata tells it the id is there, a required GUID in the path.
/// </summary>
public sealed record ChildIdParameter(string Name);

internal sealed class ChildIdParameterDescriptions : IApiDescriptionProvider
{
    private static readonly ModelMetadata GuidMetadata = new EmptyModelMetadataProvider().GetMetadataForType(typeof(Guid));

    public int Order => 0;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<ChildIdParameter>().FirstOrDefault() is { } childId)
            {
                // After the parent's id, as the route names them.
                var at = description.ParameterDescriptions.TakeWhile(p => p.Source == BindingSource.Path).Count();
                description.ParameterDescriptions.Insert(at, new ApiParameterDescription
                {
                    Name = childId.Name, Source = BindingSource.Path, Type = typeof(Guid), ModelMetadata = GuidMetadata, IsRequired = true,
                });
            }
        }
    }
}

public static class ChildCollectionRegistration
{
    /// <summary>The OpenAPI description of child collections' item ids (once for every module, by <c>AddModuleParts</c>).</summary>
    public static IServiceCollection AddChildCollections(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApiDescriptionProvider, ChildIdParameterDescriptions>());
        return services;
    }
}
