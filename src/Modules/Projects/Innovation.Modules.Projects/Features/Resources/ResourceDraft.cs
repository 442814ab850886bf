using FluentValidation;

namespace Innovation.Modules.Projects.Features.Resources;

/// <summary>What a resource is. The JSON codes are lower case (<c>audio</c>, <c>siteweb</c>…); the upper-case forms of the issue (<c>AUDIO</c>, <c>SITEWEB</c>…) are accepted too.</summary>
internal enum ResourceKind
{
    Audio,
    Video,
    Document,

    /// <summary>A diagram, mind map or drawing (<i>schéma</i>).</summary>
    Schema,

    /// <summary>A website (<i>site web</i>).</summary>
    Siteweb,
}

/// <summary>A resource produced by or for the project, as a client writes it.</summary>
/// <param name="Kind">What the resource is.</param>
/// <param name="Title" example="Carnet d'observation des élèves">Title.</param>
/// <param name="Url" example="https://www.ac-versailles.fr/classe-dehors/carnet.pdf">Where it is: an absolute http or https URL.</param>
/// <param name="Licence" example="CC-BY-4.0">Its licence, free text (an SPDX identifier such as CC-BY-4.0, CC-BY-NC-SA-4.0 or etalab-2.0 is best).</param>
internal sealed record ResourceDraft(ResourceKind? Kind, string? Title, string? Url, string? Licence);

internal sealed class ResourceDraftValidator : AbstractValidator<ResourceDraft>
{
    public ResourceDraftValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2000)
            .Must(IsWebAddress).When(r => !string.IsNullOrWhiteSpace(r.Url))
            .WithMessage("The URL must be an absolute http:// or https:// address.");
        RuleFor(r => r.Licence).MaximumLength(100);
    }

    /// <summary>Only absolute http(s) URLs with a host: no javascript:, data:, ftp:, file: or relative links reach a front end.</summary>
    internal static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}
