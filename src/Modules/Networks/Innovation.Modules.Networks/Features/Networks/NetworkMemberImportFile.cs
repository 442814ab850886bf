using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>
/// The file <see cref="ImportNetworkMembers"/> reads: its columns, with the other names each accepts, and what the endpoint's
/// OpenAPI description says of them and of the import.
/// </summary>
internal static class NetworkMemberImportFile
{
    internal static readonly ImportField NetworkId = new("networkId", true, "network");
    internal static readonly ImportField SchoolUai = new("uai");
    internal static readonly ImportField PersonId = new("personId", false, "person");
    internal static readonly ImportField Role = new("role");
    internal static readonly ImportField ReferentDomain = new("domain");
    internal static readonly ImportField From = new("from");
    internal static readonly ImportField To = new("to");

    internal static readonly IReadOnlyList<ImportField> Fields = [NetworkId, SchoolUai, PersonId, Role, ReferentDomain, From, To];

    internal const string Description =
        "Upserts memberships of existing networks from a file streamed in the body (e.g. `curl --data-binary @members.csv -H \"Content-Type: " +
        "text/csv\" …/api/v1/imports/network-members?dryRun=true`). Formats, line numbers, modes, dry run, file errors and the report are those " +
        "of `POST /api/v1/imports/schools`.\n\n" +
        "**Columns** (case-insensitive): `networkId` (required), then either `uai` (a member school) or `personId` (a member person, with " +
        "`role`: coordinator, facilitator, referent, member or relay, and `domain` for a referent), and optionally `from` and `to` (yyyy-MM-dd). " +
        "Other columns are ignored and listed in `ignoredColumns`.\n\n" +
        "**Upsert key**: network, member and `from`. A row whose key exists updates that membership (`to`, and for a person `role` and `domain`) " +
        "or leaves it unchanged; any other row creates a membership. Every row obeys the rules of `POST /api/v1/networks/{id}/schools` and " +
        "`/people`: the network, school and person exist in the caller's académie; a school is in one network of a kind at a time; a member is " +
        "in a network once at a time. Rows are applied in file order, so a row is checked against the rows before it, in a dry run too. The same " +
        "key twice in a file is refused on the second line.\n\n" +
        "Each network whose membership changed publishes one `NetworkMembershipChanged` per committed batch of 500 rows. With `Idempotency-Key`, " +
        "a retry replays the first report.";
}
