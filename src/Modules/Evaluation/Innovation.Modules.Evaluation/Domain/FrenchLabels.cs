using Innovation.BuildingBlocks.Reference;
using Innovation.Modules.Evaluation.Features.Campaigns;
using Innovation.Modules.Evaluation.Features.Questionnaires;
using Innovation.Modules.Evaluation.Features.Reports;

namespace Innovation.Modules.Evaluation.Domain;

/// <summary>The module's code lists with their French labels, served at <c>GET /api/v1/reference</c>.</summary>
internal static class FrenchLabels
{
    public static readonly CodeList[] Lists =
    [
        CodeList.Of(new Dictionary<IndicatorUnit, string>
        {
            [IndicatorUnit.Percent] = "Pourcentage", [IndicatorUnit.Count] = "Nombre", [IndicatorUnit.Ratio] = "Ratio",
            [IndicatorUnit.Score] = "Score",
            [IndicatorUnit.Hours] = "Heures", [IndicatorUnit.Days] = "Jours", [IndicatorUnit.Euros] = "Euros",
        }),
        CodeList.Of(new Dictionary<IndicatorDirection, string>
        {
            [IndicatorDirection.HigherIsBetter] = "Plus élevé, meilleur", [IndicatorDirection.LowerIsBetter] = "Plus bas, meilleur",
        }),
        CodeList.Of(new Dictionary<IndicatorScope, string>
        {
            [IndicatorScope.Project] = "Projet", [IndicatorScope.Experimentation] = "Expérimentation", [IndicatorScope.Network] = "Réseau",
            [IndicatorScope.Academie] = "Académie",
        }),
        CodeList.Of(new Dictionary<MeasurementStatus, string>
        {
            [MeasurementStatus.Submitted] = "Soumise", [MeasurementStatus.Approved] = "Validée", [MeasurementStatus.Returned] = "Renvoyée",
        }),
        CodeList.Of(new Dictionary<ProgressStatus, string>
        {
            [ProgressStatus.NoData] = "Pas encore de mesure validée", [ProgressStatus.OnTrack] = "En bonne voie",
            [ProgressStatus.Late] = "En retard",
            [ProgressStatus.OffTrack] = "Hors trajectoire",
        }),
        CodeList.Of(new Dictionary<AccompanimentEvaluationLevel, string>
        {
            [AccompanimentEvaluationLevel.Effects] = "Effets", [AccompanimentEvaluationLevel.DeviceQuality] = "Qualité du dispositif",
            [AccompanimentEvaluationLevel.Processes] = "Processus", [AccompanimentEvaluationLevel.IndirectImpacts] = "Impacts indirects",
        }),
        CodeList.Of(new Dictionary<CampaignTargetType, string>
        {
            [CampaignTargetType.Project] = "Projet", [CampaignTargetType.Network] = "Réseau", [CampaignTargetType.Accompaniment] = "Accompagnement",
        }),
        CodeList.Of(new Dictionary<CampaignStatus, string>
        {
            [CampaignStatus.Draft] = "Brouillon", [CampaignStatus.Open] = "Ouverte", [CampaignStatus.Closed] = "Close",
        }),
        CodeList.Of(new Dictionary<QuestionnairePurpose, string>
        {
            [QuestionnairePurpose.Satisfaction] = "Satisfaction", [QuestionnairePurpose.PerceivedChange] = "Changement perçu",
            [QuestionnairePurpose.UncoveredNeeds] = "Besoins non couverts",
            [QuestionnairePurpose.EvaluationOfAccompaniment] = "Évaluation de l'accompagnement", [QuestionnairePurpose.Other] = "Autre",
        }),
        CodeList.Of(new Dictionary<QuestionType, string>
        {
            [QuestionType.Likert] = "Échelle de Likert (1 à 5)", [QuestionType.SingleChoice] = "Choix unique",
            [QuestionType.MultipleChoice] = "Choix multiples", [QuestionType.Number] = "Nombre", [QuestionType.FreeText] = "Texte libre",
        }),
        CodeList.Of(new Dictionary<ReportKind, string>
        {
            [ReportKind.PracticeNarrative] = "Récit de pratique", [ReportKind.Monograph] = "Monographie de projet",
        }),
        CodeList.Of(new Dictionary<ReportAttachmentType, string>
        {
            [ReportAttachmentType.Project] = "Projet", [ReportAttachmentType.Experimentation] = "Expérimentation",
            [ReportAttachmentType.Network] = "Réseau",
        }),
    ];
}
