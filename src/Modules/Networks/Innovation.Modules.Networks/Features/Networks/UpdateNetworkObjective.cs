
namespace Innovation.Modules.Networks.Features.Networks;

internal static class UpdateNetworkObjective
{
    internal sealed class Validator(IValidator<ObjectiveDraft> draft) : ReplaceInNetwork<ObjectiveDraft, ObjectiveTable.Row>.Validator(draft);

    internal sealed class Handler(Db db, TimeProvider time)
        : ReplaceInNetwork<ObjectiveDraft, ObjectiveTable.Row>.Handler(db, time, ObjectiveTable.Child);

    public static void Map(IEndpointRouteBuilder networks) =>
        ReplaceInNetwork<ObjectiveDraft, ObjectiveTable.Row>.MapReplace(networks, "objectives", "objectiveId", row => row.ToObjective())
            .WithName("UpdateNetworkObjective")
            .WithSummary("Replace an objective (e.g. its status)")
            .WithDescription("Replaces an objective's year, title, description and status. Requires If-Match with the objective's ETag.");
}
