using System.Data.Common;
using System.Text.Json;
using Innovation.BuildingBlocks.Audit;

namespace Innovation.Modules.Evaluation.Features.Campaigns;

/// <summary>Who answered a named campaign.</summary>
/// <param name="Name" example="Camille Martin">The respondent's name; null once the person was erased.</param>
/// <param name="PersonId">The respondent's id in the people directory, if given; null once erased.</param>
/// <param name="Erased">True once the respondent exercised the right to erasure: the answers stay, the name is gone.</param>
internal sealed record RespondentView(string? Name, Guid? PersonId, bool Erased);

/// <summary>A response to a named campaign.</summary>
/// <param name="Id">The response's id.</param>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="ReceivedOn" example="2026-06-12">The day it was received.</param>
/// <param name="Respondent">Who answered.</param>
/// <param name="Answers">The answers, in the questionnaire's order.</param>
internal sealed record CampaignResponse(Guid Id, Guid CampaignId, DateOnly ReceivedOn, RespondentView? Respondent, IReadOnlyList<Answer> Answers);

/// <summary>A response as its creation answers it: no identity of an anonymous campaign's respondent, not even an id to look it up by.</summary>
/// <param name="CampaignId">The campaign answered.</param>
/// <param name="ReceivedOn" example="2026-06-12">The day it was received.</param>
/// <param name="Anonymous">True when nothing of the respondent was stored.</param>
internal sealed record ResponseReceipt(Guid CampaignId, DateOnly ReceivedOn, bool Anonymous);

/// <summary>
/// The <c>evaluation.campaign_response</c> table. An anonymous response holds its answers and its day only, under a random id
/// (a version 7 id would tell the instant of the answer); a named one its respondent too.
/// </summary>
internal static class ResponseTable
{
    internal const string InsertSql = """
        INSERT INTO evaluation.campaign_response (id, campaign_id, received_on, answers, respondent_name, respondent_person_id, respondent_key,
                                                  respondent_erased)
        VALUES (@Id, @CampaignId, @ReceivedOn, @Answers, @RespondentName, @RespondentPersonId, @RespondentKey, 0)
        """;

    internal const string AnswersSql = "SELECT answers FROM evaluation.campaign_response WHERE campaign_id = @CampaignId";

    internal const string ListSql = """
        SELECT id AS Id, campaign_id AS CampaignId, received_on AS ReceivedOn, answers AS Answers, respondent_name AS RespondentName,
               respondent_person_id AS RespondentPersonId, respondent_erased AS RespondentErased
        FROM evaluation.campaign_response
        WHERE campaign_id = @CampaignId AND (@After IS NULL OR id > @After)
        ORDER BY id
        {{limit @Take}}
        """;

    /// <summary>A named response's type in the audit trail (anonymous responses are not audited: ADR 0025).</summary>
    internal const string ResourceType = "evaluation.campaignResponse";

    /// <summary>Writes a response; a named one with its audit entry, the respondent as personal data.</summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction t, Row row, CampaignTable.Row campaign, string actor, DateTimeOffset now)
    {
        await c.ExecuteAsync(InsertSql, row, t);
        if (!campaign.IsAnonymous)
        {
            await AuditTrail.RecordAsync(c, t, EvaluationModule.Schema, new AuditEntry(now, actor, campaign.Academie, ResourceType,
                row.Id.ToString(), "create", null, row.ToResponse())
            {
                ParentId = campaign.Id.ToString(),
                PersonalFields = ["respondent"],
                Subjects = [row.RespondentPersonId?.ToString() ?? "", row.RespondentKey ?? ""],
            });
        }
    }

    /// <summary>The answers of every response of a campaign.</summary>
    public static async Task<List<IReadOnlyList<Answer>>> AnswersAsync(DbConnection c, Guid campaignId) =>
        [.. (await c.QueryAsync<string>(AnswersSql, new { CampaignId = campaignId })).Select(Read)];

    internal static IReadOnlyList<Answer> Read(string answers) => JsonSerializer.Deserialize<List<Answer>>(answers, ApiJson.Options) ?? [];

    internal sealed class Row
    {
        public Guid Id { get; set; }
        public Guid CampaignId { get; set; }
        public DateOnly ReceivedOn { get; set; }
        public string Answers { get; set; } = "[]";
        public string? RespondentName { get; set; }
        public Guid? RespondentPersonId { get; set; }

        /// <summary>The SHA-256 key of the answering credential's e-mail, if it has one (how erasure finds a respondent without an id).</summary>
        public string? RespondentKey { get; set; }

        public bool RespondentErased { get; set; }

        public CampaignResponse ToResponse() => new(Id, CampaignId, ReceivedOn,
            RespondentName is null && RespondentPersonId is null && !RespondentErased ? null
                : new RespondentView(RespondentName, RespondentPersonId, RespondentErased),
            Read(Answers));
    }
}
