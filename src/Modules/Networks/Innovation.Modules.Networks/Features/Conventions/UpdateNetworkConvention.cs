using Innovation.Modules.Networks.Features.Networks;

namespace Innovation.Modules.Networks.Features.Conventions;

internal static class UpdateNetworkConvention
{
    internal sealed class Validator(IValidator<ConventionDraft> draft)
        : ReplaceInNetwork<ConventionDraft, ConventionTable.Row>.Validator(draft);

    internal sealed class Handler(Db db, TimeProvider time)
        : ReplaceInNetwork<ConventionDraft, ConventionTable.Row>.Handler(db, time, ConventionTable.Child);

    public static void Map(IEndpointRouteBuilder networks) =>
        ReplaceInNetwork<ConventionDraft, ConventionTable.Row>.MapReplace(networks, "conventions", "conventionId", row => row.ToConvention())
            .WithName("UpdateNetworkConvention")
            .WithSummary("Replace a partnership convention")
            .WithDescription("Replaces every field of a convention. Requires If-Match with the convention's ETag.");
}
