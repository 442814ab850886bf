using System.Text.Json;
using FluentValidation;
using Innovation.BuildingBlocks.Http;
using MediatR;

namespace Innovation.BuildingBlocks.Mediation;

/// <summary>Runs every validator of a request and reports all failing fields at once (400).</summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        // Most queries have no validator (the container hands an empty array): no list, no state machine.
        validators is ICollection<IValidator<TRequest>> { Count: 0 } ? next() : ValidateAsync(request, cancellationToken, next);

    private async Task<TResponse> ValidateAsync(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures
                .GroupBy(f => FieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }

        return await next();
    }

    /// <summary>"Body.Members[0].Email" → "members[0].email": the JSON name the client sent.</summary>
    internal static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.')
            .Where(part => part != "Body")
            .Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));
}
