using Innovation.Modules.Evaluation.Features.Questionnaires;
using Microsoft.Extensions.Configuration;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>How many responses gave one value.</summary>
/// <param name="Value" example="4">The value.</param>
/// <param name="Count" example="3">How many responses gave it.</param>
internal sealed record ValueCount(decimal Value, int Count);

/// <summary>How many responses chose one choice.</summary>
/// <param name="Choice" example="Oui">The choice.</param>
/// <param name="Count" example="3">How many responses chose it.</param>
internal sealed record ChoiceCount(string Choice, int Count);

/// <summary>The results of one question.</summary>
/// <param name="Code" example="clarity">The question's code.</param>
/// <param name="Text">The question.</param>
/// <param name="Type">likert, singleChoice, multipleChoice, number or freeText.</param>
/// <param name="Section">Its section, if any.</param>
/// <param name="Answered" example="7">How many responses answered it.</param>
/// <param name="Distribution">likert and number: how many gave each value (likert: every value 1–5, zeros included), by value.</param>
/// <param name="Mean" example="3.86">likert and number: the mean, to two decimals (absent without answers).</param>
/// <param name="Median" example="4">likert and number: the median (absent without answers).</param>
/// <param name="Counts">singleChoice and multipleChoice: how many chose each choice, in the questionnaire's order.</param>
/// <param name="Texts">freeText: the texts, in no particular order.</param>
internal sealed record QuestionResult(
    string Code, string Text, QuestionType Type, string? Section, int Answered, IReadOnlyList<ValueCount>? Distribution, decimal? Mean,
    decimal? Median, IReadOnlyList<ChoiceCount>? Counts, IReadOnlyList<string>? Texts);

/// <summary>The aggregated results of a campaign.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Anonymous">Whether the campaign is anonymous.</param>
/// <param name="Responses" example="7">How many responses it has.</param>
/// <param name="Threshold" example="5">The responses an anonymous campaign needs before its results show (setting
/// <c>Evaluation:AnonymityThreshold</c>).</param>
/// <param name="Suppressed">True when an anonymous campaign has fewer responses than the threshold: no value is shown, so that nobody
/// can be recognised.</param>
/// <param name="Missing" example="0">How many more responses the results need to show (0 once shown).</param>
/// <param name="Questions">Per question, in the questionnaire's order; empty when suppressed.</param>
internal sealed record CampaignResultsView(
    Guid CampaignId, bool Anonymous, int Responses, int Threshold, bool Suppressed, int Missing, IReadOnlyList<QuestionResult> Questions);

/// <summary>The aggregation of answers: distributions, means, medians, counts and texts; and the anonymity threshold.</summary>
internal static class CampaignResults
{
    /// <summary>Setting of the least number of responses an anonymous result needs.</summary>
    public const string ThresholdSetting = "Evaluation:AnonymityThreshold";

    public const int DefaultThreshold = 5;

    public static int Threshold(IConfiguration configuration) => Math.Max(1, configuration.GetValue(ThresholdSetting, DefaultThreshold));

    /// <summary>Per question, the aggregate of <paramref name="responses"/>.</summary>
    public static IReadOnlyList<QuestionResult> Of(IReadOnlyList<Question> questions, IReadOnlyList<IReadOnlyList<Answer>> responses)
    {
        var byQuestion = responses.SelectMany(r => r).Where(a => a.Question is not null).ToLookup(a => a.Question!, StringComparer.Ordinal);
        return [.. questions.Select(q => Of(q, [.. byQuestion[q.Code]]))];
    }

    private static QuestionResult Of(Question question, IReadOnlyList<Answer> answers)
    {
        switch (question.Type)
        {
            case QuestionType.Likert or QuestionType.Number:
                var values = answers.Where(a => a.Value is not null).Select(a => a.Value!.Value).Order().ToList();
                var counts = values.CountBy(v => v).ToDictionary(x => x.Key, x => x.Value);
                var keys = question.Type == QuestionType.Likert ? [1m, 2m, 3m, 4m, 5m] : counts.Keys.Order().ToList();
                return new QuestionResult(question.Code, question.Text, question.Type, question.Section, values.Count,
                    [.. keys.Select(k => new ValueCount(k, counts.GetValueOrDefault(k)))], Mean(values), Median(values), null, null);
            case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                var chosen = answers.SelectMany(a => a.Choice is { } c ? [c] : a.Choices ?? []).CountBy(c => c)
                    .ToDictionary(x => x.Key, x => x.Value);
                return new QuestionResult(question.Code, question.Text, question.Type, question.Section, answers.Count, null, null, null,
                    [.. question.Choices.Select(c => new ChoiceCount(c, chosen.GetValueOrDefault(c)))], null);
            default:
                var texts = answers.Where(a => a.Text is not null).Select(a => a.Text!).Order(StringComparer.Ordinal).ToList();
                return new QuestionResult(question.Code, question.Text, question.Type, question.Section, texts.Count, null, null, null, null, texts);
        }
    }

    /// <summary>The mean to two decimals, or null without values.</summary>
    public static decimal? Mean(IReadOnlyCollection<decimal> values) =>
        values.Count == 0 ? null : Math.Round(values.Sum() / values.Count, 2, MidpointRounding.AwayFromZero);

    /// <summary>The median of sorted <paramref name="sorted"/>, or null without values.</summary>
    public static decimal? Median(IReadOnlyList<decimal> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
