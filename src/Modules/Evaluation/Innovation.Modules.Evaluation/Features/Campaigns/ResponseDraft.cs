using Innovation.Modules.Evaluation.Features.Questionnaires;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>The answer to one question: the member its type takes, and only that one.</summary>
/// <param name="Question" example="clarity">The question's code.</param>
/// <param name="Value" example="4">A likert question's 1–5, or a number question's number.</param>
/// <param name="Choice">A singleChoice question's choice, as the questionnaire spells it.</param>
/// <param name="Choices">A multipleChoice question's choices (at least one, distinct).</param>
/// <param name="Text">A freeText question's text (at most 4,000 characters).</param>
internal sealed record Answer(string? Question, decimal? Value, string? Choice, IReadOnlyList<string>? Choices, string? Text);

/// <summary>Who answers a named campaign.</summary>
/// <param name="Name" example="Camille Martin">The respondent's name (at most 200 characters).</param>
/// <param name="PersonId">The respondent's id in the académie's people directory, if they are in it (erasure finds them by it).</param>
internal sealed record Respondent(string? Name, Guid? PersonId);

/// <summary>A response to a campaign.</summary>
/// <param name="Answers">One answer per question answered; every required question must be.</param>
/// <param name="Respondent">Who answers: required by a named campaign, refused by an anonymous one (which stores nobody).</param>
internal sealed record ResponseDraft(IReadOnlyList<Answer>? Answers, Respondent? Respondent)
{
    /// <summary>Every error of the answers against <paramref name="questions"/> and of the respondent against the campaign, by field.</summary>
    public Dictionary<string, string[]> Errors(IReadOnlyList<Question> questions, bool anonymous)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var byCode = questions.ToDictionary(q => q.Code, StringComparer.Ordinal);
        var answers = Answers ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var field = $"answers[{i}]";
            if (answers[i] is not { } answer || answer.Question is null || !byCode.TryGetValue(answer.Question, out var question))
            {
                Add($"{field}.question", "Not a question of the campaign's questionnaire.");
                continue;
            }

            if (!seen.Add(question.Code))
            {
                Add($"{field}.question", $"Question '{question.Code}' is answered once.");
            }

            if (Mismatch(question, answer) is { } problem)
            {
                Add(field, problem);
            }
        }

        foreach (var missing in questions.Where(q => q.Required && !seen.Contains(q.Code)))
        {
            Add("answers", $"Question '{missing.Code}' is required.");
        }

        if (anonymous && Respondent is not null)
        {
            Add("respondent", "An anonymous campaign stores no respondent identity: leave respondent out.");
        }
        else if (!anonymous && string.IsNullOrWhiteSpace(Respondent?.Name))
        {
            Add("respondent.name", "A named campaign records who answers: give the respondent's name.");
        }
        else if (Respondent?.Name is { Length: > 200 })
        {
            Add("respondent.name", "At most 200 characters.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    /// <summary>The answers as stored: trimmed, in the questionnaire's order.</summary>
    public IReadOnlyList<Answer> Normalised(IReadOnlyList<Question> questions)
    {
        var given = (Answers ?? []).ToDictionary(a => a.Question!, StringComparer.Ordinal);
        return [.. questions.Where(q => given.ContainsKey(q.Code)).Select(q => given[q.Code]).Select(a => new Answer(
            a.Question, a.Value, a.Choice?.Trim(), a.Choices?.Select(c => c.Trim()).ToList(), a.Text?.Trim()))];
    }

    private static string? Mismatch(Question question, Answer answer)
    {
        var members = new object?[] { answer.Value, answer.Choice, answer.Choices, answer.Text }.Count(m => m is not null);
        return question.Type switch
        {
            _ when members != 1 => $"Answer '{question.Code}' with exactly one of value, choice, choices or text ({Expected(question.Type)}).",
            QuestionType.Likert when answer.Value is not { } v || v != decimal.Truncate(v) || v < 1 || v > 5 =>
                $"A likert answer is a whole value from 1 to 5 (question '{question.Code}').",
            QuestionType.Number when answer.Value is not { } v => $"A number question takes value (question '{question.Code}').",
            QuestionType.Number when answer.Value < question.Min || answer.Value > question.Max =>
                $"The value of '{question.Code}' must lie within {question.Min?.ToString() ?? "−∞"} and {question.Max?.ToString() ?? "+∞"}.",
            QuestionType.SingleChoice when answer.Choice is not { } c || !question.Choices.Contains(c.Trim(), StringComparer.Ordinal) =>
                $"Choose one of the choices of '{question.Code}': {string.Join(", ", question.Choices)}.",
            QuestionType.MultipleChoice when answer.Choices is not { Count: > 0 } cs
                || cs.Any(c => c is null || !question.Choices.Contains(c.Trim(), StringComparer.Ordinal))
                || cs.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).Count() != cs.Count =>
                $"Choose one or more distinct choices of '{question.Code}': {string.Join(", ", question.Choices)}.",
            QuestionType.FreeText when string.IsNullOrWhiteSpace(answer.Text) || answer.Text.Length > 4000 =>
                $"A free text of 1 to 4,000 characters (question '{question.Code}').",
            _ => null,
        };
    }

    private static string Expected(QuestionType type) => type switch
    {
        QuestionType.Likert or QuestionType.Number => "value",
        QuestionType.SingleChoice => "choice",
        QuestionType.MultipleChoice => "choices",
        _ => "text",
    };
}

internal sealed class ResponseDraftValidator : AbstractValidator<ResponseDraft>
{
    public ResponseDraftValidator() =>
        RuleFor(r => r.Answers).NotNull().Must(a => a is null || a.Count <= 200).WithMessage("At most 200 answers.");
}
