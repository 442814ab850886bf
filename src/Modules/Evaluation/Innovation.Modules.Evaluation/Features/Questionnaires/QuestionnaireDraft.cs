namespace Innovation.Modules.Evaluation.Features.Questionnaires;

/// <summary>What a questionnaire is for (seed 000 § II.4.3: satisfaction, perceived change, uncovered needs).</summary>
internal enum QuestionnairePurpose
{
    Satisfaction,
    PerceivedChange,
    UncoveredNeeds,
    EvaluationOfAccompaniment,
    Other,
}

/// <summary>How a question is answered.</summary>
internal enum QuestionType
{
    /// <summary>A Likert scale, 1 (strongly disagree) to 5 (strongly agree): answered with <c>value</c>.</summary>
    Likert,

    /// <summary>One of the question's choices: answered with <c>choice</c>.</summary>
    SingleChoice,

    /// <summary>Any of the question's choices: answered with <c>choices</c>.</summary>
    MultipleChoice,

    /// <summary>A number, within <c>min</c> and <c>max</c> when they are set: answered with <c>value</c>.</summary>
    Number,

    /// <summary>A free text: answered with <c>text</c>.</summary>
    FreeText,
}

/// <summary>A question as a client writes it.</summary>
/// <param name="Code" example="clarity">Its code, unique in the questionnaire (a letter, then letters, digits, `_`, `-` or `.`; at most 40).</param>
/// <param name="Text" example="Le cadre de l'accompagnement était clair.">The question (at most 500 characters).</param>
/// <param name="Type">likert (1–5), singleChoice, multipleChoice, number or freeText.</param>
/// <param name="Choices">The choices of a singleChoice or multipleChoice question (2–20, distinct, at most 200 characters each); none
/// for the other types.</param>
/// <param name="Required">Whether every response must answer it (default true).</param>
/// <param name="Section" example="deviceQuality">A section code grouping questions in the results (at most 40 characters).</param>
/// <param name="Min">The least number accepted (number questions only).</param>
/// <param name="Max">The greatest number accepted (number questions only).</param>
internal sealed record QuestionDraft(
    string? Code, string? Text, QuestionType? Type, IReadOnlyList<string>? Choices, bool? Required, string? Section, decimal? Min, decimal? Max)
{
    public Question ToQuestion() => new(
        Code!.Trim(), Text!.Trim(), Type!.Value, [.. (Choices ?? []).Select(c => c.Trim())], Required ?? true,
        string.IsNullOrWhiteSpace(Section) ? null : Section.Trim(), Min, Max);
}

/// <summary>A question of a questionnaire.</summary>
/// <param name="Code" example="clarity">Its code, unique in the questionnaire: responses name it.</param>
/// <param name="Text" example="Le cadre de l'accompagnement était clair.">The question.</param>
/// <param name="Type">likert (1–5), singleChoice, multipleChoice, number or freeText.</param>
/// <param name="Choices">The choices of a choice question, in their order (empty for the other types).</param>
/// <param name="Required">Whether every response must answer it.</param>
/// <param name="Section" example="deviceQuality">The section grouping it in the results, if any.</param>
/// <param name="Min">The least number accepted (number questions).</param>
/// <param name="Max">The greatest number accepted (number questions).</param>
internal sealed record Question(
    string Code, string Text, QuestionType Type, IReadOnlyList<string> Choices, bool Required, string? Section, decimal? Min, decimal? Max)
{
    public bool IsChoice => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice;
}

/// <summary>A questionnaire as a client writes it (create, replace, new edition).</summary>
/// <param name="Title" example="Satisfaction des équipes accompagnées 2026">Title (at most 200 characters).</param>
/// <param name="Purpose">satisfaction, perceivedChange, uncoveredNeeds, evaluationOfAccompaniment or other.</param>
/// <param name="Description" example="Questionnaire envoyé en fin d'année scolaire.">What it is for (at most 4,000 characters).</param>
/// <param name="Questions">The questions, in their order (1–100, codes distinct).</param>
/// <param name="Academie" example="25">Académie code or name; defaults to the caller's. A national credential must give it on creation.</param>
internal sealed record QuestionnaireDraft(
    string? Title, QuestionnairePurpose? Purpose, string? Description, IReadOnlyList<QuestionDraft>? Questions, string? Academie)
{
    /// <summary>The académie the questionnaire belongs to: the one named, else the caller's; a 400 for an unknown one or none.</summary>
    public Task<string> AcademieAsync(IMediator mediator, Caller caller, CancellationToken cancellationToken) =>
        DraftAcademie.ResolveAsync(Academie, mediator, caller, cancellationToken);
}

internal sealed class QuestionnaireDraftValidator : AbstractValidator<QuestionnaireDraft>
{
    public QuestionnaireDraftValidator()
    {
        RuleFor(q => q.Title).NotEmpty().MaximumLength(200);
        RuleFor(q => q.Purpose).NotNull();
        RuleFor(q => q.Description).MaximumLength(4000);
        RuleFor(q => q.Questions).NotEmpty().Must(q => q is null || q.Count <= 100).WithMessage("At most 100 questions.")
            .Must(q => q is null || q.Select(x => x?.Code?.Trim()).Distinct(StringComparer.Ordinal).Count() == q.Count)
            .WithMessage("Each question code once.");
        RuleForEach(q => q.Questions).NotNull().SetValidator(new QuestionDraftValidator());
    }
}

internal sealed class QuestionDraftValidator : AbstractValidator<QuestionDraft>
{
    public QuestionDraftValidator()
    {
        RuleFor(q => q.Code).NotEmpty().Matches("^[A-Za-z][A-Za-z0-9_.-]{0,39}$")
            .WithMessage("A letter, then letters, digits, '_', '-' or '.' (at most 40 characters).");
        RuleFor(q => q.Text).NotEmpty().MaximumLength(500);
        RuleFor(q => q.Type).NotNull();
        RuleFor(q => q.Section).MaximumLength(40).Must(s => s is null || !s.Any(char.IsControl)).WithMessage("One line of text.");
        When(q => q.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice, () =>
        {
            RuleFor(q => q.Choices).NotNull().WithMessage("A choice question lists its choices.")
                .Must(c => c is null || c.Count is >= 2 and <= 20).WithMessage("Between 2 and 20 choices.")
                .Must(c => c is null || c.Select(x => x?.Trim()).Distinct(StringComparer.Ordinal).Count() == c.Count)
                .WithMessage("Each choice once.");
            RuleForEach(q => q.Choices).NotEmpty().MaximumLength(200);
        }).Otherwise(() =>
            RuleFor(q => q.Choices).Must(c => c is null || c.Count == 0).WithMessage("Only a choice question has choices."));
        When(q => q.Type != QuestionType.Number, () =>
        {
            RuleFor(q => q.Min).Null().WithMessage("Only a number question has a minimum.");
            RuleFor(q => q.Max).Null().WithMessage("Only a number question has a maximum.");
        });
        RuleFor(q => q.Max).GreaterThanOrEqualTo(q => q.Min!.Value).When(q => q.Min is not null && q.Max is not null)
            .WithMessage("The maximum is at least the minimum.");
    }
}
