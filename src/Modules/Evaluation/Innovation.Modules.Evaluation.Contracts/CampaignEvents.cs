using Innovation.Abstractions;

namespace Innovation.Modules.Evaluation.Contracts;

/// <summary>A questionnaire campaign as its events carry it: ids, codes and dates; never a title, an answer or a respondent.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="QuestionnaireId">The questionnaire edition it sends.</param>
/// <param name="TargetType">project, network or accompaniment.</param>
/// <param name="TargetId">The project, network or accompaniment plan it is sent to.</param>
/// <param name="OpensOn">First day responses are accepted.</param>
/// <param name="ClosesOn">Last day responses are accepted.</param>
/// <param name="Anonymous">True when responses hold no respondent identity.</param>
/// <param name="Version">The campaign's version after the change (consumers ignore older versions).</param>
public sealed record CampaignSnapshot(
    Guid CampaignId, string Academie, Guid QuestionnaireId, string TargetType, Guid TargetId, DateOnly OpensOn, DateOnly ClosesOn,
    bool Anonymous, int Version);

/// <summary>A campaign opened: its respondents may answer between its dates.</summary>
public sealed record CampaignOpened(CampaignSnapshot Campaign) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => Campaign.CampaignId.ToString();

    string IIntegrationEvent.Academie => Campaign.Academie;
}

/// <summary>A campaign closed: no response is accepted any more; its results are final.</summary>
public sealed record CampaignClosed(CampaignSnapshot Campaign) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => Campaign.CampaignId.ToString();

    string IIntegrationEvent.Academie => Campaign.Academie;
}
