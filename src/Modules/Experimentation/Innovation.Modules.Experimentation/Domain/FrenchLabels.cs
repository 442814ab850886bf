using Innovation.BuildingBlocks.Reference;

namespace Innovation.Modules.Experimentation.Domain;

/// <summary>The module's code lists with their French labels, served at <c>GET /api/v1/reference</c>.</summary>
internal static class FrenchLabels
{
    public static readonly CodeList[] Lists =
    [
        CodeList.Of(new Dictionary<ExperimentationStatus, string>
        {
            [ExperimentationStatus.Draft] = "Brouillon", [ExperimentationStatus.Submitted] = "Déposée",
            [ExperimentationStatus.Approved] = "Approuvée par le DASEN", [ExperimentationStatus.Rejected] = "Refusée",
            [ExperimentationStatus.ReturnedForChanges] = "Renvoyée pour modifications",
            [ExperimentationStatus.Adopted] = "Adoptée par le conseil d'école ou le conseil d'administration",
            [ExperimentationStatus.EnteredInSchoolProject] = "Inscrite au projet d'école ou d'établissement",
            [ExperimentationStatus.Running] = "En cours", [ExperimentationStatus.Closed] = "Close",
        }),
        CodeList.Of(Enum.GetValues<DerogationField>().ToDictionary(f => f, DerogationFields.Label)),
        CodeList.Of(new Dictionary<PerimeterKind, string>
        {
            [PerimeterKind.Classes] = "Une ou plusieurs classes", [PerimeterKind.School] = "Toute l'école ou tout l'établissement",
            [PerimeterKind.Schools] = "Plusieurs écoles ou établissements",
        }),
        CodeList.Of(new Dictionary<ClassLevel, string>
        {
            [ClassLevel.Ps] = "Petite section", [ClassLevel.Ms] = "Moyenne section", [ClassLevel.Gs] = "Grande section", [ClassLevel.Cp] = "CP",
            [ClassLevel.Ce1] = "CE1", [ClassLevel.Ce2] = "CE2", [ClassLevel.Cm1] = "CM1", [ClassLevel.Cm2] = "CM2", [ClassLevel.Sixieme] = "Sixième",
            [ClassLevel.Cinquieme] = "Cinquième", [ClassLevel.Quatrieme] = "Quatrième", [ClassLevel.Troisieme] = "Troisième",
            [ClassLevel.Seconde] = "Seconde", [ClassLevel.Premiere] = "Première", [ClassLevel.Terminale] = "Terminale", [ClassLevel.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<ResponsibleTeamRole, string>
        {
            [ResponsibleTeamRole.Coordinator] = "Coordonnateur", [ResponsibleTeamRole.Teacher] = "Enseignant",
            [ResponsibleTeamRole.HeadOfSchool] = "Directeur d'école ou chef d'établissement", [ResponsibleTeamRole.Inspector] = "Inspecteur",
            [ResponsibleTeamRole.Cpc] = "Conseiller pédagogique de circonscription (CPC)", [ResponsibleTeamRole.Researcher] = "Chercheur",
            [ResponsibleTeamRole.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<ProtocolIndicatorUnit, string>
        {
            [ProtocolIndicatorUnit.Percent] = "Pourcentage", [ProtocolIndicatorUnit.Count] = "Nombre", [ProtocolIndicatorUnit.Ratio] = "Ratio",
            [ProtocolIndicatorUnit.Score] = "Score", [ProtocolIndicatorUnit.Euros] = "Euros", [ProtocolIndicatorUnit.Days] = "Jours",
            [ProtocolIndicatorUnit.Hours] = "Heures", [ProtocolIndicatorUnit.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<ProtocolIndicatorDirection, string>
        {
            [ProtocolIndicatorDirection.HigherIsBetter] = "Plus élevé, meilleur", [ProtocolIndicatorDirection.LowerIsBetter] = "Plus bas, meilleur",
        }),
        CodeList.Of(new Dictionary<DataCollectionMethod, string>
        {
            [DataCollectionMethod.Questionnaires] = "Questionnaires", [DataCollectionMethod.IndividualInterviews] = "Entretiens individuels",
            [DataCollectionMethod.GroupInterviews] = "Entretiens collectifs", [DataCollectionMethod.SchoolLifeData] = "Données de vie scolaire",
            [DataCollectionMethod.NationalAssessments] = "Évaluations nationales",
            [DataCollectionMethod.ClassroomObservation] = "Observation de classe",
            [DataCollectionMethod.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<AdoptingBody, string>
        {
            [AdoptingBody.SchoolCouncil] = "Conseil d'école", [AdoptingBody.BoardOfAdministration] = "Conseil d'administration",
        }),
        CodeList.Of(new Dictionary<InformationMeans, string>
        {
            [InformationMeans.Letter] = "Courrier", [InformationMeans.Meeting] = "Réunion",
            [InformationMeans.DigitalWorkspaceMessage] = "Message sur l'espace numérique de travail (ENT)",
        }),
        CodeList.Of(new Dictionary<FamiliesInformedOf, string>
        {
            [FamiliesInformedOf.Objectives] = "Objectifs de l'expérimentation", [FamiliesInformedOf.Results] = "Résultats de l'expérimentation",
        }),
        CodeList.Of(new Dictionary<ReviewKind, string> { [ReviewKind.Intermediate] = "Bilan intermédiaire", [ReviewKind.Final] = "Rapport final" }),
    ];
}
