using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Innovation.BuildingBlocks.Data;
using Innovation.BuildingBlocks.Http;
using Innovation.Modules.Projects.Domain;
using Innovation.Modules.Projects.Features.Projects;
using Microsoft.Extensions.Hosting;

namespace Innovation.Modules.Projects.Features.Search;

/// <summary>
/// A project as the list shows it, kept as JSON in <c>projects.project.listing</c>: reading a page
/// is then one statement of five columns per project, and the page is written without serializing
/// its items (ADR 0010). The JSON holds what only a replace of the project or a renamed school
/// changes: id, title, académie, schools (with the directory's name and département), themes and
/// planned dates. Status, version and the time of the last change move with every transition
/// and attachment, so they are read from their own columns and added when the item is written.
/// </summary>
internal static class ProjectListing
{
    internal const string SchoolsSql = "SELECT uai AS Uai, name AS Name, departement AS Departement FROM projects.school WHERE uai IN @Uais";

    internal const string ProjectsOfSchoolSql = "SELECT project_id FROM projects.project_school WHERE uai = @Uai";

    internal const string WriteSql = "UPDATE projects.project SET listing = @Listing WHERE id = @Id";

    internal const string MissingSql = "SELECT id FROM projects.project WHERE listing IS NULL ORDER BY id {{limit @Take}}";

    /// <summary>The stored part of a <see cref="ProjectSummary"/> (same names, same order).</summary>
    internal sealed record Document(
        Guid Id, string Title, string Academie, IReadOnlyList<ProjectSummarySchool> Schools, IReadOnlyList<ProjectTheme> Themes,
        DateOnly? PlannedStart, DateOnly? PlannedEnd);

    /// <summary>The listing of <paramref name="record"/>, its schools described by Projects' copy of the directory.</summary>
    public static async Task<string> BuildAsync(DbConnection connection, DbTransaction? transaction, ProjectTable.Record record)
    {
        var uais = record.Schools.Select(s => s.Uai).ToList();
        var known = (await connection.QueryAsync<ProjectSummarySchool>(SchoolsSql, new { Uais = uais }, transaction))
            .ToDictionary(s => s.Uai, StringComparer.Ordinal);
        var row = record.Row;
        return JsonSerializer.Serialize(
            new Document(
                row.Id, row.Title, row.Academie,
                [.. uais.Select(u => known.GetValueOrDefault(u) ?? new ProjectSummarySchool(u, null, null))],
                [.. record.Themes.Select(ProjectCodes.Parse<ProjectTheme>).Order()],
                row.PlannedStart, row.PlannedEnd),
            ApiJson.Options);
    }

    /// <summary>Rewrites the listing of every project of a school the directory has just described anew.</summary>
    public static async Task RefreshSchoolAsync(DbConnection connection, DbTransaction transaction, string uai)
    {
        foreach (var id in await connection.QueryAsync<Guid>(ProjectsOfSchoolSql, new { Uai = uai }, transaction))
        {
            await RefreshAsync(connection, transaction, id);
        }
    }

    /// <summary>Rewrites one project's listing from its current data.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, Guid id)
    {
        if (await ProjectTable.LoadAsync(connection, id, transaction) is { } record)
        {
            await connection.ExecuteAsync(WriteSql, new { Id = id, Listing = await BuildAsync(connection, transaction, record) }, transaction);
        }
    }

    /// <summary>
    /// Fills the listing of projects written before the column existed, before the API serves
    /// its first request (hosted services start before the server listens).
    /// </summary>
    internal sealed class Backfill(Db db) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var sql = db.Sql(MissingSql);
            while (true)
            {
                var ids = (await db.ReadAsync(c => c.QueryAsync<Guid>(sql, new { Take = 200 }), cancellationToken)).ToList();
                if (ids.Count == 0)
                {
                    return;
                }

                await db.WriteAsync(async (c, t) =>
                {
                    foreach (var id in ids)
                    {
                        await RefreshAsync(c, t, id);
                    }
                }, cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// A project of a list page: its stored listing and the three members read from their columns.
/// Written as the <see cref="ProjectSummary"/> the OpenAPI document describes.
/// </summary>
[JsonConverter(typeof(Converter))]
internal sealed class ListedProject
{
    public Guid Id { get; set; }
    public string Listing { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    internal sealed class Converter : JsonConverter<ListedProject>
    {
        private static readonly JsonWriterOptions TailOptions = new() { SkipValidation = true };

        public override ListedProject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A listed project is only written.");

        /// <summary>
        /// The listing without its closing brace, then status, updatedAt and version written by a
        /// JSON writer (so a time is spelt as everywhere else), then the brace: one raw value.
        /// </summary>
        public override void Write(Utf8JsonWriter writer, ListedProject value, JsonSerializerOptions options)
        {
            var listing = value.Listing.AsSpan().TrimEnd();
            if (listing.Length < 2 || listing[^1] != '}')
            {
                throw new InvalidOperationException($"Project {value.Id} has no stored listing.");
            }

            var buffer = new ArrayBufferWriter<byte>(Encoding.UTF8.GetMaxByteCount(listing.Length) + 96);
            Encoding.UTF8.GetBytes(listing[..^1], buffer);
            buffer.Write(","u8);
            using (var tail = new Utf8JsonWriter(buffer, TailOptions))
            {
                tail.WriteString("status"u8, value.Status);
                tail.WriteString("updatedAt"u8, value.UpdatedAt);
                tail.WriteNumber("version"u8, value.Version);
            }

            buffer.Write("}"u8);
            writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
        }
    }
}
