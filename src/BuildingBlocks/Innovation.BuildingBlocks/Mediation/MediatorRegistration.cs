using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Innovation.BuildingBlocks.Mediation;

/// <summary>
/// MediatR 5.1.0 wiring (the last line that restores here and is Apache-licensed; see ADR 0002):
/// its <see cref="ServiceFactory"/> is the container, handlers and validators are found by scanning
/// each module's assembly, and its pipeline behaviours are a span (<see cref="TracingBehaviour{TRequest, TResponse}"/>) around validation.
/// <para>
/// Everything here is a singleton: handlers, behaviour and validators hold no per-request state, and
/// MediatR 5.1.0 resolves a request's handler and behaviours from the container at every send, so
/// transient ones were built, with the mediator itself, at every request (ADR 0010). A handler that
/// needed a scoped service would make the container refuse to start in Development and the tests
/// (scope validation in Program.cs).
/// </para>
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddMediatorHandlers(this IServiceCollection services, Assembly assembly)
    {
        services.TryAddSingleton<ServiceFactory>(sp => sp.GetService!);
        services.TryAddSingleton<IMediator, Mediator>();
        // The first behaviour registered runs outermost: the span covers validation too.
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>)));

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(INotificationHandler<>))
                {
                    services.TryAddEnumerable(ServiceDescriptor.Singleton(contract, type));
                }
                else if (definition == typeof(IValidator<>))
                {
                    // Building a validator's rules (expressions, regular expressions) cost more than
                    // the validation itself (ADR 0010). Rules read the clock when they run.
                    services.TryAddEnumerable(ServiceDescriptor.Singleton(contract, type));
                }
            }
        }

        return services;
    }
}
