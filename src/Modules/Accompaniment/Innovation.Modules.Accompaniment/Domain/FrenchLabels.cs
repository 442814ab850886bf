using Innovation.BuildingBlocks.Reference;
using Innovation.Modules.Accompaniment.Features.Notes;
using Innovation.Modules.Accompaniment.Features.Plans;
using Innovation.Modules.Accompaniment.Features.Queue;

namespace Innovation.Modules.Accompaniment.Domain;

/// <summary>The module's code lists with their French labels, served at <c>GET /api/v1/reference</c>.</summary>
internal static class FrenchLabels
{
    public static readonly CodeList[] Lists =
    [
        CodeList.Of(new Dictionary<NeedLevel, string>
        {
            [NeedLevel.Individual] = "Individuel", [NeedLevel.Collective] = "Collectif", [NeedLevel.Territorial] = "Territorial",
        }),
        CodeList.Of(new Dictionary<NeedCode, string>
        {
            [NeedCode.Training] = "Formation", [NeedCode.Tutoring] = "Tutorat", [NeedCode.Mentoring] = "Mentorat",
            [NeedCode.TechnicalHelp] = "Aide technique", [NeedCode.TeamFacilitation] = "Animation d'équipe",
            [NeedCode.SchoolMeeting] = "Concertation dans l'établissement", [NeedCode.NetworkMobilisation] = "Mobilisation d'un réseau",
            [NeedCode.FundingSearch] = "Recherche de financements", [NeedCode.Partnerships] = "Partenariats",
            [NeedCode.Networking] = "Mise en réseau",
        }),
        CodeList.Of(new Dictionary<DiagnosedNeedPriority, string>
        {
            [DiagnosedNeedPriority.High] = "Haute", [DiagnosedNeedPriority.Medium] = "Moyenne", [DiagnosedNeedPriority.Low] = "Basse",
        }),
        CodeList.Of(new Dictionary<DiagnosisTool, string>
        {
            [DiagnosisTool.Interview] = "Entretien", [DiagnosisTool.Questionnaire] = "Questionnaire",
            [DiagnosisTool.SelfPositioning] = "Autopositionnement",
        }),
        CodeList.Of(new Dictionary<AccompanimentType, string>
        {
            [AccompanimentType.Proximity] = "Accompagnement de proximité", [AccompanimentType.Institutional] = "Accompagnement institutionnel",
            [AccompanimentType.Research] = "Accompagnement par la recherche",
            [AccompanimentType.HybridRemote] = "Accompagnement hybride ou à distance",
        }),
        CodeList.Of(new Dictionary<AccompanistRole, string>
        {
            [AccompanistRole.Peer] = "Pair", [AccompanistRole.Trainer] = "Formateur",
            [AccompanistRole.PedagogicalReferent] = "Référent pédagogique",
            [AccompanistRole.Cpc] = "Conseiller pédagogique de circonscription (CPC)", [AccompanistRole.Inspector] = "Inspecteur",
            [AccompanistRole.HeadOfSchool] = "Personnel de direction", [AccompanistRole.AcademieService] = "Service académique",
            [AccompanistRole.Researcher] = "Chercheur", [AccompanistRole.RemoteFacilitator] = "Animateur à distance",
        }),
        CodeList.Of(new Dictionary<PlanStatus, string>
        {
            [PlanStatus.Proposed] = "Proposé", [PlanStatus.Active] = "En cours", [PlanStatus.Declined] = "Décliné", [PlanStatus.Closed] = "Clos",
        }),
        CodeList.Of(new Dictionary<BankResourceKind, string>
        {
            [BankResourceKind.Audio] = "Audio", [BankResourceKind.Video] = "Vidéo", [BankResourceKind.Document] = "Document",
            [BankResourceKind.Schema] = "Schéma", [BankResourceKind.SiteWeb] = "Site web",
        }),
        CodeList.Of(new Dictionary<BankResourceFormat, string>
        {
            [BankResourceFormat.HybridTrainingModule] = "Module de formation hybride", [BankResourceFormat.Mooc] = "MOOC",
            [BankResourceFormat.Webinar] = "Webinaire", [BankResourceFormat.CommunityOfPractice] = "Communauté de pratique",
            [BankResourceFormat.PracticalSheet] = "Fiche pratique", [BankResourceFormat.Video] = "Vidéo", [BankResourceFormat.Tutorial] = "Tutoriel",
            [BankResourceFormat.PedagogicalScenario] = "Scénario pédagogique",
        }),
        CodeList.Of(new Dictionary<NoteAuthorRole, string> { [NoteAuthorRole.Carrier] = "Porteur", [NoteAuthorRole.Accompanist] = "Accompagnateur" }),
        CodeList.Of(new Dictionary<SessionModality, string>
        {
            [SessionModality.OnSite] = "En présence", [SessionModality.Remote] = "À distance", [SessionModality.Hybrid] = "Hybride",
        }),
        CodeList.Of(new Dictionary<SessionTool, string>
        {
            [SessionTool.ProjectCanvas] = "Canevas de projet", [SessionTool.Gantt] = "Diagramme de Gantt",
            [SessionTool.FollowUpSheet] = "Fiche de suivi",
            [SessionTool.Logbook] = "Journal de bord", [SessionTool.Rex] = "Entretien de retour d'expérience (REX)",
            [SessionTool.Photolangage] = "Photolangage", [SessionTool.ReflexiveNotebook] = "Carnet réflexif",
            [SessionTool.PracticeAnalysisCircle] = "Cercle d'analyse de pratiques",
        }),
        CodeList.Of(new Dictionary<PracticeAnalysisMethod, string>
        {
            [PracticeAnalysisMethod.Balint] = "Balint", [PracticeAnalysisMethod.Gease] = "GEASE", [PracticeAnalysisMethod.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<QueueStage, string>
        {
            [QueueStage.AwaitingDiagnosis] = "En attente de diagnostic", [QueueStage.AwaitingAccompaniment] = "En attente d'accompagnement",
            [QueueStage.AwaitingFollowUpSheet] = "En attente de fiche de suivi",
        }),
    ];
}
