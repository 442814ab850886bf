using Innovation.BuildingBlocks.Aggregates;

namespace Innovation.Modules.Projects.Features.Partners;

/// <summary>What kind of organisation a partner is.</summary>
internal enum PartnerKind
{
    Association,
    Company,

    /// <summary>A commune, département, région or their groupings (<i>collectivité territoriale</i>).</summary>
    LocalAuthority,
    Foundation,
    ResearchLab,
    OtherSchool,

    /// <summary>Museum, library, theatre…</summary>
    CulturalInstitution,
    Other,
}

/// <summary>What a partner brings.</summary>
internal enum ContributionKind
{
    Money,
    People,
    Equipment,
    Expertise,
}

/// <summary>A partner as a client writes it (create or replace).</summary>
/// <param name="Kind">What kind of organisation it is.</param>
/// <param name="Name" example="Muséum d'histoire naturelle">The organisation's name (not a person's).</param>
/// <param name="Role" example="Accueille les classes et prête des kits d'observation.">Its role in the project.</param>
/// <param name="Contributions">What it brings (at least one kind).</param>
/// <param name="ContributionDescription" example="Deux médiateurs scientifiques, une journée par trimestre.">The contribution in words.</param>
internal sealed record PartnerDraft(
    PartnerKind? Kind, string? Name, string? Role, IReadOnlyList<ContributionKind>? Contributions, string? ContributionDescription);

internal sealed class PartnerDraftValidator : AbstractValidator<PartnerDraft>
{
    public PartnerDraftValidator()
    {
        RuleFor(p => p.Kind).NotNull().IsInEnum();
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
        RuleFor(p => p.Role).MaximumLength(500);
        RuleFor(p => p.Contributions).NotEmpty().WithMessage("Name at least one kind of contribution (money, people, equipment, expertise).");
        RuleForEach(p => p.Contributions).IsInEnum();
        RuleFor(p => p.ContributionDescription).MaximumLength(2000);
    }
}

/// <summary>A partner of a project.</summary>
/// <param name="Id">The partner's id on this project.</param>
/// <param name="Kind">What kind of organisation it is.</param>
/// <param name="Name" example="Muséum d'histoire naturelle">Name.</param>
/// <param name="Role" example="Accueille les classes et prête des kits d'observation.">Role in the project.</param>
/// <param name="Contributions">What it brings.</param>
/// <param name="ContributionDescription" example="Deux médiateurs scientifiques, une journée par trimestre.">The contribution in words.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record Partner(
    Guid Id, PartnerKind Kind, string Name, string? Role, IReadOnlyList<ContributionKind> Contributions, string? ContributionDescription,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A project's partners.</summary>
/// <param name="Items">Partners in the order they were added.</param>
internal sealed record PartnerList(IReadOnlyList<Partner> Items);

/// <summary>The partner organisations of a project (projects.project_partner), at most 100.</summary>
internal sealed class ProjectPartners() : ChildCollection<ProjectTable.Row, PartnerDraft, ProjectPartners.Row, Partner, PartnerList>(
    ProjectAttachments.Rules)
{
    protected override ChildRoutes Routes { get; } = new(
        "partners", "partnerId",
        Add: new("AddProjectPartner", "Add a partner to a project",
            "Adds a partner organisation (up to 100 per project, 409 `too_many_partners` beyond). " + ProjectAttachments.AddDescription),
        List: new("ListProjectPartners", "List a project's partners",
            "Every partner of the project (at most 100, so the list is never paged), in the order they were added. The ETag is the project's."),
        Get: new("GetProjectPartner", "Get one partner of a project",
            "The ETag is the project's: send it in If-Match to replace or remove the partner."),
        Remove: new("RemoveProjectPartner", "Remove a partner from a project",
            ProjectAttachments.RemoveDescription),
        Replace: new("UpdateProjectPartner", "Replace a partner of a project",
            "Replaces every field of the partner. " + ProjectAttachments.ReplaceDescription));

    /// <summary>A project lists its partners whole; this bounds the list.</summary>
    protected override int MaxPerParent => 100;

    protected override ChildNames Names { get; } = new("partner", "partners") { TooManyCode = "too_many_partners" };

    internal const string UpdateSql = """
        UPDATE projects.project_partner
        SET kind = @Kind, name = @Name, role = @Role, contributions = @Contributions, contribution_description = @ContributionDescription,
            updated_at = @UpdatedAt
        WHERE project_id = @ProjectId AND id = @Id
        """;

    protected override ChildSql Sql { get; } = ChildSql.ForTable(
        "projects.project_partner", "project_id", "kind, name, role, contributions, contribution_description, created_at, updated_at",
        orderBy: "created_at, name {{binary}}", UpdateSql);

    protected override Row ToRow(Guid parentId, Guid id, PartnerDraft draft, DateTimeOffset now) => new()
    {
        Id = id,
        ProjectId = parentId,
        Kind = StableCode.Of(draft.Kind!.Value),
        Name = draft.Name!.Trim(),
        Role = Blank(draft.Role),
        Contributions = string.Join(' ', draft.Contributions!.Distinct().Order().Select(StableCode.Of)),
        ContributionDescription = Blank(draft.ContributionDescription),
        CreatedAt = now,
        UpdatedAt = now,
    };

    protected override Partner ToItem(Row row) => new(
        row.Id, StableCode.Parse<PartnerKind>(row.Kind), row.Name, row.Role,
        [.. row.Contributions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StableCode.Parse<ContributionKind>)],
        row.ContributionDescription, row.CreatedAt, row.UpdatedAt);

    protected override PartnerList ToList(IEnumerable<Row> rows) => new([.. rows.Select(ToItem)]);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A row of projects.project_partner (contribution codes space-separated).</summary>
    internal sealed class Row : IChildRow
    {
        public Guid Id { get; set; }
        public Guid ProjectId { get; set; }
        public string Kind { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Role { get; set; }
        public string Contributions { get; set; } = "";
        public string? ContributionDescription { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }
}
