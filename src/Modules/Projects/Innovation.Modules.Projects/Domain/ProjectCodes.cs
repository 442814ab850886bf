namespace Innovation.Modules.Projects.Domain;

/// <summary>Where a project is in its lifecycle.</summary>
internal enum ProjectStatus
{
    Draft,
    Submitted,
    Validated,
    Rejected,
    ReturnedForChanges,
    InProgress,
    Completed,
    Archived,
}

/// <summary>The six national priority themes of the Campus de l'innovation.</summary>
internal enum ProjectTheme
{
    /// <summary>Digital practices, including AI.</summary>
    DigitalAndAi,

    /// <summary>Orientation and the pupil's pathway.</summary>
    Orientation,

    /// <summary>Scientific culture and gender mix.</summary>
    ScienceAndGenderMix,

    /// <summary>Inclusive school.</summary>
    InclusiveSchool,

    /// <summary>Well-being and psycho-social skills.</summary>
    WellBeing,

    /// <summary>The school form (<i>forme scolaire</i>).</summary>
    SchoolForm,
}

/// <summary>Education levels: the cycles of the 1st degree and collège, then the lycées.</summary>
internal enum EducationLevel
{
    Cycle1,
    Cycle2,
    Cycle3,
    Cycle4,
    GeneralHighSchool,
    VocationalHighSchool,
    PostBaccalaureate,
}

/// <summary>A team member's role on a project.</summary>
internal enum TeamRole
{
    /// <summary>Carrier (<i>porteur</i>): may edit and submit the project.</summary>
    Carrier,

    /// <summary>Co-carrier: same rights as the carrier.</summary>
    CoCarrier,

    Contributor,

    /// <summary>The head of school sponsoring the project.</summary>
    HeadOfSchoolSponsor,
}

/// <summary>Funding schemes.</summary>
internal enum FundingScheme
{
    /// <summary>Fonds d'innovation pédagogique / NEFE "Notre école, faisons-la ensemble".</summary>
    Nefe,

    /// <summary>AMI "Innovation dans la forme scolaire" (France 2030).</summary>
    France2030,

    /// <summary>The académie's own budget.</summary>
    AcademieBudget,

    /// <summary>A partner's money.</summary>
    Partner,
}
