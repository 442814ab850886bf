namespace Innovation.Modules.Experimentation.Domain;

/// <summary>The nine derogation fields of article L.314-2 (seed 004), with their French labels.</summary>
internal enum DerogationField
{
    PedagogicalOrganisation,
    LinksBetweenLevels,
    PartnerCooperation,
    ForeignOrRegionalLanguage,
    ForeignSchoolExchanges,
    DigitalTools,
    TeachingHoursDistribution,
    PupilOrientation,
    ParentParticipation,
}

internal enum PerimeterKind
{
    /// <summary>One or more classes of one school.</summary>
    Classes,

    /// <summary>A whole school.</summary>
    School,

    /// <summary>Several schools.</summary>
    Schools,
}

internal enum ClassLevel
{
    Ps,
    Ms,
    Gs,
    Cp,
    Ce1,
    Ce2,
    Cm1,
    Cm2,
    Sixieme,
    Cinquieme,
    Quatrieme,
    Troisieme,
    Seconde,
    Premiere,
    Terminale,
    Other,
}

internal enum ResponsibleTeamRole
{
    Coordinator,
    Teacher,
    HeadOfSchool,
    Inspector,
    Cpc,
    Researcher,
    Other,
}

internal enum ProtocolIndicatorUnit
{
    Percent,
    Count,
    Ratio,
    Score,
    Euros,
    Days,
    Hours,
    Other,
}

internal enum ProtocolIndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

internal enum DataCollectionMethod
{
    Questionnaires,
    IndividualInterviews,
    GroupInterviews,
    SchoolLifeData,
    NationalAssessments,
    ClassroomObservation,
    Other,
}

/// <summary>Who adopts an approved experimentation: a primary school's council or a secondary school's board.</summary>
internal enum AdoptingBody
{
    SchoolCouncil,
    BoardOfAdministration,
}

/// <summary>How the pupils' legal guardians were informed.</summary>
internal enum InformationMeans
{
    Letter,
    Meeting,
    DigitalWorkspaceMessage,
}

/// <summary>What the families were informed of: the objectives (before running) or the results (before closing).</summary>
internal enum FamiliesInformedOf
{
    Objectives,
    Results,
}

internal enum ReviewKind
{
    Intermediate,
    Final,
}

internal static class DerogationFields
{
    public static string Label(DerogationField field) => field switch
    {
        DerogationField.PedagogicalOrganisation => "Organisation pédagogique de la classe, de l'école ou de l'établissement",
        DerogationField.LinksBetweenLevels => "Liaison entre les différents niveaux d'enseignement",
        DerogationField.PartnerCooperation => "Coopération avec les partenaires du système éducatif",
        DerogationField.ForeignOrRegionalLanguage => "Enseignement dans une langue vivante étrangère ou régionale",
        DerogationField.ForeignSchoolExchanges => "Échanges avec des établissements étrangers d'enseignement scolaire",
        DerogationField.DigitalTools => "Utilisation des outils et ressources numériques",
        DerogationField.TeachingHoursDistribution => "Répartition des heures d'enseignement sur l'ensemble de l'année scolaire",
        DerogationField.PupilOrientation => "Procédures d'orientation des élèves",
        _ => "Participation des parents d'élèves à la vie de l'école ou de l'établissement",
    };
}

/// <summary>School years (September to August) and the département a UAI designates.</summary>
internal static class SchoolCalendar
{
    /// <summary>"2026-2027" for any day from 1 September 2026 to 31 August 2027.</summary>
    public static string SchoolYearOf(DateOnly day) => day.Month >= 9 ? $"{day.Year}-{day.Year + 1}" : $"{day.Year - 1}-{day.Year}";

    /// <summary>The département a UAI's prefix designates (as the directory writes it: 095, 02A, 971), or null.</summary>
    public static string? DepartementOf(string uai) => uai.Length < 3 ? null : uai[..3] switch
    {
        "620" => "02A",
        "720" => "02B",
        var prefix when prefix[0] == '0' || prefix[..2] == "97" => prefix,
        _ => null,
    };
}

/// <summary>The day a rule is judged on (a review overdue): the injected clock's UTC day, so tests fix it.</summary>
internal static class Today
{
    public static DateOnly Of(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
