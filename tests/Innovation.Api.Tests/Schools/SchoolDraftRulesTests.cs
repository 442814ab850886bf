using FluentValidation;
using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Schools;

namespace Innovation.Api.Tests.Schools;

/// <summary>
/// Imports check each row with <see cref="SchoolDraftValidator.Accepts"/>, a hand-written copy of the
/// validator's rules, and run the validator only on the rows it refuses. A row the copy accepts is
/// written without the validator's word, so the two must agree: on every case here, and on the list
/// of rules (a rule added to the validator fails the last test until the copy has it too).
/// </summary>
public sealed class SchoolDraftRulesTests
{
    private static readonly Territory.Snapshot Territory = new(
        [new("01", "Paris"), new("25", "Versailles"), new("27", "Corse"), new("32", "Guadeloupe")],
        [new("075", "Paris", "01"), new("095", "Val-d'Oise", "25"), new("02A", "Corse-du-Sud", "27"), new("971", "Guadeloupe", "32")]);

    private static readonly SchoolDraft Valid = new(
        "0951099D", "Lycée Évariste Galois", SchoolType.Lycee, SchoolSector.Public, "14 rue Jean Jaurès", "95500", "Gonesse", "095", "25",
        "Gonesse", PriorityEducation.Rep, 48.9866, 2.4492, SchoolStatus.Open);

    private static string WithLetter(string sevenDigits) => sevenDigits + Uai.CheckLetter(sevenDigits);

    private static readonly Dictionary<string, SchoolDraft> Cases = new()
    {
        ["valid"] = Valid,
        ["minimal"] = new(WithLetter("0750001"), "École", SchoolType.Ecole, SchoolSector.Private, null, null, null, "75", null, null, null, null,
            null, null),
        ["uai missing"] = Valid with { Uai = null },
        ["uai blank"] = Valid with { Uai = "  " },
        ["uai of 7 characters"] = Valid with { Uai = "095109D" },
        ["uai of 9 characters"] = Valid with { Uai = "0951099DD" },
        ["uai in lower case"] = Valid with { Uai = "0951099d" },
        ["uai with a wrong check letter"] = Valid with { Uai = "0951099E" },
        ["uai with a letter among the digits"] = Valid with { Uai = "09510X9D" },
        ["uai with non-ASCII digits"] = Valid with { Uai = "٠٩٥١٠٩٩D" },
        ["uai with an accented letter"] = Valid with { Uai = "0951099É" },
        ["uai of no département"] = Valid with { Uai = WithLetter("1230001") },
        ["uai of Corsica"] = Valid with { Uai = WithLetter("6200001"), Departement = "2A", Academie = "Corse", Postcode = "20000" },
        ["uai of Guadeloupe"] = Valid with { Uai = WithLetter("9710001"), Departement = "971", Academie = "32" },
        ["uai of another département"] = Valid with { Uai = WithLetter("0750002") },
        ["name missing"] = Valid with { Name = null },
        ["name blank"] = Valid with { Name = " " },
        ["name of 200 characters"] = Valid with { Name = new string('n', 200) },
        ["name of 201 characters"] = Valid with { Name = new string('n', 201) },
        ["type missing"] = Valid with { Type = null },
        ["sector missing"] = Valid with { Sector = null },
        ["address of 300 characters"] = Valid with { Address = new string('a', 300) },
        ["address of 301 characters"] = Valid with { Address = new string('a', 301) },
        ["commune of 100 characters"] = Valid with { Commune = new string('c', 100) },
        ["commune of 101 characters"] = Valid with { Commune = new string('c', 101) },
        ["circonscription of 200 characters"] = Valid with { Circonscription = new string('c', 200) },
        ["circonscription of 201 characters"] = Valid with { Circonscription = new string('c', 201) },
        ["postcode of 4 digits"] = Valid with { Postcode = "9550" },
        ["postcode of 6 digits"] = Valid with { Postcode = "955000" },
        ["postcode with a letter"] = Valid with { Postcode = "95a00" },
        ["postcode with non-ASCII digits"] = Valid with { Postcode = "٩٥٥٠٠" },
        ["no coordinates"] = Valid with { Latitude = null, Longitude = null },
        ["latitude alone"] = Valid with { Longitude = null },
        ["longitude alone"] = Valid with { Latitude = null },
        ["latitude 90 and longitude -180"] = Valid with { Latitude = 90, Longitude = -180 },
        ["latitude -90 and longitude 180"] = Valid with { Latitude = -90, Longitude = 180 },
        ["latitude over 90"] = Valid with { Latitude = 90.000001 },
        ["longitude under -180"] = Valid with { Longitude = -180.5 },
        ["latitude not a number"] = Valid with { Latitude = double.NaN },
        ["longitude infinite"] = Valid with { Longitude = double.PositiveInfinity },
        ["département missing"] = Valid with { Departement = null },
        ["département blank"] = Valid with { Departement = "  " },
        ["département of two digits"] = Valid with { Departement = "95" },
        ["département of four characters"] = Valid with { Departement = "0095" },
        ["département unknown"] = Valid with { Departement = "099" },
        ["département in lower case"] = Valid with { Uai = WithLetter("6200002"), Departement = "02a", Academie = "27", Postcode = null },
        ["académie missing"] = Valid with { Academie = null },
        ["académie blank"] = Valid with { Academie = " " },
        ["académie by name"] = Valid with { Academie = "Versailles" },
        ["académie by name in capitals"] = Valid with { Academie = "VERSAILLES" },
        ["académie of another département"] = Valid with { Academie = "01" },
        ["académie of another département by name"] = Valid with { Academie = "Paris" },
        ["académie unknown"] = Valid with { Academie = "99" },
        ["académie unknown with an unknown département"] = Valid with { Academie = "99", Departement = "099" },
        ["académie without a département"] = Valid with { Departement = null },
    };

