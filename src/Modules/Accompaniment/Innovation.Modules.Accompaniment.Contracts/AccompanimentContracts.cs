namespace Innovation.Modules.Accompaniment.Contracts;

/// <summary>Marks the Accompaniment module's public contract assembly (integration events and public queries).</summary>
public static class AccompanimentContracts;
