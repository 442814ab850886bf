using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Innovation.BuildingBlocks.Mediation;

/// <summary>
/// MediatR 5.1.0 wiring (the last line that restores here and is Apache-licensed; see ADR 0002):
/// its <see cref="ServiceFactory"/> is the container, handlers and validators are found by scanning
/// each module's assembly (validators are singletons), and validation is the one pipeline behaviour.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediatorHandlers(this IServiceCollection services, Assembly assembly)
    {
        services.TryAddScoped<ServiceFactory>(sp => sp.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        services.TryAddEnumerable(ServiceDescriptor.Transient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>)));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(INotificationHandler<>))
                {
                    services.TryAddEnumerable(ServiceDescriptor.Transient(contract, type));
                }
                else if (definition == typeof(IValidator<>))
                {
                    // Singletons: building a validator's rules (expressions, regular expressions) cost
                    // more than the validation itself, and on every request (bench, ADR 0010). Rules
                    // read the clock when they run, so a validator holds no per-request state.
                    services.TryAddEnumerable(ServiceDescriptor.Singleton(contract, type));
                }
            }
        }

        return services;
    }
}