    public static IEnumerable<TestCaseData> Drafts() => Cases.Keys.Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(Drafts))]
    public void The_hand_written_rules_agree_with_the_validator(string name)
    {
        var draft = Cases[name];
        var result = new SchoolDraftValidator(Territory).Validate(draft);

        SchoolDraftValidator.Accepts(draft, Territory).Should().Be(result.IsValid,
            result.IsValid ? "the validator accepts this draft" : $"the validator refuses it: " +
                $"{string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
    }

    [Test]
    public void Every_rule_of_the_validator_is_one_the_hand_written_rules_know()
    {
        // When this list changes, SchoolDraftValidator.Accepts must change with it (and a case above must show the new rule).
        Rules(new SchoolDraftValidator(Territory)).Should().Equal(
            "Uai: NotEmptyValidator",
            "Uai: RegularExpressionValidator",
            "Uai (dependent): PredicateValidator",
            "Name: NotEmptyValidator",
            "Name: MaximumLengthValidator",
            "Type: NotNullValidator",
            "Sector: NotNullValidator",
            "Address: MaximumLengthValidator",
            "Postcode: RegularExpressionValidator",
            "Commune: MaximumLengthValidator",
            "Circonscription: MaximumLengthValidator",
            "Latitude: InclusiveBetweenValidator",
            "Longitude: InclusiveBetweenValidator",
            "Longitude: NotNullValidator (conditional)",
            "Latitude: NotNullValidator (conditional)",
            "Departement: NotEmptyValidator",
            "Departement: MaximumLengthValidator",
            "Departement (dependent): PredicateValidator",
            "Academie: PredicateValidator");
    }

    private static IEnumerable<string> Rules(IEnumerable<IValidationRule> rules, string suffix = "")
    {
        foreach (var rule in rules)
        {
            foreach (var component in rule.Components)
            {
                var conditional = component.HasCondition || component.HasAsyncCondition ? " (conditional)" : "";
                yield return $"{rule.PropertyName}{suffix}: {component.Validator.Name}{conditional}";
            }

            if (rule.DependentRules is { } dependent)
            {
                foreach (var line in Rules(dependent, " (dependent)"))
                {
                    yield return line;
                }
            }
        }
    }
}
