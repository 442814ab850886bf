using System.Text.Json;
using System.Text.Json.Serialization;

namespace Innovation.Modules.Projects.Features.Projects;

internal static class GetProject
{
    internal const string ViewSql = """
        SELECT academie AS Academie, document AS Document, status AS Status, has_experimentation AS HasExperimentation,
               version AS Version, updated_at AS UpdatedAt
        FROM projects.project
        WHERE id = @Id
        """;

    internal sealed record Query(Guid Id, Caller Caller) : IRequest<ViewedProject>;

    internal sealed class Handler(Db db) : IRequestHandler<Query, ViewedProject>
    {
        public async Task<ViewedProject> Handle(Query query, CancellationToken cancellationToken)
        {
            var view = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ViewedProject>(ViewSql, new { query.Id }), cancellationToken);
            if (view is null || !query.Caller.Sees(view.Academie))
            {
                throw ProblemException.NotFound("project", query.Id.ToString());
            }

            view.Document = PersonalEmails.VisibleTo(query.Caller, view.Document, "team");
            return view;
        }
    }

    // The body is written from the stored document (ViewedProject); the schema documented is Project.
    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGetById<ViewedProject, Project>("/{id:guid}", (id, caller) => new Query(id, caller), view => view.Version)
            .RequireAuthorization(Scopes.ProjectsRead)
            .WithName("GetProject")
            .WithSummary("Get a project")
            .WithDescription("A project of the caller's académie, with its schools, team and canvas. A project of another académie is a 404. " +
                "Team members' e-mails are shown only to callers with `people:read` or on the project's team (null for anyone else).");
}

/// <summary>
/// A project as GET /projects/{id} shows it: its stored document and the members read from their
/// columns, written as the <see cref="Project"/> the OpenAPI document describes.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class ViewedProject
{
    public string Academie { get; set; } = "";
    public string Document { get; set; } = "";
    public string Status { get; set; } = "";
    public bool HasExperimentation { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    internal sealed class Converter : StoredJsonConverter<ViewedProject>
    {
        protected override string Stored(ViewedProject value) => value.Document;

        protected override void AddMembers(Utf8JsonWriter members, ViewedProject value)
        {
            members.WriteString("status"u8, value.Status);
            members.WriteBoolean("hasExperimentation"u8, value.HasExperimentation);
            members.WriteNumber("version"u8, value.Version);
            members.WriteString("updatedAt"u8, value.UpdatedAt);
        }
    }
}
