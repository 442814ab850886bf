using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Innovation.Api.OpenApi;

/// <summary>What each group of operations (a tag) is about, for the reader of a generated reference (ADR 0030).</summary>
internal sealed class TagDescriptionsDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Accompaniment"] = "Accompanying a project: diagnoses, plans, sessions, follow-up sheets, notes, the resource bank and load.",
        ["Administration"] = "API keys and parked events: for administrators (scope `admin`).",
        ["Audit"] = "The trail of every change: who changed what, when.",
        ["Evaluation"] = "Indicators, measurements, questionnaires, campaigns, grids, dashboards and reports.",
        ["Events"] = "The feed of domain events, for clients that follow changes.",
        ["Experimentations"] = "Derogatory experimentations (Code de l'éducation L.314-2): dossiers, decisions, reviews.",
        ["Imports"] = "Bulk imports of CSV or NDJSON files, with a dry run and a report per line.",
        ["Networks"] = "Networks of schools and people, their members and events.",
        ["People"] = "The people directory: teachers, staff, accompanists.",
        ["Projects"] = "Innovative projects: drafting, the validation workflow, funding, logbook, valorisation, search.",
        ["Public portal"] = "Published projects and resources, without credentials.",
        ["Reference"] = "The code lists the API uses, with their labels.",
        ["Relays"] = "Relay teachers across their three years.",
        ["Schools"] = "The school directory (UAI).",
        ["Territory"] = "Académies and départements.",
        ["Webhooks"] = "Webhook subscriptions and their deliveries.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var tag in document.Tags?.OfType<OpenApiTag>() ?? [])
        {
            if (string.IsNullOrEmpty(tag.Description) && tag.Name is not null && Descriptions.TryGetValue(tag.Name, out var description))
            {
                tag.Description = description;
            }
        }
    }
}
