using System.Text.Json;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Conventions;

/// <summary>A document of a convention.</summary>
/// <param name="Title" example="Convention signée 2025">What the document is.</param>
/// <param name="Url" example="https://intranet.ac-normandie.fr/conventions/inspe-2025.pdf">Where it is: an absolute http(s) URL.</param>
internal sealed record ConventionDocument(string? Title, string? Url);

/// <summary>A partnership convention of a network.</summary>
/// <param name="Id">The convention's id.</param>
/// <param name="NetworkId">The network.</param>
/// <param name="PartnerKind">inspe, researchLaboratory, localAuthority, association or other.</param>
/// <param name="Partner" example="INSPE de Normandie Rouen-Le Havre">The partner organisation.</param>
/// <param name="Object" example="Stages en responsabilité des M1 MEEF dans les écoles du réseau">What the convention covers.</param>
/// <param name="Start" example="2025-09-01">First day.</param>
/// <param name="End" example="2028-08-31">Last day, if set.</param>
/// <param name="Documents">Signed convention, annexes…</param>
internal sealed record Convention(
    Guid Id, Guid NetworkId, ConventionPartnerKind PartnerKind, string Partner, string Object, DateOnly Start, DateOnly? End,
    IReadOnlyList<ConventionDocument> Documents);

/// <summary>The <c>networks.network_convention</c> table: partnership conventions at network level.</summary>
internal static class ConventionTable
{
    internal const string SelectSql = """
        SELECT id AS Id, network_id AS NetworkId, partner_kind AS PartnerKind, partner AS Partner, object AS Object, start_date AS StartDate,
               end_date AS EndDate, documents AS Documents, version AS Version
        FROM networks.network_convention

        """;

    internal const string FindSql = SelectSql + "WHERE id = @Id AND network_id = @NetworkId";

    internal const string InsertSql = """
        INSERT INTO networks.network_convention (id, network_id, partner_kind, partner, object, start_date, end_date, documents, version)
        VALUES (@Id, @NetworkId, @PartnerKind, @Partner, @Object, @StartDate, @EndDate, @Documents, @Version)
        """;

    internal const string UpdateSql = """
        UPDATE networks.network_convention
        SET partner_kind = @PartnerKind, partner = @Partner, object = @Object, start_date = @StartDate, end_date = @EndDate, documents = @Documents,
            version = @Version
        WHERE id = @Id AND version = @Version - 1
        """;

    /// <summary>How <see cref="NetworkChildren"/> finds and changes a row (the 404 names a convention).</summary>
    internal static readonly (string What, string FindSql, string UpdateSql) Child = ("convention", FindSql, UpdateSql);

    private static readonly JsonSerializerOptions DocumentsJson = new(JsonSerializerDefaults.Web);

    internal sealed class Row : INetworkChildRow<Row, ConventionDraft>
    {
        public Guid Id { get; set; }
        public Guid NetworkId { get; set; }
        public string PartnerKind { get; set; } = "";
        public string Partner { get; set; } = "";
        public string Object { get; set; } = "";
        public string StartDate { get; set; } = "";
        public string? EndDate { get; set; }
        public string Documents { get; set; } = "[]";
        public int Version { get; set; }

        public Convention ToConvention() => new(
            Id, NetworkId, StableCode.Parse<ConventionPartnerKind>(PartnerKind), Partner, Object,
            Periods.Date(StartDate)!.Value, Periods.Date(EndDate),
            JsonSerializer.Deserialize<List<ConventionDocument>>(Documents, DocumentsJson)!);

        public bool SameDataAs(Row other) =>
            (PartnerKind, Partner, Object, StartDate, EndDate, Documents)
            == (other.PartnerKind, other.Partner, other.Object, other.StartDate, other.EndDate, other.Documents);

        public static Row From(ConventionDraft draft, Guid id, Guid networkId) => new()
        {
            Id = id, NetworkId = networkId, PartnerKind = StableCode.Of(draft.PartnerKind!.Value), Partner = draft.Partner!.Trim(),
            Object = draft.Object!.Trim(), StartDate = Periods.Text(draft.Start)!, EndDate = Periods.Text(draft.End),
            Documents = JsonSerializer.Serialize(
                (draft.Documents ?? []).Select(d => new ConventionDocument(d.Title?.Trim(), d.Url!.Trim())), DocumentsJson),
            Version = 1,
        };
    }
}
