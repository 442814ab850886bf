using System.Data.Common;
using Innovation.BuildingBlocks.Imports;

namespace Innovation.Modules.Networks.Features.Networks;

/// <summary>
/// <c>POST /api/v1/imports/network-members</c>: upserts school and person memberships from a CSV or
/// NDJSON body streamed row by row, with the rules of the membership endpoints. Rows are applied
/// in file order inside the import's transaction, so a row sees the rows before it (two rows
/// putting one school in two bassins conflict even in a dry run, which runs in a transaction that
/// is rolled back). Only a batch and the keys already seen are held in memory.
/// </summary>
internal static class ImportNetworkMembers
{
    public const int BatchSize = 500;

    internal static readonly ImportField NetworkId = new("networkId", true, "network");
    internal static readonly ImportField SchoolUai = new("uai");
    internal static readonly ImportField PersonId = new("personId", false, "person");
    internal static readonly ImportField Role = new("role");
    internal static readonly ImportField ReferentDomain = new("domain");
    internal static readonly ImportField From = new("from");
    internal static readonly ImportField To = new("to");

    internal static readonly IReadOnlyList<ImportField> Fields = [NetworkId, SchoolUai, PersonId, Role, ReferentDomain, From, To];

    internal sealed record Command(ImportRequest Import) : ImportCommand(Import);

    internal sealed class Handler(IServiceProvider services) : ImportHandler<Command, Run>(services);

    /// <summary>A row that passed every check that needs no database.</summary>
    internal sealed record Pending(int Line, string NetworkColumn, string MemberColumn, Guid NetworkId, string? Uai, Guid? PersonId, string? Role,
        string? Domain, string? From, string? To);

    internal sealed class Run(ImportRequest import, TimeProvider time, CancellationToken cancellationToken)
        : ImportRun<Pending>(import, Fields, BatchSize, cancellationToken)
    {
        // By (network, member, from).
        private readonly ImportKeys<(Guid, string, string?)> _seen = new("a membership");

        protected override bool DryRunWrites => true;

        /// <summary>Applies a batch row by row in the transaction, then publishes one NetworkMembershipChanged per network it changed.</summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(DbConnection c, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var t = transaction!;
            var outcome = new ImportBatchOutcome();
            var networks = new Dictionary<Guid, NetworkTable.Row?>();
            // The batch's changed memberships (network, part, before and after), audited together once the batch is applied.
            var changes = new List<(NetworkTable.Row Network, string Part, NetworkMembers.Membership Write)>();
            foreach (var p in batch)
            {
                if (!networks.TryGetValue(p.NetworkId, out var network))
                {
                    network = await NetworkTable.FindAsync(c, p.NetworkId, t);
                    networks[p.NetworkId] = network = network is not null && Import.Caller.Sees(network.Academie) ? network : null;
                }

                if (network is null)
                {
                    outcome.Reject(new ImportError(p.Line, p.NetworkColumn, $"No network {p.NetworkId} in your académie."));
                    continue;
                }

                var (write, problem) = p.Uai is not null
                    ? await NetworkMembers.UpsertSchoolAsync(c, t, network, p.Uai, p.From, p.To)
                    : await NetworkMembers.UpsertPersonAsync(c, t, network, new NetworkTable.PersonMemberRow
                    {
                        PersonId = p.PersonId!.Value, Role = p.Role!, Domain = p.Domain, FromDate = p.From, ToDate = p.To,
                    });
                if (problem is not null)
                {
                    outcome.Reject(new ImportError(p.Line, p.MemberColumn, problem));
                    continue;
                }

                outcome.Count(!write!.Changed ? ImportChange.Unchanged : write.Before is null ? ImportChange.Created : ImportChange.Updated);
                if (write.Changed)
                {
                    changes.Add((network, p.Uai is not null ? "school" : "person", write));
                }
            }

            await NetworkMembers.ImportedAsync(c, t, Import.Caller, time.GetUtcNow(), changes);
            return outcome;
        }

        protected override Task<Pending?> CheckAsync(ImportCheck row) => Task.FromResult(Check(row));

        private Pending? Check(ImportCheck row)
        {
            Guid? Id(ImportField field, bool required)
            {
                var text = row.Text(field);
                if (text is null && required)
                {
                    row.Error(field, $"{field.Name} is required.");
                }

                return text is null ? null : row.Parse(field, text, ImportValues.Id,
                    static t => $"'{t}' is not an id (a GUID such as 01933b4e-7c1a-7d2e-9f00-1a2b3c4d5e6f).");
            }

            DateOnly? Date(ImportField field) =>
                row.Value(field, ImportValues.Date, static t => $"'{t}' is not a date: use yyyy-MM-dd, e.g. 2025-09-01.");

            var networkId = Id(NetworkId, required: true);
            var uaiText = row.Text(SchoolUai);
            var personId = Id(PersonId, required: false);
            var roleText = row.Text(Role);
            var domain = row.Text(ReferentDomain);
            var from = Date(From);
            var to = Date(To);
            string? uai = null;
            string? role = null;
            if (uaiText is not null && personId is not null || uaiText is null && personId is null && !row.HasErrors)
            {
                row.Error(null, "Give either a uai (a member school) or a personId (a member person), not both.");
            }
            else if (uaiText is not null)
            {
                uai = Domain.Uai.Normalize(uaiText, out var uaiError);
                if (uai is null)
                {
                    row.Error(SchoolUai, uaiError!);
                }

                if (roleText is not null || domain is not null)
                {
                    row.Error(roleText is not null ? Role : ReferentDomain, "A member school has no role or domain.");
                }
            }
            else if (personId is not null)
            {
                var parsed = roleText is null ? null : ImportValues.Code<MemberRole>(roleText);
                if (parsed is null)
                {
                    row.Error(Role, roleText is null
                        ? "A member person needs a role."
                        : $"Unknown role '{roleText}': use coordinator, facilitator, referent, member or relay.");
                }
                else
                {
                    role = StableCode.Of(parsed.Value);
                    if (NetworkMembers.DomainError(parsed.Value, domain) is { } domainError)
                    {
                        row.Error(ReferentDomain, domainError);
                    }
                }
            }

            if (NetworkMembers.PeriodError(from, to) is { } periodError)
            {
                row.Error(To, periodError);
            }

            var memberColumn = uai is not null ? row.Column(SchoolUai) : row.Column(PersonId);
            if (!row.HasErrors)
            {
                _seen.Check(row, uai is not null ? SchoolUai : PersonId,
                    (networkId!.Value, uai ?? personId!.Value.ToString(), Periods.Text(from)),
                    static first => $"The same membership (network, member, from) already appears on line {first} of this file.");
            }

            return row.HasErrors ? null : new Pending(row.Line, row.Column(NetworkId), memberColumn, networkId!.Value, uai,
                personId, role, NetworkMembers.DomainCode(domain), Periods.Text(from), Periods.Text(to));
        }
    }

    public static void Map(IEndpointRouteBuilder api) => api.MapImport("/imports/network-members", import => new Command(import),
        "ImportNetworkMembers", "Import network memberships from a CSV or NDJSON file", Description);

    internal static readonly string Description =
        ImportDescription.Upserts("memberships of existing networks", "network-members", file: "members.csv") + " Formats, line numbers, " +
        "modes, dry run, file errors and the report are those of `POST /api/v1/imports/schools`.\n\n" +
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
