using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Evaluation.Features.Measurements;

/// <summary>
/// The file <see cref="ImportMeasurements"/> reads: its columns, with the other names each accepts, and what the endpoint's
/// OpenAPI description says of them and of the import.
/// </summary>
internal static class MeasurementImportFile
{
    internal static readonly ImportField Scope = new("scope", true, "indicatorScope", "portee");
    internal static readonly ImportField ScopeId = new("scopeId", false, "scope_id", "projectId", "networkId", "experimentationId");
    internal static readonly ImportField Code = new("indicator", true, "indicatorCode", "code", "indicateur");
    internal static readonly ImportField PeriodField = new("period", false, "periode", "période");
    internal static readonly ImportField Date = new("date", false);
    internal static readonly ImportField Value = new("value", true, "valeur");
    internal static readonly ImportField Source = new("source", false);
    internal static readonly ImportField CollectedBy = new("collectedBy", false, "collected_by");
    internal static readonly ImportField Comment = new("comment", false, "commentaire");
    internal static readonly ImportField Academie = new("academie", false, "académie");

    internal static readonly IReadOnlyList<ImportField> Fields =
        [Scope, ScopeId, Code, PeriodField, Date, Value, Source, CollectedBy, Comment, Academie];

    internal static readonly string EndpointDescription = ImportDescription.Of(
        "Upserts measurements on their indicator and period from a file streamed in the body (e.g. `curl --data-binary " +
        "@measurements.csv -H \"Content-Type: text/csv\" …/api/v1/imports/measurements?dryRun=true`).\n\n",
        ImportDescription.ColumnsParagraph(Fields, "other accepted names"),
        "**Values.** An indicator is named by its scope (project, experimentation, network or academie), its scopeId (none for an " +
        "académie indicator, whose académie is the academie column or the caller's) and its code; a row names a period (a school year " +
        "2024-2025, a month 2025-03 or a day 2025-03-14) or a date; value is a number (decimal point or comma) its indicator's unit admits " +
        "(a percent in 0–100, a count a whole number ≥ 0…); collectedBy a person id of the indicator's académie. " +
        "Every row is checked by the " +
        "same rules as `POST /api/v1/evaluation/indicators/{indicatorId}/measurements`; an indicator outside the caller's académie is " +
        "reported as unknown and never written; an (indicator, period) may appear only once in a file (a repeat names the first line). " +
        "A new value is created and an existing one with another value, source, collector or comment is updated, both as submitted " +
        "(they count in dashboards once approved; an approved value changed by an import stops counting until approved again); an " +
        "identical one is unchanged. Each write is kept in the measurement's history.\n\n",
        "the measurements that counts created / updated / unchanged", ImportMeasurements.BatchSize,
        "With `Idempotency-Key`, a retry replays the first report without importing again.");
}
