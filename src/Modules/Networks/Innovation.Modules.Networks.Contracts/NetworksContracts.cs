namespace Innovation.Modules.Networks.Contracts;

/// <summary>Marks the Networks module's public contract assembly (integration events and public queries).</summary>
public static class NetworksContracts;
