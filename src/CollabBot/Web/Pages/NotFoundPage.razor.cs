using CollabBot.Core.Values;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class NotFoundPage
{
    /// <summary>A kind of thing with pages: what it is called, where its pages are, and the page that lists them all.</summary>
    public sealed record Kind(string Noun, string PagePrefix, string ListPath, string ListText);

    public static readonly Kind Groups = new("working group", "/wg/", "/", "All groups");
    public static readonly Kind Datasets = new("dataset", "/datasets/", "/datasets", "All datasets");
    public static readonly Kind Projects = new("project", "/projects/", "/", "All groups");
    public static readonly Kind Challenges = new("challenge", "/challenges/", "/challenges", "All challenges");

    public sealed record View(Kind Kind, string Slug, string? Suggestion);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    /// <summary>The 404 page for <paramref name="slug"/>, suggesting the closest of <paramref name="slugs"/>.</summary>
    public static async Task<IResult> ForAsync(Kind kind, string slug, IQueryable<string> slugs, CancellationToken cancellationToken)
    {
        var suggestion = Suggest.Closest(slug, await slugs.ToListAsync(cancellationToken));
        return Dashboard.Page<NotFoundPage>(new { Model = new View(kind, slug, suggestion) }, StatusCodes.Status404NotFound);
    }
}
