using System.Data.Common;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Projects.Features.Projects;

/// <summary>
/// Who may see and change a project. Everyone in the project's académie with <c>projects:read</c>
/// reads it; callers with <c>projects:write</c> change any project of their académie; callers with
/// <c>projects:carry</c> change the projects whose team names their e-mail as carrier or co-carrier.
/// A project of another académie does not exist for the caller (404).
/// </summary>
internal static class ProjectAccess
{
    internal const string IsCarrierSql = """
        SELECT COUNT(*) FROM projects.project_member
        WHERE project_id = @ProjectId AND email_key = CAST(@EmailKey AS VARCHAR(8000)) AND role IN ('carrier', 'coCarrier')
        """;

    /// <summary>The project row if the caller may see it, else the 404 a missing project gets.</summary>
    public static async Task<ProjectTable.Row> FindVisibleAsync(DbConnection connection, Guid id, Caller caller, DbTransaction? transaction = null)
    {
        var row = await ProjectTable.FindAsync(connection, id, transaction);
        return row is not null && caller.Sees(row.Academie) ? row : throw NotFound(id);
    }

    public static ProblemException NotFound(Guid id) => ProblemException.NotFound("project", id.ToString());

    /// <summary>Refuses (403 <c>not_a_carrier</c>) a caller who may read the project but not change it.</summary>
    public static async Task EnsureCanEditAsync(DbConnection connection, DbTransaction? transaction, ProjectTable.Row row, Caller caller)
    {
        if (caller.Has(Scopes.ProjectsWrite))
        {
            return;
        }

        if (caller.Has(Scopes.ProjectsCarry) && caller.Email is { } email
            && await connection.ExecuteScalarAsync<int>(IsCarrierSql, new { ProjectId = row.Id, EmailKey = PersonErased.KeyOf(email) },
                transaction) > 0)
        {
            return;
        }

        throw NotACarrier();
    }

    public static ProblemException NotACarrier() => ProblemException.Forbidden(
        "not_a_carrier",
            "Only the project's carriers and co-carriers (projects:carry, recognised by the token's e-mail) and callers with projects:write may " +
            "change it.");

    /// <summary>Endpoints that change a project accept either <c>projects:write</c> or <c>projects:carry</c>; the handler checks which.</summary>
    public static TBuilder RequireProjectEditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser()
            .RequireClaim(InnovationClaims.Scope, Scopes.ProjectsWrite, Scopes.ProjectsCarry));
}
