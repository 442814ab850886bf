using System.Linq.Expressions;
using System.Text.Json;
using FluentValidation;

namespace Innovation.Api.OpenApi;

/// <summary>
/// The rules a use case's validator writes on a body type through its command: <c>RuleFor(c =&gt; c.Body.Title)</c> checks
/// <c>title</c> of the body's schema, <c>RuleFor(c =&gt; c.Body.Subject!.Name)</c> <c>name</c> of the nested subject's,
/// <c>RuleFor(c =&gt; c.Body.Tags!.Count)</c> the number of <c>tags</c>. A rule belongs to the type of the expression its last
/// member is read from, so a body shared by several commands (or rules applied by a helper) is covered as well.
/// </summary>
internal static class BodyRules
{
    private static readonly Lock Gate = new();
    private static IReadOnlyList<IValidationRule>? _all;

    /// <summary>The rules of every registered validator that check a property of <paramref name="type"/> through a command.</summary>
    public static IEnumerable<(string Name, IValidationRule Rule)> Of(Type type, IServiceProvider services)
    {
        foreach (var rule in All(services))
        {
            if (rule.Expression?.Body is { } body && Checked(body, rule.Expression.Parameters[0], type) is { } name)
            {
                yield return (JsonNamingPolicy.CamelCase.ConvertName(name), rule);
            }
        }
    }

    /// <summary>The property of <paramref name="type"/> the expression reads, when it reads one from a command (not the root).</summary>
    private static string? Checked(Expression body, ParameterExpression root, Type type)
    {
        var member = Unwrap(body) as MemberExpression;
        if (member?.Member.Name == "Count" && Unwrap(member.Expression) is MemberExpression counted)
        {
            member = counted;
        }

        var owner = member?.Expression is { } expression ? Unwrap(expression) : null;
        return owner is not null && owner != root && owner.Type == type ? member!.Member.Name : null;
    }

    private static Expression? Unwrap(Expression? expression) =>
        expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
            ? Unwrap(convert.Operand)
            : expression;

    private static IReadOnlyList<IValidationRule> All(IServiceProvider services)
    {
        lock (Gate)
        {
            if (_all is null)
            {
                using var scope = services.CreateScope();
                _all = [.. AppDomain.CurrentDomain.GetAssemblies()
                    .Where(a => a.GetName().Name?.StartsWith("Innovation.", StringComparison.Ordinal) == true)
                    .SelectMany(a => a.GetTypes())
                    .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
                    .SelectMany(t => t.GetInterfaces())
                    .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                    .Distinct()
                    .Select(i => scope.ServiceProvider.GetService(i))
                    .OfType<IValidator>()
                    .SelectMany(v => v.CreateDescriptor().Rules)];
            }

            return _all;
        }
    }
}
