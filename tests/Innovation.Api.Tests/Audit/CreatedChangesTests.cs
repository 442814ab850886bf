using Innovation.BuildingBlocks.Audit;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Api.Tests.Audit;

/// <summary>
/// The school import writes a new school's audit changes from its columns (<see cref="AuditChanges.Created"/>) instead of
/// serializing the school and comparing it with nothing; the stored entry must be the very text the comparison writes.
/// </summary>
public sealed class CreatedChangesTests
{
    public static IEnumerable<TestCaseData> Rows() =>
    [
        new TestCaseData(Row("0951099D", "Lycée Évariste Galois", "lycee", "public", "14 rue Jean Jaurès", "95500", "Gonesse", "095", "25",
                "Gonesse", "rep", 48.98661, 2.4492, "open"))
            .SetArgDisplayNames("accents and coordinates"),
        new TestCaseData(Row("0750001X", "École \"Les <Tilleuls>\" & co", "ecole", "private", null, null, null, "075", "01", null, "none",
                null, null, "closed"))
            .SetArgDisplayNames("nulls and characters to escape"),
        new TestCaseData(Row("9710001A", "Collège 漢字 😀", "college", "public", "l'Anse\\Bertrand\t", "97110", "Pointe-à-Pitre", "971",
                "32", "X", "repPlus", -61.5, 2.0, "open"))
            .SetArgDisplayNames("non-Latin text, escapes, negative and whole numbers"),
        new TestCaseData(Row("0010001A", "Erea", "erea", "public", "", "01000", "Bourg", "001", "10", "", "none", 1e-7, 123456.789012345, "open"))
            .SetArgDisplayNames("empty texts and extreme numbers"),
    ];

    [TestCaseSource(nameof(Rows))]
    public void A_new_school_s_changes_are_those_the_comparison_writes(object row)
    {
        var school = (SchoolTable.Row)row;

        var compared = AuditChanges.Between(null, AuditChanges.Snapshot(school.ToSchool()), []);

        school.CreatedChanges().Should().NotBeNull().And.Be(compared);
    }

    [Test]
    public void Personal_fields_are_marked_and_bookkeeping_and_null_values_left_out()
    {
        var written = AuditChanges.Created([("name", "Ada"), ("version", 1), ("id", "x"), ("note", null), ("age", 36)], ["name"]);

        written.Should().Be("""[{"field":"age","before":null,"after":36},{"field":"name","before":null,"after":"Ada","personal":true}]""");
        AuditChanges.Created([("note", null)]).Should().BeNull("nothing was written");
    }

    [Test]
    public void Guid_order_is_the_text_order_sqlite_keeps_the_ids_in()
    {
        // RecordManyAsync sorts a batch's entries by id so that they are appended to the (occurred_at, id) key in order.
        var ids = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToList();

        ids.Order().Select(i => i.ToString("D")).Should().Equal(ids.Select(i => i.ToString("D")).Order(StringComparer.Ordinal));
    }

    private static SchoolTable.Row Row(
        string uai, string name, string type, string sector, string? address, string? postcode, string? commune, string departement,
        string academie, string? circonscription, string priority, double? latitude, double? longitude, string status) =>
        new()
        {
            Uai = uai, Name = name, Type = type, Sector = sector, Address = address, Postcode = postcode, Commune = commune,
            Departement = departement, Academie = academie, Circonscription = circonscription, PriorityEducation = priority,
            Latitude = latitude, Longitude = longitude, Status = status,
        };
}
