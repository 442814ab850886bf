using Innovation.BuildingBlocks.Reference;

namespace Innovation.Modules.Networks.Domain;

/// <summary>The module's code lists with their French labels, served at <c>GET /api/v1/reference</c>.</summary>
internal static class FrenchLabels
{
    public static readonly CodeList[] Lists =
    [
        CodeList.Of(new Dictionary<SchoolType, string>
        {
            [SchoolType.Ecole] = "École", [SchoolType.College] = "Collège", [SchoolType.Lycee] = "Lycée",
            [SchoolType.Erea] = "EREA (établissement régional d'enseignement adapté)", [SchoolType.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<SchoolSector, string> { [SchoolSector.Public] = "Public", [SchoolSector.Private] = "Privé" }),
        CodeList.Of(new Dictionary<PriorityEducation, string>
        {
            [PriorityEducation.None] = "Hors éducation prioritaire", [PriorityEducation.Rep] = "REP", [PriorityEducation.RepPlus] = "REP+",
        }),
        CodeList.Of(new Dictionary<SchoolStatus, string> { [SchoolStatus.Open] = "Ouvert", [SchoolStatus.Closed] = "Fermé" }),
        CodeList.Of(new Dictionary<PersonFunction, string>
        {
            [PersonFunction.Teacher] = "Enseignant", [PersonFunction.HeadOfSchool] = "Personnel de direction",
            [PersonFunction.Cpc] = "Conseiller pédagogique de circonscription (CPC)",
            [PersonFunction.Ien] = "Inspecteur de l'éducation nationale (IEN)",
            [PersonFunction.IaIpr] = "Inspecteur d'académie – inspecteur pédagogique régional (IA-IPR)", [PersonFunction.Trainer] = "Formateur",
            [PersonFunction.Researcher] = "Chercheur", [PersonFunction.Aesh] = "Accompagnant d'élèves en situation de handicap (AESH)",
            [PersonFunction.Administrative] = "Personnel administratif", [PersonFunction.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<NetworkKind, string>
        {
            [NetworkKind.EducationNetwork] = "Réseau d'éducation", [NetworkKind.Bassin] = "Bassin",
            [NetworkKind.Circonscription] = "Circonscription", [NetworkKind.ProfessionalCollective] = "Collectif professionnel",
            [NetworkKind.CommunityOfPractice] = "Communauté de pratique", [NetworkKind.MutualisationGroup] = "Groupe de mutualisation",
        }),
        CodeList.Of(new Dictionary<MemberRole, string>
        {
            [MemberRole.Coordinator] = "Coordonnateur", [MemberRole.Facilitator] = "Animateur", [MemberRole.Referent] = "Référent",
            [MemberRole.Member] = "Membre", [MemberRole.Relay] = "Relais",
        }),
        CodeList.Of(new Dictionary<ObjectiveStatus, string>
        {
            [ObjectiveStatus.Planned] = "Prévu", [ObjectiveStatus.InProgress] = "En cours", [ObjectiveStatus.Achieved] = "Atteint",
            [ObjectiveStatus.PartiallyAchieved] = "Partiellement atteint", [ObjectiveStatus.Abandoned] = "Abandonné",
        }),
        CodeList.Of(new Dictionary<TrainingAudience, string>
        {
            [TrainingAudience.Teachers] = "Enseignants", [TrainingAudience.HeadsOfSchool] = "Personnels de direction",
            [TrainingAudience.SupportStaff] = "Personnels d'accompagnement", [TrainingAudience.WholeTeam] = "Toute l'équipe",
            [TrainingAudience.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<NeedPriority, string>
        {
            [NeedPriority.Low] = "Basse", [NeedPriority.Medium] = "Moyenne", [NeedPriority.High] = "Haute",
        }),
        CodeList.Of(new Dictionary<NetworkEventKind, string>
        {
            [NetworkEventKind.Meeting] = "Réunion", [NetworkEventKind.InnovationSharingDay] = "Journée de partage de l'innovation",
            [NetworkEventKind.CrossedObservation] = "Observation croisée", [NetworkEventKind.FeteDeLApprendre] = "Fête de l'apprendre",
        }),
        CodeList.Of(new Dictionary<AttendanceStatus, string>
        {
            [AttendanceStatus.Present] = "Présent", [AttendanceStatus.Absent] = "Absent", [AttendanceStatus.Excused] = "Excusé",
        }),
        CodeList.Of(new Dictionary<ConventionPartnerKind, string>
        {
            [ConventionPartnerKind.Inspe] = "INSPÉ", [ConventionPartnerKind.ResearchLaboratory] = "Laboratoire de recherche",
            [ConventionPartnerKind.LocalAuthority] = "Collectivité territoriale", [ConventionPartnerKind.Association] = "Association",
            [ConventionPartnerKind.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<RelayDecision, string>
        {
            [RelayDecision.Start] = "Entrée dans le parcours", [RelayDecision.Promote] = "Passage à l'année suivante",
            [RelayDecision.Hold] = "Maintien",
            [RelayDecision.Stop] = "Arrêt",
        }),
        CodeList.Of(new Dictionary<RelayStatus, string> { [RelayStatus.Active] = "Actif", [RelayStatus.Stopped] = "Arrêté" }),
    ];
}
