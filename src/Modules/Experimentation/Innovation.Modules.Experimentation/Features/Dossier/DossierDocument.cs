using System.Globalization;
using Innovation.Modules.Experimentation.Features.Experimentations;

namespace Innovation.Modules.Experimentation.Features.Dossier;

/// <summary>
/// The dossier as a document for the council and the DASEN's signature: a title and headed sections holding every part of the
/// dossier, then the decisions and their dates. The PDF rendering writes these sections as they are.
/// </summary>
internal static class DossierDocument
{
    public static (string Title, IReadOnlyList<(string Heading, IReadOnlyList<string> Lines)> Sections) Of(ExperimentationView e)
    {
        var d = e.Dossier;
        var protocol = d.Protocol;
        var sections = new List<(string, IReadOnlyList<string>)>
        {
            ("Projet et statut", [$"Projet : {e.ProjectId}", $"Académie : {e.Academie}", $"Statut : {StableCode.Of(e.Status)}",
                $"Départements : {Join(e.Departements)}"]),
            ("Périmètre", [$"Type : {Code(d.Perimeter?.Kind)}", .. (d.Perimeter?.Schools ?? []).Select(s =>
                $"{s.Uai}{(s.Classes is { Count: > 0 } c ? " : " + string.Join(", ", c.Select(k => $"{k.Name} ({Code(k.Level)})")) : "")}")]),
            ("Champs de dérogation", [.. (d.DerogationFields ?? []).Select(f =>
                $"{(f.Field is { } field ? DerogationFields.Label(field) : "?")} : {f.Derogation}")]),
            ("Durée", [$"{d.DurationYears} année(s) scolaire(s){(e.Renewal is { } r ? $", reconduite de {r.AdditionalYears}" : "")}",
                $"Début prévu : {Day(d.PlannedStart)}"]),
            ("Équipe responsable", [.. (d.Team ?? []).Select(m => $"{m.PersonId} : {Code(m.Role)}")]),
            ("Diagnostic", [d.Diagnosis ?? ""]),
            ("Objectifs", [d.Objectives ?? ""]),
            ("Partenaires", [.. (d.Partners ?? []).Select(p => $"{p.Name}{(string.IsNullOrEmpty(p.Contribution) ? "" : " : " + p.Contribution)}")]),
            ("Protocole d'évaluation", [
                .. (protocol?.Indicators ?? []).Select(i => $"{i.Code} — {i.Label} ({Code(i.Unit)}, {Code(i.Direction)}) : référence "
                    + $"{Number(i.BaselineValue)} au {Day(i.BaselineDate)}, cible {Number(i.TargetValue)} au {Day(i.TargetDate)}"),
                $"Recueil des données : {Join((protocol?.DataCollection ?? []).Select(m => StableCode.Of(m)))}",
                $"Bilans intermédiaires : {Join((protocol?.IntermediateReviewsDue ?? []).Select(x => Day(x)))}",
                $"Bilan final : {Day(protocol?.FinalReportDue)}"]),
            ("Décisions et dates", [.. Decisions(e)]),
        };
        return (d.Title ?? "Expérimentation", sections);
    }

    private static IEnumerable<string> Decisions(ExperimentationView e)
    {
        if (e.SubmittedAt is { } submitted)
        {
            yield return $"Dossier déposé le {Day(submitted)}";
        }

        if (e.Decision is { } decision)
        {
            yield return $"Décision du DASEN ({StableCode.Of(decision.Decision)}) le {Day(decision.DecidedAt)}"
                + (decision.Reason is null ? "" : $" : {decision.Reason}");
        }

        if (e.Adoption is { } adoption)
        {
            yield return $"Adoptée par {StableCode.Of(adoption.Body)} le {Day(adoption.VoteDate)}";
        }

        if (e.EnteredInSchoolProjectOn is { } entered)
        {
            yield return $"Inscrite au projet d'école ou d'établissement le {Day(entered)}";
        }

        if (e.Families.Objectives is { } objectives)
        {
            yield return $"Familles informées des objectifs le {Day(objectives.InformedOn)} ({StableCode.Of(objectives.Means)})";
        }

        if (e.StartedOn is { } started)
        {
            yield return $"Démarrée le {Day(started)}";
        }

        if (e.Renewal is { } renewal)
        {
            yield return $"Reconduite le {Day(renewal.RenewedAt)} pour {renewal.AdditionalYears} année(s)";
        }

        if (e.Families.Results is { } results)
        {
            yield return $"Familles informées des résultats le {Day(results.InformedOn)} ({StableCode.Of(results.Means)})";
        }

        if (e.ClosedAt is { } closed)
        {
            yield return $"Close le {Day(closed)}";
        }
    }

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? StableCode.Of(v) : "";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
