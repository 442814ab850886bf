using System.Data.Common;
using Innovation.BuildingBlocks.Audit;
using Innovation.BuildingBlocks.Imports;
using Innovation.Modules.Networks.Features.Schools;

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

    internal static readonly ImportField Network = new("networkId", true, "network");
    internal static readonly ImportField Uai = new("uai");
    internal static readonly ImportField Person = new("personId", false, "person");
    internal static readonly ImportField Role = new("role");
    internal static readonly ImportField Domain = new("domain");
    internal static readonly ImportField From = new("from");
    internal static readonly ImportField To = new("to");

    internal static readonly IReadOnlyList<ImportField> Fields = [Network, Uai, Person, Role, Domain, From, To];

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

        // The batch's changed memberships (network, part, before, after), audited together once the batch is applied.
        private readonly List<(NetworkTable.Row Network, string Part, Guid Id, object? Before, object After)> _changes = [];

        protected override bool DryRunWrites => true;

        /// <summary>Applies a batch row by row in the transaction, then publishes one NetworkMembershipChanged per network it changed.</summary>
        protected override async Task<ImportBatchOutcome> ApplyAsync(DbConnection c, DbTransaction? transaction, IReadOnlyList<Pending> batch)
        {
            var t = transaction!;
            _changes.Clear(); // a batch retried after a transient failure starts again
            var outcome = new ImportBatchOutcome();
            var networks = new Dictionary<Guid, NetworkTable.Row?>();
            var changed = new HashSet<Guid>();
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

                var result = p.Uai is not null ? await ApplySchoolAsync(c, t, network, p) : await ApplyPersonAsync(c, t, network, p);
                if (result is ImportError error)
                {
                    outcome.Reject(error);
                }
                else if (result is ImportChange change)
                {
                    outcome.Count(change);
                    if (change != ImportChange.Unchanged)
                    {
                        changed.Add(network.Id);
                    }
                }
            }

            var now = time.GetUtcNow();
            foreach (var id in changed)
            {
                await NetworkTable.MembershipChangedAsync(c, t, networks[id]!, now);
            }

            await AuditTrail.RecordManyAsync(c, t, SchoolTable.Schema, _changes.Select(m => new AuditEntry(
                now, Import.Caller.Id, m.Network.Academie, $"network.{m.Part}", m.Id.ToString(), "import", m.Before, m.After)
            {
                ParentId = m.Network.Id.ToString(),
            }));
            return outcome;
        }

        /// <summary>What the row changed, or the error that rejects it.</summary>
        private async Task<object> ApplySchoolAsync(DbConnection c, DbTransaction t, NetworkTable.Row network, Pending p)
        {
            var existing = await c.QuerySingleOrDefaultAsync<NetworkTable.SchoolMemberRow>(NetworkTable.FindSchoolByKeySql,
                new { NetworkId = network.Id, p.Uai, FromDate = p.From }, t);
            if (existing is not null && existing.ToDate == p.To)
            {
                return ImportChange.Unchanged;
            }

            var id = existing?.Id ?? SortableId.New();
            if (await NetworkMembers.SchoolRuleAsync(c, t, network, id, p.Uai!, p.From, p.To) is { } broken)
            {
                return new ImportError(p.Line, p.MemberColumn, broken.Message);
            }

            _changes.Add((network, "school", id, existing, new NetworkTable.SchoolMemberRow
            {
                Id = id, NetworkId = network.Id, Uai = p.Uai!, Kind = network.Kind, FromDate = p.From, ToDate = p.To,
            }));
            await (existing is null
                ? c.ExecuteAsync(NetworkMembers.InsertSchoolSql,
                    new { Id = id, NetworkId = network.Id, p.Uai, network.Kind, FromDate = p.From, ToDate = p.To }, t)
                : c.ExecuteAsync(NetworkMembers.UpdateSchoolSql, new { Id = id, FromDate = p.From, ToDate = p.To }, t));
            return existing is null ? ImportChange.Created : ImportChange.Updated;
        }

        private async Task<object> ApplyPersonAsync(DbConnection c, DbTransaction t, NetworkTable.Row network, Pending p)
        {
            var existing = await c.QuerySingleOrDefaultAsync<NetworkTable.PersonMemberRow>(NetworkTable.FindPersonByKeySql,
                new { NetworkId = network.Id, p.PersonId, FromDate = p.From }, t);
            if (existing is not null && (existing.Role, existing.Domain, existing.ToDate) == (p.Role, p.Domain, p.To))
            {
                return ImportChange.Unchanged;
            }

            if (await c.QuerySingleOrDefaultAsync<string>(PersonDirectory.AcademieSql, new { Id = p.PersonId }, t) != network.Academie)
            {
                return new ImportError(p.Line, p.MemberColumn,
                    $"No person {p.PersonId} in académie {network.Academie}: register them with POST /api/v1/people first.");
            }

            var id = existing?.Id ?? SortableId.New();
            if (await NetworkMembers.PersonOverlapAsync(c, t, network.Id, id, p.PersonId!.Value, p.From, p.To) is { } overlap)
            {
                return new ImportError(p.Line, p.MemberColumn, overlap);
            }

            var parameters = new { Id = id, NetworkId = network.Id, p.PersonId, p.Role, p.Domain, FromDate = p.From, ToDate = p.To };
            _changes.Add((network, "person", id, existing, new NetworkTable.PersonMemberRow
            {
                Id = id, NetworkId = network.Id, PersonId = p.PersonId.Value, Role = p.Role!, Domain = p.Domain, FromDate = p.From, ToDate = p.To,
            }));
            await c.ExecuteAsync(existing is null ? NetworkMembers.InsertPersonSql : NetworkMembers.UpdatePersonSql, parameters, t);
            return existing is null ? ImportChange.Created : ImportChange.Updated;
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

            var networkId = Id(Network, required: true);
            var uaiText = row.Text(Uai);
            var personId = Id(Person, required: false);
            var roleText = row.Text(Role);
            var domain = row.Text(Domain);
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
                uai = Innovation.Modules.Networks.Domain.Uai.Normalize(uaiText, out var uaiError);
                if (uai is null)
                {
                    row.Error(Uai, uaiError!);
                }

                if (roleText is not null || domain is not null)
                {
                    row.Error(roleText is not null ? Role : Domain, "A member school has no role or domain.");
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
                        row.Error(Domain, domainError);
                    }
                }
            }

            if (NetworkMembers.PeriodError(from, to) is { } periodError)
            {
                row.Error(To, periodError);
            }

            var memberColumn = uai is not null ? row.Column(Uai) : row.Column(Person);
            if (!row.HasErrors)
            {
                _seen.Check(row, uai is not null ? Uai : Person, (networkId!.Value, uai ?? personId!.Value.ToString(), Periods.Text(from)),
                    static first => $"The same membership (network, member, from) already appears on line {first} of this file.");
            }

            return row.HasErrors ? null : new Pending(row.Line, row.Column(Network), memberColumn, networkId!.Value, uai, personId, role,
                NetworkMembers.DomainCode(domain), Periods.Text(from), Periods.Text(to));
        }
    }

    public static void Map(IEndpointRouteBuilder api) => api.MapImport("/imports/network-members", import => new Command(import),
        "ImportNetworkMembers", "Import network memberships from a CSV or NDJSON file", Description);

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
