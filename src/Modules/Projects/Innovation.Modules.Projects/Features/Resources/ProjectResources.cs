using Innovation.BuildingBlocks.Aggregates;

namespace Innovation.Modules.Projects.Features.Resources;

/// <summary>What a resource is. The JSON codes are lower case (<c>audio</c>, <c>siteweb</c>…); the upper-case forms of the issue (<c>AUDIO</c>,
/// <c>SITEWEB</c>…) are accepted too.</summary>
internal enum ResourceKind
{
    Audio,
    Video,
    Document,

    /// <summary>A diagram, mind map or drawing (<i>schéma</i>).</summary>
    Schema,

    /// <summary>A website (<i>site web</i>).</summary>
    Siteweb,
}

/// <summary>A resource produced by or for the project, as a client writes it.</summary>
/// <param name="Kind">What the resource is.</param>
/// <param name="Title" example="Carnet d'observation des élèves">Title.</param>
/// <param name="Url" example="https://www.ac-versailles.fr/classe-dehors/carnet.pdf">Where it is: an absolute http or https URL.</param>
/// <param name="Licence" example="CC-BY-4.0">
/// Its licence, free text (an SPDX identifier such as CC-BY-4.0, CC-BY-NC-SA-4.0 or etalab-2.0 is best).
/// </param>
internal sealed record ResourceDraft(ResourceKind? Kind, string? Title, string? Url, string? Licence);

internal sealed class ResourceDraftValidator : AbstractValidator<ResourceDraft>
{
    public ResourceDraftValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2000)
            // The condition guards the address check only: a missing URL must still fail NotEmpty.
            .Must(IsWebAddress).When(r => !string.IsNullOrWhiteSpace(r.Url), ApplyConditionTo.CurrentValidator)
            .WithMessage("The URL must be an absolute http:// or https:// address.");
        RuleFor(r => r.Licence).MaximumLength(100);
    }

    /// <summary>Only absolute http(s) URLs with a host: no javascript:, data:, ftp:, file: or relative links reach a front end.</summary>
    internal static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}

/// <summary>A resource of a project.</summary>
/// <param name="Id">The resource's id.</param>
/// <param name="Kind">What the resource is.</param>
/// <param name="Title" example="Carnet d'observation des élèves">Title.</param>
/// <param name="Url" example="https://www.ac-versailles.fr/classe-dehors/carnet.pdf">Its http(s) address.</param>
/// <param name="Licence" example="CC-BY-4.0">Its licence.</param>
/// <param name="CreatedAt">When it was added.</param>
internal sealed record Resource(Guid Id, ResourceKind Kind, string Title, string Url, string? Licence, DateTimeOffset CreatedAt);

/// <summary>A project's resources.</summary>
/// <param name="Items">Resources in the order they were added.</param>
internal sealed record ResourceList(IReadOnlyList<Resource> Items);

/// <summary>The resources of a project (projects.project_resource), at most 200; never replaced: removed and added again.</summary>
internal sealed class ProjectResources() : ChildCollection<ProjectTable.Row, ResourceDraft, ProjectResources.Row, Resource, ResourceList>(
    ProjectAttachments.Rules)
{
    protected override ChildSql Sql { get; } =
        ChildSql.ForTable("projects.project_resource", "project_id", "kind, title, url, licence, created_at", "created_at, title {{binary}}");

    protected override ChildRoutes Routes { get; } = new(
        "resources", "resourceId",
        Add: new("AddProjectResource", "Add a resource to a project",
            "Adds a resource (audio, video, document, schema, siteweb; the upper-case codes AUDIO… are accepted too) with an absolute "
            + "http(s) URL only: `javascript:`, `data:`, `ftp:`, `file:` and relative URLs are refused. Up to 200 per project "
            + "(409 `too_many_resources` beyond). " + ProjectAttachments.AddDescription),
        List: new("ListProjectResources", "List a project's resources",
            "Every resource of the project (at most 200, so the list is never paged), in the order they were added. The ETag is the project's."),
        Get: new("GetProjectResource", "Get one resource of a project",
            "The ETag is the project's: send it in If-Match to remove the resource. Resources are not edited: remove and add again."),
        Remove: new("RemoveProjectResource", "Remove a resource from a project",
            ProjectAttachments.RemoveDescription));

    protected override int MaxPerParent => 200;

    protected override ChildNames Names { get; } = new("resource", "resources") { TooManyCode = "too_many_resources" };

    protected override Row ToRow(Guid parentId, Guid id, ResourceDraft draft, DateTimeOffset now) => new()
    {
        Id = id,
        ProjectId = parentId,
        Kind = StableCode.Of(draft.Kind!.Value),
        Title = draft.Title!.Trim(),
        Url = new Uri(draft.Url!.Trim()).AbsoluteUri,
        Licence = string.IsNullOrWhiteSpace(draft.Licence) ? null : draft.Licence.Trim(),
        CreatedAt = now,
    };

    protected override Resource ToItem(Row row) =>
        new(row.Id, StableCode.Parse<ResourceKind>(row.Kind), row.Title, row.Url, row.Licence, row.CreatedAt);

    protected override ResourceList ToList(IEnumerable<Row> rows) => new([.. rows.Select(ToItem)]);

    /// <summary>A row of projects.project_resource.</summary>
    internal sealed class Row : IChildRow
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Kind { get; set; } = "";
        public string Title { get; set; } = "";
        public string Url { get; set; } = "";
        public string? Licence { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }
}
