using System.Security.Cryptography;
using System.Text;
using Innovation.Abstractions;

namespace Innovation.Modules.Networks.Contracts;

/// <summary>A staff member entered the people directory. Names and e-mails never travel in events.</summary>
/// <param name="PersonId">The person's id.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="SchoolUai">The person's school, if any.</param>
/// <param name="Functions">Function codes (teacher, headOfSchool, cpc, ien, iaIpr, trainer, researcher, aesh, administrative, other).</param>
/// <param name="Version">The person's version after the change.</param>
public sealed record PersonRegistered(Guid PersonId, string Academie, string? SchoolUai, IReadOnlyList<string> Functions, int Version)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => PersonId.ToString();

    string IIntegrationEvent.Academie => Academie;
}

/// <summary>A person's record changed.</summary>
public sealed record PersonUpdated(Guid PersonId, string Academie, string? SchoolUai, IReadOnlyList<string> Functions, int Version)
    : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => PersonId.ToString();

    string IIntegrationEvent.Academie => Academie;
}

/// <summary>
/// A person exercised the right to erasure: every module anonymises its own copies of them. Modules
/// that hold only a name and an e-mail (a project's team, say) find them by <see cref="EmailKey"/>,
/// so the e-mail itself never travels.
/// </summary>
/// <param name="PersonId">The erased person's id.</param>
/// <param name="Academie">Académie code.</param>
/// <param name="EmailKey">SHA-256 (lowercase hex) of the person's e-mail, trimmed and lower-cased: see <see cref="KeyOf"/>.</param>
public sealed record PersonErased(Guid PersonId, string Academie, string EmailKey) : IIntegrationEvent
{
    string IIntegrationEvent.AggregateKey => PersonId.ToString();

    string IIntegrationEvent.Academie => Academie;

    /// <summary>The key under which a module recognises an e-mail address without keeping it in events.</summary>
    public static string KeyOf(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}
