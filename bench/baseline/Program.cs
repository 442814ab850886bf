// The machine's limit for an HTTP JSON response: the same Kestrel settings as the API (no Server
// header, the same body limit) and the same camelCase JSON, but no middleware, no auth, no database.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning); // as the API: no per-request log lines
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Http:MaxRequestBodyBytes", 1L << 20);
});

var app = builder.Build();
var school = new BareSchool("0951099D", "Lycée Évariste Galois", "lycee", "public", "095", "25", "open", 1);
app.MapGet("/json", () => TypedResults.Ok(school));
app.Run();

/// <summary>A small JSON object shaped like a school summary.</summary>
internal sealed record BareSchool(
    string Uai, string Name, string Type, string Sector, string Departement, string Academie, string Status, int Version);
