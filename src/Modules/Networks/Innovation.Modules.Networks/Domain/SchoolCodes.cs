namespace Innovation.Modules.Networks.Domain;

/// <summary>Kind of school.</summary>
internal enum SchoolType
{
    Ecole,
    College,
    Lycee,
    Erea,
    Other,
}

/// <summary>Public, or private under contract.</summary>
internal enum SchoolSector
{
    Public,
    Private,
}

/// <summary>Priority-education network membership.</summary>
internal enum PriorityEducation
{
    None,
    Rep,
    RepPlus,
}

/// <summary>Whether the school is open.</summary>
internal enum SchoolStatus
{
    Open,
    Closed,
}
