using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

[assembly: Innovation.Api.Tests.ShuffledTestOrder]

namespace Innovation.Api.Tests;

/// <summary>
/// With <c>TEST_ORDER_SEED</c> set (any integer), every fixture and every test runs in an order drawn
/// from that seed instead of NUnit's usual name order, to show that no test depends on another having
/// run before it: <c>TEST_ORDER_SEED=42 make test</c>. The seed is printed, so a failing order can be
/// run again as it was.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ShuffledTestOrderAttribute : Attribute, IApplyToTest
{
    public const string SeedVariable = "TEST_ORDER_SEED";

    public void ApplyToTest(Test test)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed))
        {
            return;
        }

        TestContext.Progress.WriteLine($"Tests in an order shuffled with {SeedVariable}={seed}");
        var random = new Random(seed);
        Shuffle(test, random);
    }

    // NUnit runs the children that carry an order first, in ascending order: giving each one a
    // random order shuffles every level (namespaces, fixtures, engines, tests).
    private static void Shuffle(ITest test, Random random)
    {
        foreach (var child in test.Tests)
        {
            child.Properties.Set(PropertyNames.Order, random.Next());
            Shuffle(child, random);
        }
    }
}
