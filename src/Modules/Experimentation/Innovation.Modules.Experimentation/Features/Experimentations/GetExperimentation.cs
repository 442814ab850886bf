namespace Innovation.Modules.Experimentation.Features.Experimentations;

internal static class GetExperimentation
{
    public static void Map(IEndpointRouteBuilder experimentations) =>
        experimentations.MapReadById("/{id:guid}", ExperimentationTable.ReadVisibleAsync)
            .RequireAuthorization(Scopes.ExperimentationsRead)
            .WithName("GetExperimentation")
            .WithSummary("Read an experimentation")
            .WithDescription("One experimentation: its dossier, status and allowed actions, the DASEN's decision, the adoption, the families' "
                + "information, its reviews (each `overdue` when past its due date and not submitted) and its renewal. An experimentation of "
                + "another académie is a 404. Answers 304 to If-None-Match with its ETag.");
}
