namespace Innovation.Modules.Experimentation.Contracts;

/// <summary>Marks the Experimentation module's public contract assembly (integration events and public queries).</summary>
public static class ExperimentationContracts;
