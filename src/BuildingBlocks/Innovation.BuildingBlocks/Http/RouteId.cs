using Microsoft.AspNetCore.Mvc;

namespace Innovation.BuildingBlocks.Http;

/// <summary>
/// The <c>{id:guid}</c> of a route as the parameters of a <see cref="VersionedEndpoints.MapQuery{TParameters, TResult}"/>: the GET of an
/// unversioned read about one resource (its checklist, its results).
/// </summary>
public sealed record RouteId([property: FromRoute(Name = "id")] Guid Id);
