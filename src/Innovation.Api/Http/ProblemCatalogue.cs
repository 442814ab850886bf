using Innovation.BuildingBlocks.Http;
using Innovation.BuildingBlocks.Reference;

namespace Innovation.Api.Http;

/// <summary>One stable problem <c>code</c>: the status it comes with and what a French front end shows.</summary>
internal sealed record ProblemCodeEntry(string Code, int Status, string Label);

/// <summary>
/// Every <c>code</c> a problem of the API can carry: the OpenAPI document's <c>ProblemCode</c> enum and the reference list of
/// the same name (<c>GET /api/v1/reference/ProblemCode</c>) are made from it. A test reads the sources for the codes handlers
/// throw, so a new code without an entry here fails the build's tests.
/// </summary>
internal static class ProblemCatalogue
{
    /// <summary>The codes a problem gets from its status alone (<see cref="ProblemCodes.ForStatus"/>).</summary>
    private static readonly (int Status, string Label)[] ByStatus =
    [
        (400, "Requête invalide"), (401, "Authentification requise"), (403, "Accès refusé"), (404, "Introuvable"),
        (405, "Méthode non autorisée"), (406, "Format de réponse non disponible"), (409, "Conflit"), (412, "Version périmée"),
        (413, "Requête trop volumineuse"), (415, "Type de contenu non accepté"), (422, "Requête non traitable"),
        (428, "En-tête If-Match requis"), (429, "Trop de requêtes"), (500, "Erreur interne"), (503, "Service indisponible"),
    ];

    /// <summary>The codes handlers choose, and those of any other status (status 0 here).</summary>
    private static readonly ProblemCodeEntry[] Chosen =
    [
        new("client_error", 0, "Erreur du client"),
        new("server_error", 0, "Erreur du serveur"),
        new(ProblemCodes.ValidationFailed, 400, "Champs invalides"),
        new("academie_forbidden", 403, "Hors de l'académie de l'identifiant"),
        new("departement_forbidden", 403, "Hors du département de l'identifiant"),
        new("not_a_carrier", 403, "Réservé aux porteurs du projet"),
        new("not_a_note_writer", 403, "Réservé aux rédacteurs de notes"),
        new("not_the_author", 403, "Réservé à l'auteur"),
        new("own_measurement", 403, "Relevé saisi par soi-même"),
        new("no_diagnosis", 404, "Aucun diagnostic"),
        new("already_featured", 409, "Déjà paru dans la gazette"),
        new("already_member", 409, "Déjà membre"),
        new("anonymous_campaign", 409, "Campagne anonyme"),
        new("builtin_questionnaire", 409, "Questionnaire fourni par l'API"),
        new("campaign_closed", 409, "Campagne close"),
        new("campaign_not_open", 409, "Campagne non ouverte"),
        new("concurrent_update", 409, "Modification simultanée"),
        new("concurrent_write", 409, "Écriture simultanée"),
        new("external_reference_exists", 409, "Référence externe déjà utilisée"),
        new("families_not_informed", 409, "Familles non informées"),
        new("final_report_missing", 409, "Rapport final manquant"),
        new("idempotency_key_in_use", 409, "Clé d'idempotence en cours d'utilisation"),
        new("import_conflict", 409, "Fichier modifié pendant l'import"),
        new("indicator_exists", 409, "Indicateur déjà existant"),
        new("indicator_has_measurements", 409, "Indicateur déjà mesuré"),
        new("invalid_transition", 409, "Transition impossible depuis ce statut"),
        new("measurement_exists", 409, "Relevé déjà saisi"),
        new("no_pending_revision", 409, "Aucune révision en attente"),
        new("not_a_member", 409, "Pas membre du réseau"),
        new("not_a_mutualisation_group", 409, "Pas un groupe de mutualisation"),
        new("not_valorisable", 409, "Projet non valorisable"),
        new("person_email_exists", 409, "Adresse électronique déjà utilisée"),
        new("person_erased", 409, "Personne effacée"),
        new("plan_closed", 409, "Plan d'accompagnement clos"),
        new("project_locked", 409, "Projet verrouillé"),
        new("project_not_eligible", 409, "Projet non éligible"),
        new("questionnaire_answered", 409, "Questionnaire déjà utilisé"),
        new("relay_at_last_year", 409, "Relais à sa dernière année"),
        new("relay_dates_out_of_order", 409, "Dates du relais dans le désordre"),
        new("relay_exists", 409, "Relais déjà existant"),
        new("relay_stopped", 409, "Relais arrêté"),
        new("relay_year_skipped", 409, "Année de relais sautée"),
        new("renewal_exhausted", 409, "Renouvellement déjà accordé"),
        new("resource_exists", 409, "Ressource déjà existante"),
        new("response_erased", 409, "Réponse effacée (personne effacée)"),
        new("review_already_submitted", 409, "Bilan déjà déposé"),
        new("school_exists", 409, "Établissement déjà enregistré"),
        new("school_in_network_of_same_kind", 409, "Établissement déjà dans un réseau du même type"),
        new("session_outside_plan_periods", 409, "Séance hors des périodes du plan"),
        new("too_many_funding_lines", 409, "Trop de lignes de financement"),
        new("too_many_objectives", 409, "Trop d'objectifs"),
        new("too_many_partners", 409, "Trop de partenaires"),
        new("too_many_resources", 409, "Trop de ressources"),
        new("too_many_sessions", 409, "Trop de séances"),
        new("too_many_sheets", 409, "Trop de fiches de suivi"),
        new("training_need_exists", 409, "Besoin de formation déjà déclaré"),
        new("outside_campaign_dates", 409, "Hors des dates de la campagne"),
        new("canvas_incomplete", 422, "Canevas incomplet"),
        new("dossier_incomplete", 422, "Dossier incomplet"),
        new("duration_too_long", 422, "Durée supérieure à cinq années scolaires"),
        new("idempotency_key_reused", 422, "Clé d'idempotence réutilisée pour une autre requête"),
        new("import_rejected", 422, "Import refusé"),
        new("person_not_in_directory", 422, "Personne absente de l'annuaire"),
        new("school_outside_project", 422, "Établissement hors du projet"),
        new("if_match_required", 428, "En-tête If-Match absent"),
        new("etag_mismatch", 412, "Version périmée (ETag)"),
        new("import_interrupted", 503, "Import interrompu"),
    ];

    /// <summary>Every code, sorted, each once (a chosen code that is also a status's keeps its chosen status).</summary>
    public static readonly IReadOnlyList<ProblemCodeEntry> All =
    [
        .. Chosen.Concat(ByStatus.Select(s => new ProblemCodeEntry(ProblemCodes.ForStatus(s.Status), s.Status, s.Label)))
            .DistinctBy(e => e.Code).OrderBy(e => e.Code, StringComparer.Ordinal),
    ];

    /// <summary>The list <c>GET /api/v1/reference/ProblemCode</c> serves.</summary>
    public static CodeList List => CodeList.Named("ProblemCode", [.. All.Select(e => new ReferenceCode(e.Code, e.Label))]);
}
