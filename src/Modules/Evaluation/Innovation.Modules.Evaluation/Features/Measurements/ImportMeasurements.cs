using System.Data.Common;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Evaluation.Features.Indicators;
using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Measurements;

/// <summary>
/// <c>POST /api/v1/imports/measurements</c>: upserts measurements on their indicator (scope, scope id, code) and period from a CSV
/// or NDJSON body through the import pipeline (<see cref="ImportRun{TPending}"/>): each row mapped to a <see cref="MeasurementDraft"/>
/// checked by the submit endpoint's validator, then its indicator, unit and collector checked and the batch compared with the
/// table and written in batches of <see cref="BatchSize"/>. A new or changed value is submitted (to be approved), an unchanged one
/// left as it is.
/// </summary>
internal static class ImportMeasurements
{
    public const int BatchSize = 500;

    internal static readonly ImportLineTable FirstLines = new("evaluation.measurement_import_line");

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

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>A row that passed every check that needs no database; its fingerprint is 128 bits of its (indicator, period).</summary>
    internal sealed record Pending(int Line, IndicatorTable.Key Indicator, MeasurementDraft Draft, Period Period, Guid Fingerprint,
        string PeriodColumn, string ValueColumn, string CollectedByColumn, string CodeColumn);

    /// <summary>
    /// One import: its body, its tally, and what it looked up. So that memory stays flat, the line each (indicator, period) first
    /// appeared on is kept in the database, in the import's transactions: on the measurement the import wrote (its import id and
    /// line), else in <see cref="FirstLines"/> (a row rejected, unchanged, or not written).
    /// </summary>
    internal sealed class Run(ImportRequest import, IMediator mediator, IValidator<MeasurementDraft> validator, TimeProvider time,
        CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        private readonly ImportAcademies _academies = new(async named => (await mediator.Send(new FindAcademie(named), cancellationToken))?.Code);
        private readonly ImportLookup<IndicatorTable.Key, IndicatorTable.Target> _indicators = new();

        // A collector's académie.
        private readonly ImportLookup<Guid, string> _people = new();

        private readonly ImportLines _lines = new(FirstLines);

        // Every batch records its first lines, in a dry run too (never committed).
        protected override bool DryRunWrites => true;

        protected override Task FinishAsync(Db db) => Import.DryRun ? Task.CompletedTask : _lines.ForgetAsync(db);

        protected override async Task<ImportBatchOutcome> ApplyAsync(
            DbConnection connection, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var changes = new ImportChanges<MeasurementTable.Row>(batch.Count);
            var now = time.GetUtcNow();
            // A repeat of a row an earlier batch wrote is found later, by the mark on the measurement itself.
            batch = await _lines.FirstOccurrencesAsync(connection, transaction!, batch, static p => p.Fingerprint, static p => p.Line,
                (pending, first) => changes.Reject(Repeat(pending, first)));
            await _people.KnowAsync(batch.Select(p => p.Draft.CollectedBy).OfType<Guid>(), async unknown =>
                (await mediator.Send(new FindPeople(unknown), CancellationToken)).Select(p => KeyValuePair.Create(p.PersonId, p.Academie)));
            var named = new List<(Pending Pending, IndicatorTable.Target Indicator)>(batch.Count);
            foreach (var pending in batch)
            {
                var indicator = await _indicators.FindAsync(pending.Indicator, key => IndicatorTable.FindTargetAsync(connection, key, transaction));
                if (indicator is null || !Import.Caller.Sees(indicator.Academie))
                {
                    var key = pending.Indicator;
                    changes.Reject(new ImportError(pending.Line, pending.CodeColumn,
                        $"No indicator '{key.Code}' of {key.Scope} {key.ScopeId?.ToString() ?? key.Academie} in your académie."));
                }
                else
                {
                    named.Add((pending, indicator));
                }
            }

            var existing = await MeasurementTable.FindManyAsync(connection, transaction,
                [.. named.Select(f => f.Indicator.Id).Distinct()], [.. named.Select(f => f.Pending.Period.Code).Distinct()]);
            foreach (var (pending, indicator) in named)
            {
                var current = existing.GetValueOrDefault((indicator.Id, pending.Period.Code));
                if (current?.ImportId == _lines.ImportId)
                {
                    changes.Reject(Repeat(pending, current.ImportLine!.Value));
                }
                else if (Units.Problem(StableCode.Parse<IndicatorUnit>(indicator.Unit), pending.Draft.Value!.Value) is { } problem)
                {
                    changes.Reject(new ImportError(pending.Line, pending.ValueColumn, problem));
                }
                else if (pending.Draft.CollectedBy is { } person && _people[person] != indicator.Academie)
                {
                    changes.Reject(new ImportError(pending.Line, pending.CollectedByColumn,
                        MeasurementRules.CollectorProblem(person, indicator.Academie)));
                }
                else if (current is not null && current.Holds(pending.Draft))
                {
                    changes.Unchanged();
                }
                else
                {
                    var row = MeasurementTable.Row.Submitted(pending.Draft, indicator.Id, indicator.Academie, Import.Caller, now, current);
                    (row.ImportId, row.ImportLine) = (_lines.ImportId, pending.Line);
                    changes.Upsert(current, row); // an identical value is counted unchanged above
                }
            }

            // A written row carries the import's mark; every other first occurrence goes to measurement_import_line.
            var writes = Writes(transaction, changes.Outcome);
            await WriteAsync(transaction, changes.Outcome, "A measurement",
                t => MeasurementTable.SaveManyAsync(connection, t, changes.Inserts, changes.Updates, Import.Caller, now, CancellationToken));
            var marked = writes ? changes.Inserts.Concat(changes.Updates.Select(u => u.Row)).Select(r => r.ImportLine!.Value).ToHashSet() : [];
            await _lines.RecordAsync(connection, transaction!, [.. batch.Where(p => !marked.Contains(p.Line)).Select(p => (p.Fingerprint, p.Line))],
                CancellationToken);
            return changes.Outcome;
        }

        private static ImportError Repeat(Pending pending, int firstLine) => new(pending.Line, pending.PeriodColumn,
            $"This indicator's period {pending.Period.Code} already appears on line {firstLine} of this file: a value may appear once.");

        protected override async Task<Pending?> CheckAsync(ImportCheck row)
        {
            var draft = new MeasurementDraft(
                row.Value(Value, ImportValues.Number, static t => $"'{t}' is not a number."),
                row.Text(PeriodField),
                row.Value(Date, ImportValues.Date, static t => $"'{t}' is not a date (yyyy-MM-dd)."),
                row.Text(Source),
                row.Value(CollectedBy, ImportValues.Id, static t => $"'{t}' is not a person id."),
                row.Text(Comment));
            await row.ValidateAsync(validator, draft, CancellationToken);
            var scope = row.Value(Scope, ImportValues.Code<IndicatorScope>,
                static t => $"Unknown scope '{t}': use {ImportValues.CodeList<IndicatorScope>()}.");
            var scopeId = row.Value(ScopeId, ImportValues.Id, static t => $"'{t}' is not an id.");
            var code = row.Text(Code);
            if (scope is not null and not IndicatorScope.Academie && scopeId is null && !row.IsUnreadable(ScopeId))
            {
                row.Error(ScopeId, "A project, experimentation or network indicator is named by its scopeId.");
            }

            // An académie indicator's académie: its cell, else the caller's.
            var academie = scope == IndicatorScope.Academie
                ? await _academies.CodeOrCallersAsync(row, Academie, row.Text(Academie), Import.Caller, IndicatorDraftValidator.AcademieRequired)
                : null;
            if (row.HasErrors || scope is null || code is null || (scope == IndicatorScope.Academie && academie is null))
            {
                return null;
            }

            var key = new IndicatorTable.Key(StableCode.Of(scope.Value), scope == IndicatorScope.Academie ? null : scopeId, academie, code);
            var period = draft.ThePeriod;
            var fingerprint = ImportLines.Fingerprint($"{key.Scope}|{key.ScopeId}|{key.Academie}|{key.Code}|{period.Code}");
            return new Pending(row.Line, key, draft, period, fingerprint, row.Column(draft.Date is null ? PeriodField : Date),
                row.Column(Value), row.Column(CollectedBy), row.Column(Code));
        }
    }

