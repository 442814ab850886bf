namespace Innovation.Modules.Evaluation.Contracts;

/// <summary>Marks the Evaluation module's public contract assembly (integration events and public queries).</summary>
public static class EvaluationContracts;
