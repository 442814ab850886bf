using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Networks.Domain;

/// <summary>
/// The académies and départements seeded by migration: immutable reference data, read once per
/// process and then looked up in memory (safe with several instances, since nothing changes it).
/// Networks' endpoints read it directly; other modules ask <see cref="FindAcademie"/> (below).
/// </summary>
internal sealed class Territory(Db db)
{
    internal const string AcademiesSql = "SELECT code AS Code, name AS Name FROM networks.academie ORDER BY code";
    internal const string DepartementsSql = "SELECT code AS Code, name AS Name, academie AS Academie FROM networks.departement ORDER BY code";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is not null)
        {
            return _snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _snapshot ??= await db.ReadAsync(async c => new Snapshot(
                (await c.QueryAsync<Academie>(AcademiesSql)).ToList(),
                (await c.QueryAsync<Departement>(DepartementsSql)).ToList()), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal sealed class Snapshot
    {
        private readonly Dictionary<string, Academie> _academiesByKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Departement> _departements;

        public Snapshot(IReadOnlyList<Academie> academies, IReadOnlyList<Departement> departements)
        {
            Academies = academies;
            Departements = departements;
            foreach (var academie in academies)
            {
                _academiesByKey[academie.Code] = academie;
                _academiesByKey[TextKey.Of(academie.Name).Replace('-', ' ')] = academie;
            }

            _departements = departements.ToDictionary(d => d.Code, StringComparer.Ordinal);
        }

        public IReadOnlyList<Academie> Academies { get; }

        public IReadOnlyList<Departement> Departements { get; }

        /// <summary>By code ("70") or name ("Normandie", "NORMANDIE", "orleans-tours").</summary>
        public Academie? FindAcademie(string? codeOrName)
        {
            if (string.IsNullOrWhiteSpace(codeOrName))
            {
                return null;
            }

            var text = codeOrName.Trim();
            if (text.Length == 1 && char.IsAsciiDigit(text[0]))
            {
                text = "0" + text;
            }

            return _academiesByKey.GetValueOrDefault(text) ?? _academiesByKey.GetValueOrDefault(TextKey.Of(text).Replace('-', ' '));
        }

        /// <summary>By code in any usual spelling: "95", "095", "2A", "02a", "971".</summary>
        public Departement? FindDepartement(string? code) =>
            NormalizeDepartement(code) is { } normalized ? _departements.GetValueOrDefault(normalized) : null;

        public static string? NormalizeDepartement(string? code)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return null;
            }

            var text = code.Trim().ToUpperInvariant();
            return text.Length switch
            {
                1 or 2 => text.PadLeft(3, '0'),
                3 => text,
                _ => null,
            };
        }
    }

    internal sealed record Academie(string Code, string Name)
    {
        public Academie() : this("", "")
        {
        }
    }

    internal sealed record Departement(string Code, string Name, string Academie)
    {
        public Departement() : this("", "", "")
        {
        }
    }
}

/// <summary>Answers the territorial frame's public query <see cref="FindAcademie"/> from the territory in memory.</summary>
internal sealed class FindAcademieHandler(Territory territory) : IRequestHandler<FindAcademie, AcademieInfo?>
{
    public async Task<AcademieInfo?> Handle(FindAcademie request, CancellationToken cancellationToken) =>
        (await territory.GetAsync(cancellationToken)).FindAcademie(request.CodeOrName) is { } found
            ? new AcademieInfo(found.Code, found.Name)
            : null;
}

/// <summary>Answers the territorial frame's public query <see cref="FindDepartement"/> from the territory in memory.</summary>
internal sealed class FindDepartementHandler(Territory territory) : IRequestHandler<FindDepartement, DepartementInfo?>
{
    public async Task<DepartementInfo?> Handle(FindDepartement request, CancellationToken cancellationToken) =>
        (await territory.GetAsync(cancellationToken)).FindDepartement(request.Code) is { } found
            ? new DepartementInfo(found.Code, found.Name, found.Academie)
            : null;
}
