namespace Innovation.BuildingBlocks.Imports;

/// <summary>
/// One field an import understands: its API name and the other column names accepted for it (a
/// national dataset's, say), in order of preference. Column names match case-insensitively.
/// </summary>
public sealed class ImportField
{
    public ImportField(string name, bool required = false, params string[] aliases)
    {
        Name = name;
        Required = required;
        Names = [name, .. aliases];
    }

    /// <summary>The API's name for the field (the JSON name), used in errors when the file has no such column.</summary>
    public string Name { get; }

    /// <summary>A file without any of <see cref="Names"/> is refused as a whole (CSV: checked on the header).</summary>
    public bool Required { get; }

    /// <summary><see cref="Name"/> then the aliases: the first one present in a file is the one read.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// For a list field, what one of its items is called in the errors the validator finds on an item
    /// ("Team member 2: …"); null: such errors are not numbered.
    /// </summary>
    public string? ItemName { get; init; }

    /// <summary>
    /// What the endpoint's description says of the field in brackets instead of its aliases (<see cref="ImportDescription.Columns"/>),
    /// when it says more than them.
    /// </summary>
    public string? Note { get; init; }

    public override string ToString() => Name;
}
