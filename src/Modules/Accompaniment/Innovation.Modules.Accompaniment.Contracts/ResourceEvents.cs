using Innovation.Abstractions;

namespace Innovation.Modules.Accompaniment.Contracts;

/// <summary>A resource of the bank was published (the public portal serves it from now on). Ids and codes only.</summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="Kind">audio, video, document, schema or siteWeb.</param>
/// <param name="Format">hybridTrainingModule, mooc, webinar, communityOfPractice, practicalSheet, video, tutorial or pedagogicalScenario.</param>
/// <param name="GuideSections">The guide's sections it serves (`I 3.1` … `II 4.3`).</param>
/// <param name="Version">The resource's version after the change.</param>
public sealed record ResourcePublished(Guid ResourceId, string Academie, string Kind, string Format, IReadOnlyList<string> GuideSections, int Version)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => ResourceId.ToString();

    string IIntegrationEvent.Academie => Academie;
}
