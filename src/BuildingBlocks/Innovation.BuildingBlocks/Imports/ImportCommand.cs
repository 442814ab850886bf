using Innovation.BuildingBlocks.Data;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Innovation.BuildingBlocks.Imports;

/// <summary>What an import endpoint sends through the mediator (<see cref="ImportEndpoint.MapImport"/>); each import declares its own.</summary>
public abstract record ImportCommand(ImportRequest Import) : IRequest<ImportReport>;

/// <summary>
/// The handler of an import's command: builds the import's <typeparamref name="TRun"/> (its constructor takes the
/// <see cref="ImportRequest"/>, the <see cref="CancellationToken"/> and the services it needs) and runs it on the database.
/// </summary>
public abstract class ImportHandler<TCommand, TRun>(IServiceProvider services) : IRequestHandler<TCommand, ImportReport>
    where TCommand : ImportCommand
    where TRun : ImportRun
{
    private static readonly ObjectFactory Create = ActivatorUtilities.CreateFactory(typeof(TRun), [typeof(ImportRequest), typeof(CancellationToken)]);

    public Task<ImportReport> Handle(TCommand request, CancellationToken cancellationToken) =>
        ((TRun)Create(services, [request.Import, cancellationToken])).RunAsync(services.GetRequiredService<Db>());
}
