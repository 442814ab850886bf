using Innovation.BuildingBlocks.Reference;
using Innovation.Modules.Projects.Features.Logbook;
using Innovation.Modules.Projects.Features.Partners;
using Innovation.Modules.Projects.Features.Plan;
using Innovation.Modules.Projects.Features.Resources;
using Innovation.Modules.Projects.Features.Valorisation;

namespace Innovation.Modules.Projects.Domain;

/// <summary>The module's code lists with their French labels, served at <c>GET /api/v1/reference</c>.</summary>
internal static class FrenchLabels
{
    public static readonly CodeList[] Lists =
    [
        CodeList.Of(new Dictionary<ProjectStatus, string>
        {
            [ProjectStatus.Draft] = "Brouillon", [ProjectStatus.Submitted] = "Déposé", [ProjectStatus.Validated] = "Validé",
            [ProjectStatus.Rejected] = "Refusé", [ProjectStatus.ReturnedForChanges] = "Renvoyé pour modifications",
            [ProjectStatus.InProgress] = "En cours", [ProjectStatus.Completed] = "Terminé", [ProjectStatus.Archived] = "Archivé",
        }),
        CodeList.Of(new Dictionary<ProjectTheme, string>
        {
            [ProjectTheme.DigitalAndAi] = "Numérique et intelligence artificielle",
            [ProjectTheme.Orientation] = "Orientation et parcours de l'élève",
            [ProjectTheme.ScienceAndGenderMix] = "Culture scientifique et mixité", [ProjectTheme.InclusiveSchool] = "École inclusive",
            [ProjectTheme.WellBeing] = "Bien-être et compétences psychosociales", [ProjectTheme.SchoolForm] = "Forme scolaire",
        }),
        CodeList.Of(new Dictionary<EducationLevel, string>
        {
            [EducationLevel.Cycle1] = "Cycle 1 (maternelle)", [EducationLevel.Cycle2] = "Cycle 2 (CP, CE1, CE2)",
            [EducationLevel.Cycle3] = "Cycle 3 (CM1, CM2, 6e)", [EducationLevel.Cycle4] = "Cycle 4 (5e, 4e, 3e)",
            [EducationLevel.GeneralHighSchool] = "Lycée général et technologique", [EducationLevel.VocationalHighSchool] = "Lycée professionnel",
            [EducationLevel.PostBaccalaureate] = "Post-baccalauréat",
        }),
        CodeList.Of(new Dictionary<TeamRole, string>
        {
            [TeamRole.Carrier] = "Porteur", [TeamRole.CoCarrier] = "Co-porteur", [TeamRole.Contributor] = "Contributeur",
            [TeamRole.HeadOfSchoolSponsor] = "Chef d'établissement ou directeur d'école qui soutient le projet",
        }),
        CodeList.Of(new Dictionary<FundingScheme, string>
        {
            [FundingScheme.Nefe] = "Fonds d'innovation pédagogique – Notre école, faisons-la ensemble (NEFE)",
            [FundingScheme.France2030] = "AMI « Innovation dans la forme scolaire » (France 2030)",
            [FundingScheme.AcademieBudget] = "Budget de l'académie", [FundingScheme.Partner] = "Financement d'un partenaire",
        }),
        CodeList.Of(new Dictionary<LogbookEntryType, string>
        {
            [LogbookEntryType.StepReached] = "Étape franchie", [LogbookEntryType.Decision] = "Décision", [LogbookEntryType.Success] = "Réussite",
            [LogbookEntryType.Error] = "Erreur", [LogbookEntryType.OpenQuestion] = "Question ouverte",
        }),
        CodeList.Of(new Dictionary<PartnerKind, string>
        {
            [PartnerKind.Association] = "Association", [PartnerKind.Company] = "Entreprise",
            [PartnerKind.LocalAuthority] = "Collectivité territoriale",
            [PartnerKind.Foundation] = "Fondation", [PartnerKind.ResearchLab] = "Laboratoire de recherche",
            [PartnerKind.OtherSchool] = "Autre établissement",
            [PartnerKind.CulturalInstitution] = "Institution culturelle", [PartnerKind.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<ContributionKind, string>
        {
            [ContributionKind.Money] = "Financement", [ContributionKind.People] = "Personnes", [ContributionKind.Equipment] = "Matériel",
            [ContributionKind.Expertise] = "Expertise",
        }),
        CodeList.Of(new Dictionary<PlanItemState, string>
        {
            [PlanItemState.Planned] = "Prévue", [PlanItemState.InProgress] = "En cours", [PlanItemState.Done] = "Réalisée",
            [PlanItemState.Late] = "En retard",
        }),
        CodeList.Of(new Dictionary<ResourceKind, string>
        {
            [ResourceKind.Audio] = "Audio", [ResourceKind.Video] = "Vidéo", [ResourceKind.Document] = "Document", [ResourceKind.Schema] = "Schéma",
            [ResourceKind.Siteweb] = "Site web",
        }),
        CodeList.Of(new Dictionary<PrizeStanding, string> { [PrizeStanding.Candidate] = "Candidat", [PrizeStanding.Laureate] = "Lauréat" }),
    ];
}
