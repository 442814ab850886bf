using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Innovation.Api.Tests.Infrastructure;
using Innovation.BuildingBlocks.Data;
using Innovation.Modules.Projects.Features.SchoolDirectory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Innovation.Api.Tests.Projects;

/// <summary>
/// What project tests share: schools that have reached Projects' read model, a valid project body,
/// and JWT clients for carriers (recognised by their e-mail).
/// </summary>
public abstract class ProjectApiTest(Engine engine) : ApiTest(engine)
{
    /// <summary>Schools of académie 25 (Versailles, département 095).</summary>
    protected const string Galois = "0951099D";
    protected const string Jaures = "0951100E";
    protected const string Curie = "0951101F";

    /// <summary>A school of académie 11 (Montpellier, département 030).</summary>
    protected const string Nimes = "0301674G";

    private const string SigningKey = "jwt-test-signing-key-for-project-carriers!";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Jwt:Issuer"] = "https://login.test",
        ["Auth:Jwt:Audience"] = "innovation-api",
        ["Auth:Jwt:SigningKey"] = SigningKey,
    };

    /// <summary>Registers schools and waits until Projects' copy of the directory has them.</summary>
    protected async Task SchoolsKnownToProjects(params (string Uai, string Departement)[] schools)
    {
        foreach (var (uai, departement) in schools)
        {
            await RegisterSchool(uai, departement, name: $"École {uai}");
        }

        var db = Factory.Services.GetRequiredService<Db>();
        foreach (var (uai, _) in schools)
        {
            await Eventually(async () => await db.ReadAsync(c => SchoolReadModel.FindAsync(c, uai), CancellationToken.None) is not null,
                $"school {uai} reaches the projects' read model");
        }
    }

    /// <summary>The usual set: three schools of Versailles and one of Montpellier.</summary>
    protected Task StandardSchools() =>
        SchoolsKnownToProjects((Galois, "095"), (Jaures, "095"), (Curie, "095"), (Nimes, "030"));

    /// <summary>A complete, valid project body (canvas filled, so it can be submitted).</summary>
    protected static Dictionary<string, object?> ValidProject(string title = "Classe dehors", string[]? schools = null,
        string? externalReference = null,
        string carrierEmail = "ada.lovelace@ac-versailles.fr") => new()
    {
        ["title"] = title,
        ["summary"] = "Une demi-journée par semaine de classe en extérieur.",
        ["schools"] = schools ?? [Galois],
        ["themes"] = new[] { "wellBeing", "scienceAndGenderMix" },
        ["tags"] = new[] { "outdoor" },
        ["levels"] = new[] { "cycle3" },
        ["pupilsConcerned"] = 48,
        ["plannedStart"] = "2026-09-01",
        ["plannedEnd"] = "2027-06-30",
        ["isPublic"] = true,
        ["externalReference"] = externalReference,
        ["team"] = new object[]
        {
            new { role = "carrier", name = "Ada Lovelace", email = carrierEmail },
            new { role = "headOfSchoolSponsor", name = "Blaise Pascal", email = "blaise.pascal@ac-versailles.fr" },
        },
        ["canvas"] = new
        {
            needs = "Des élèves peu à l'aise à l'oral.", objectives = "Développer l'oral en sciences.", actors = "Deux professeurs, la CPC.",
            resources = "Le parc municipal.", keySteps = "Sorties puis exposés.", evaluationIndicators = "Temps de parole par élève.",
        },
    };

    /// <summary>Creates a project as the national administrator and returns its JSON.</summary>
    protected async Task<JsonElement> CreateProject(Dictionary<string, object?>? body = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/projects", body ?? ValidProject());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    /// <summary>A client authenticated by a JWT with an e-mail (how a carrier is recognised).</summary>
    protected HttpClient PersonClient(string email, string academie, params string[] scopes)
    {
        var client = Anonymous();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://login.test",
            Audience = "innovation-api",
            Subject = new ClaimsIdentity([new Claim("sub", email), new Claim("email", email), new Claim("academie", academie),
                new Claim("scope", string.Join(' ', scopes))]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
