namespace Innovation.Modules.Projects.Contracts;

/// <summary>Marks the Projects module's public contract assembly (integration events and public queries).</summary>
public static class ProjectsContracts;
