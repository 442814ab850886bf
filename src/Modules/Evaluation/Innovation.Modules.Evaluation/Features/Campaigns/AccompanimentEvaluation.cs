using Innovation.Modules.Evaluation.Features.Questionnaires;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>The four levels on which the guide evaluates an accompaniment (seed 000 § II.4.2).</summary>
internal enum AccompanimentEvaluationLevel
{
    /// <summary>Effects: professional development, practices, engagement, environment.</summary>
    Effects,

    /// <summary>Quality of the device: relevance of tools, clarity of the frame, interactions, regularity, fit to context.</summary>
    DeviceQuality,

    /// <summary>Processes: collaboration, reflexivity, timing, link with steering.</summary>
    Processes,

    /// <summary>Indirect impacts: mobilisation of the community, pupils' learning, ripple effects.</summary>
    IndirectImpacts,
}

/// <summary>
/// The built-in questionnaire of the evaluation of accompaniment: a Likert item per aspect of each of the four levels (the level is
/// the question's section), who answers (a carrier or an accompanist) and a free comment. One per académie, created with the
/// académie's first evaluation, never changed.
/// </summary>
internal static class AccompanimentEvaluation
{
    /// <summary>Setting of how many days the evaluation of a closed accompaniment stays open.</summary>
    public const string DaysSetting = "Evaluation:AccompanimentEvaluationDays";

    public const int DefaultDays = 30;

    internal static readonly (AccompanimentEvaluationLevel Level, string Code, string Text)[] Items =
    [
        (AccompanimentEvaluationLevel.Effects, "professionalDevelopment", "L'accompagnement a nourri le développement professionnel des porteurs."),
        (AccompanimentEvaluationLevel.Effects, "practices", "L'accompagnement a fait évoluer les pratiques."),
        (AccompanimentEvaluationLevel.Effects, "engagement", "L'accompagnement a renforcé l'engagement dans le projet."),
        (AccompanimentEvaluationLevel.Effects, "environment", "L'accompagnement a transformé l'environnement pédagogique."),
        (AccompanimentEvaluationLevel.DeviceQuality, "toolRelevance", "Les outils proposés étaient pertinents."),
        (AccompanimentEvaluationLevel.DeviceQuality, "frameClarity", "Le cadre de l'accompagnement était lisible."),
        (AccompanimentEvaluationLevel.DeviceQuality, "interactions", "Les interactions entre accompagnateurs et accompagnés étaient de qualité."),
        (AccompanimentEvaluationLevel.DeviceQuality, "regularity", "Le suivi était régulier."),
        (AccompanimentEvaluationLevel.DeviceQuality, "contextFit", "L'accompagnement était adapté au contexte."),
        (AccompanimentEvaluationLevel.Processes, "collaboration", "La dynamique de collaboration a été soutenue."),
        (AccompanimentEvaluationLevel.Processes, "reflexivity", "La réflexivité a trouvé sa place dans l'accompagnement."),
        (AccompanimentEvaluationLevel.Processes, "timing", "La temporalité de l'accompagnement était adaptée au projet."),
        (AccompanimentEvaluationLevel.Processes, "steeringLink", "L'accompagnement était bien articulé avec le pilotage."),
        (AccompanimentEvaluationLevel.IndirectImpacts, "communityMobilisation", "La communauté éducative s'est mobilisée autour du projet."),
        (AccompanimentEvaluationLevel.IndirectImpacts, "pupilsLearning", "Les apprentissages des élèves en ont bénéficié."),
        (AccompanimentEvaluationLevel.IndirectImpacts, "rippleEffects", "Le projet a entraîné d'autres acteurs ou structures."),
    ];

    /// <summary>The choices of the question saying who answers.</summary>
    internal static readonly string[] Roles = ["carrier", "accompanist"];

    /// <summary>The template as a questionnaire body.</summary>
    public static QuestionnaireDraft Draft(string academie) => new(
        "Évaluation de l'accompagnement (quatre niveaux)", QuestionnairePurpose.EvaluationOfAccompaniment,
        "Effets, qualité du dispositif, processus et impacts indirects de l'accompagnement (guide § II.4.2). Une évaluation pour "
        + "améliorer et reconnaître, pas pour juger.",
        [
            new QuestionDraft("role", "Vous répondez en tant que…", QuestionType.SingleChoice, Roles, true, null, null, null),
            .. Items.Select(i => new QuestionDraft(i.Code, i.Text, QuestionType.Likert, null, true, StableCode.Of(i.Level), null, null)),
            new QuestionDraft("comments", "Un commentaire, sans nommer personne ?", QuestionType.FreeText, null, false, null, null, null),
        ],
        academie);
}
