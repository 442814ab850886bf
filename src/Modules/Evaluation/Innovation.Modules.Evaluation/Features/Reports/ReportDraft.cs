using Innovation.Modules.Networks.Contracts;

namespace Innovation.Modules.Evaluation.Features.Reports;

/// <summary>What a report capitalises (seed 000 § II.4.3).</summary>
internal enum ReportKind
{
    /// <summary>A practice narrative (récit de pratique): an experience told by those who lived it.</summary>
    PracticeNarrative,

    /// <summary>A project monograph: the whole story of a project and what others can learn from it.</summary>
    Monograph,
}

/// <summary>What a report is attached to.</summary>
internal enum ReportAttachmentType
{
    Project,
    Experimentation,
    Network,
}

/// <summary>What a report is attached to.</summary>
/// <param name="Type">project, experimentation or network.</param>
/// <param name="Id">The project's, experimentation's or network's id, of the report's académie.</param>
internal sealed record ReportAttachment(ReportAttachmentType? Type, Guid? Id);

/// <summary>An author of a report as a client writes it.</summary>
/// <param name="Name" example="Camille Martin">The author's name (at most 200 characters).</param>
/// <param name="PersonId">The author's id in the académie's people directory, if they are in it (erasure finds them by it).</param>
internal sealed record AuthorDraft(string? Name, Guid? PersonId);

/// <summary>A practice narrative or a monograph as a client writes it (create, replace).</summary>
/// <param name="Kind">practiceNarrative or monograph.</param>
/// <param name="Title" example="Une classe dehors, une année de récits">Title (at most 200 characters).</param>
/// <param name="Text" example="Nous avons commencé par une demi-journée par semaine…">The narrative or monograph (at most 100,000
/// characters).</param>
/// <param name="Authors">Its authors (1–20).</param>
/// <param name="Links">Absolute http(s) addresses (at most 20, each at most 800 characters), stored, never fetched.</param>
/// <param name="AttachedTo">The project, experimentation or network it is about; taken to be of the report's académie.</param>
/// <param name="Academie" example="25">Académie code or name; defaults to the caller's. A national credential must give it on creation.</param>
internal sealed record ReportDraft(
    ReportKind? Kind, string? Title, string? Text, IReadOnlyList<AuthorDraft>? Authors, IReadOnlyList<string>? Links, ReportAttachment? AttachedTo,
    string? Academie)
{
    /// <summary>The report's académie: the one named, else the caller's; a 400 for an unknown one or none, a 403 for another one.</summary>
    public Task<string> AcademieAsync(IMediator mediator, Caller caller, CancellationToken cancellationToken) =>
        DraftAcademie.ResolveAsync(Academie, mediator, caller, cancellationToken);

    /// <summary>The 400 when an author's person id is not of <paramref name="academie"/>'s directory (asked through Networks).</summary>
    public async Task CheckAuthorsAsync(IMediator mediator, string academie, CancellationToken cancellationToken)
    {
        var ids = (Authors ?? []).Where(a => a.PersonId is not null).Select(a => a.PersonId!.Value).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var known = (await mediator.Send(new FindPeople(ids), cancellationToken)).Where(p => p.Academie == academie)
            .Select(p => p.PersonId).ToHashSet();
        var errors = Authors!.Select((a, i) => (a, i)).Where(x => x.a.PersonId is { } id && !known.Contains(id))
            .ToDictionary(x => $"authors[{x.i}].personId", _ => new[] { "Not a person of the report's académie directory." });
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}

internal sealed class ReportDraftValidator : AbstractValidator<ReportDraft>
{
    public ReportDraftValidator()
    {
        RuleFor(r => r.Kind).NotNull();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Text).NotEmpty().MaximumLength(100_000);
        RuleFor(r => r.Authors).NotEmpty().Must(a => a is null || a.Count <= 20).WithMessage("At most 20 authors.");
        RuleForEach(r => r.Authors).NotNull().ChildRules(author => author.RuleFor(a => a.Name).NotEmpty().MaximumLength(200));
        RuleFor(r => r.Links).Must(l => l is null || l.Count <= 20).WithMessage("At most 20 links.");
        RuleForEach(r => r.Links).NotEmpty().MaximumLength(800).Must(IsWebAddress)
            .WithMessage("A link is an absolute http or https address (the server never fetches it).");
        RuleFor(r => r.AttachedTo!).NotNull().ChildRules(attached =>
        {
            attached.RuleFor(a => a.Type).NotNull().WithName("attachedTo.type");
            attached.RuleFor(a => a.Id).NotEmpty().WithName("attachedTo.id");
        });
    }

    /// <summary>An absolute http(s) address with a host; only stored and shown, never fetched (no server-side request).</summary>
    internal static bool IsWebAddress(string? link) =>
        link is not null && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}
