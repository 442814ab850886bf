using System.Data.Common;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Security;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// What a read by id reads with: the connection the handler opened, the <see cref="Data.Db"/> (its dialect, for loads that
/// render SQL) and the day the read is judged on (the injected clock's UTC day, so tests fix it).
/// </summary>
public sealed record ReadScope(Db Db, DbConnection Connection, DateOnly Today);

/// <summary>A read the request makes itself on a connection the handler opens.</summary>
public interface IConnectionRead<TResult> : IRequest<TResult>
{
    Task<TResult> ReadAsync(ReadScope read);
}

/// <summary>
/// The read of the resource <paramref name="Id"/> as <paramref name="Caller"/> sees it: <paramref name="Find"/> gives it with its version,
/// or throws the 404 of one the caller does not see.
/// </summary>
public sealed record ReadById<T>(Guid Id, Caller Caller, Func<ReadScope, Guid, Caller, Task<Versioned<T>>> Find)
    : IConnectionRead<Versioned<T>>
{
    public Task<Versioned<T>> ReadAsync(ReadScope read) => Find(read, Id, Caller);
}

/// <summary>
/// The handler of every read a request makes itself (<see cref="ReadById{T}"/> of <see cref="UseCaseEndpoints.MapReadById{T}"/>):
/// every module has it (<c>AddModuleParts</c> calls <see cref="AddConnectionReads"/>).
/// </summary>
public static class ConnectionReads
{
    /// <summary>Handles every <see cref="IConnectionRead{TResult}"/> (once, whichever module asks first).</summary>
    public static IServiceCollection AddConnectionReads(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IRequestHandler<,>), typeof(ConnectionReadHandler<,>)));
        return services;
    }

    private sealed class ConnectionReadHandler<TRequest, TResult>(Db db, TimeProvider time) : IRequestHandler<TRequest, TResult>
        where TRequest : IConnectionRead<TResult>
    {
        public Task<TResult> Handle(TRequest request, CancellationToken cancellationToken) =>
            db.ReadAsync(c => request.ReadAsync(new ReadScope(db, c, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))), cancellationToken);
    }
}