    public static void Map(IEndpointRouteBuilder api) => api.MapImport("/imports/measurements", import => new Command(import),
        "ImportMeasurements", "Import measurements of indicators from a CSV or NDJSON file", EndpointDescription);

    internal static readonly string EndpointDescription = ImportDescription.Of(
        ImportDescription.Upserts("measurements on their indicator and period", "measurements"),
        ImportDescription.ColumnsParagraph(Fields, "other accepted names"),
        "An indicator is named by its scope (project, experimentation, network or academie), its scopeId (none for an " +
        "académie indicator, whose académie is the academie column or the caller's) and its code; a row names a period (a school year " +
        "2024-2025, a month 2025-03 or a day 2025-03-14) or a date; value is a number (decimal point or comma) its indicator's unit admits " +
        "(a percent in 0–100, a count a whole number ≥ 0…); collectedBy a person id of the indicator's académie. " +
        "Every row is checked by the " +
        "same rules as `POST /api/v1/evaluation/indicators/{indicatorId}/measurements`; an indicator outside the caller's académie is " +
        "reported as unknown and never written; an (indicator, period) may appear only once in a file (a repeat names the first line). " +
        "A new value is created and an existing one with another value, source, collector or comment is updated, both as submitted " +
        "(they count in dashboards once approved; an approved value changed by an import stops counting until approved again); an " +
        "identical one is unchanged. Each write is kept in the measurement's history.",
        "the measurements that counts created / updated / unchanged", BatchSize);
}
