namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>What a campaign is sent to.</summary>
internal enum CampaignTargetType
{
    Project,
    Network,
    Accompaniment,
}

/// <summary>Where a campaign stands: created (draft), accepting responses between its dates (open), or over (closed).</summary>
internal enum CampaignStatus
{
    Draft,
    Open,
    Closed,
}

/// <summary>The project, network or accompaniment plan a campaign is sent to.</summary>
/// <param name="Type">project, network or accompaniment.</param>
/// <param name="Id">The project's, network's or accompaniment plan's id, of the questionnaire's académie.</param>
internal sealed record CampaignTarget(CampaignTargetType? Type, Guid? Id);

/// <summary>A campaign as a client creates it.</summary>
/// <param name="QuestionnaireId">The questionnaire edition to send, of an académie the caller sees; the campaign belongs to its
/// académie.</param>
/// <param name="Title" example="Bilan de fin d'année 2026 — équipe du collège Jean Moulin">Title (at most 200 characters).</param>
/// <param name="Target">What the campaign is sent to, of the questionnaire's académie.</param>
/// <param name="OpensOn" example="2026-06-01">First day responses are accepted.</param>
/// <param name="ClosesOn" example="2026-06-30">Last day responses are accepted (on or after <c>opensOn</c>).</param>
/// <param name="Anonymous">True (the default): responses hold no respondent identity at all, and results show only from the anonymity
/// threshold on. False: each response names its respondent.</param>
internal sealed record CampaignDraft(
    Guid? QuestionnaireId, string? Title, CampaignTarget? Target, DateOnly? OpensOn, DateOnly? ClosesOn, bool? Anonymous);

internal sealed class CampaignDraftValidator : AbstractValidator<CampaignDraft>
{
    public CampaignDraftValidator()
    {
        RuleFor(c => c.QuestionnaireId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Target!).NotNull().ChildRules(target =>
        {
            target.RuleFor(t => t.Type).NotNull().WithName("target.type");
            target.RuleFor(t => t.Id).NotEmpty().WithName("target.id");
        });
        RuleFor(c => c.OpensOn).NotNull();
        RuleFor(c => c.ClosesOn).NotNull()
            .GreaterThanOrEqualTo(c => c.OpensOn).When(c => c.OpensOn is not null).WithMessage("The campaign closes on or after it opens.");
    }
}
