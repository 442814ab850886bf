using Innovation.Modules.Networks.Contracts;
using Innovation.Modules.Projects.Contracts;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>Answers <see cref="IsProjectCarrier"/> for other modules, by the same rule <see cref="ProjectAccess"/> applies.</summary>
internal sealed class ProjectCarrierQuery(Db db) : IRequestHandler<IsProjectCarrier, bool>
{
    public Task<bool> Handle(IsProjectCarrier request, CancellationToken cancellationToken) =>
        db.ReadAsync(async c => await c.ExecuteScalarAsync<int>(ProjectAccess.IsCarrierSql,
            new { request.ProjectId, EmailKey = PersonErased.KeyOf(request.Email) }) > 0, cancellationToken);
}
