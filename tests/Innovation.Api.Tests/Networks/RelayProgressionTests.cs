using Innovation.Modules.Networks.Domain;
using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Api.Tests.Networks;

/// <summary>The relay state machine and the training-plan grouping key, without HTTP.</summary>
public sealed class RelayProgressionTests
{
    private static readonly DateOnly September = new(2025, 9, 1);

    [TestCase(1, 2, true)]
    [TestCase(1, 3, false)]
    [TestCase(2, 3, true)]
    [TestCase(2, 2, false)]
    public void A_promotion_reaches_only_the_next_year(int year, int toYear, bool allowed)
    {
        var (after, refusal) = RelayProgression.Decide(year, false, September, RelayDecision.Promote, September.AddYears(1), toYear, Guid.NewGuid());
        (refusal is null).Should().Be(allowed);
        after.Should().Be(allowed ? toYear : year);
        if (!allowed)
        {
            refusal!.Code.Should().Be("relay_year_skipped");
        }
    }

    [Test]
    public void Year_two_needs_a_cpc_and_nothing_follows_year_three_or_a_stop()
    {
        RelayProgression.Decide(1, false, September, RelayDecision.Promote, September, null, null).Refusal!.Field.Should().Be("cpcId");
        RelayProgression.Decide(3, false, September, RelayDecision.Promote, September, null, null).Refusal!.Code.Should().Be("relay_at_last_year");
        RelayProgression.Decide(2, true, September, RelayDecision.Hold, September, null, null).Refusal!.Code.Should().Be("relay_stopped");
        RelayProgression.Decide(2, false, September, RelayDecision.Hold, September.AddDays(-1), null, null).Refusal!.Code.Should()
            .Be("relay_dates_out_of_order");
        RelayProgression.Decide(2, false, September, RelayDecision.Hold, September, null, null).Should().Be((2, (RelayProgression.Refusal?)null));
    }

    [TestCase("Évaluation par compétences", "evaluation par competences")]
    [TestCase("  ÉVALUATION   par compétences ! ", "evaluation par competences")]
    [TestCase("Climat scolaire / harcèlement", "climat scolaire harcelement")]
    public void Themes_group_ignoring_case_accents_punctuation_and_spaces(string theme, string key) =>
        TrainingNeeds.ThemeKey(theme).Should().Be(key);
}
