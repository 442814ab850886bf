namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>A training need declared by a member school.</summary>
/// <param name="Id" example="01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e90">The need's id.</param>
/// <param name="Uai" example="0271234V">The declaring school.</param>
/// <param name="Theme" example="Évaluation par compétences">What the staff want to be trained in.</param>
/// <param name="Audience">Who the need concerns.</param>
/// <param name="Priority">How urgent it is for the school.</param>
/// <param name="StaffConcerned" example="6">Number of staff concerned in the school.</param>
internal sealed record TrainingNeed(Guid Id, string Uai, string Theme, TrainingAudience Audience, NeedPriority Priority, int StaffConcerned);

/// <summary>The <c>networks.training_need</c> table: training needs declared per member school.</summary>
internal static class TrainingNeeds
{
    internal const string ListSql = """
        SELECT id AS Id, uai AS Uai, theme AS Theme, theme_key AS ThemeKey, audience AS Audience, priority AS Priority, staff_concerned AS
        StaffConcerned
        FROM networks.training_need WHERE network_id = @NetworkId ORDER BY id
        """;

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public string Uai { get; set; } = "";
        public string Theme { get; set; } = "";
        public string ThemeKey { get; set; } = "";
        public string Audience { get; set; } = "";
        public string Priority { get; set; } = "";
        public int StaffConcerned { get; set; }

        public TrainingNeed ToNeed() =>
            new(Id, Uai, Theme, StableCode.Parse<TrainingAudience>(Audience), StableCode.Parse<NeedPriority>(Priority), StaffConcerned);
    }

    /// <summary>The grouping key of a theme: case, accents, punctuation and extra spaces ignored.</summary>
    internal static string ThemeKey(string theme) =>
        string.Join(' ', new string(TextKey.Of(theme).Select(ch => char.IsLetterOrDigit(ch) ? ch : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
