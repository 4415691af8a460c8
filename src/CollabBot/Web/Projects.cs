using System.Text;
using CollabBot.Core;
using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary>Author-list downloads (<c>GET /authors/&lt;project&gt;.&lt;ext&gt;</c>); the project page is <see cref="Pages.ProjectPage"/>.</summary>
public static class Projects
{
    public static void MapProjects(this WebApplication app)
    {
        app.MapGet("/authors/{file}", DownloadAsync);
    }

    /// <summary>
    /// <c>jet-paper.revtex.tex</c>: the slug is everything before the first dot (slugs have none), the format
    /// everything after. <c>?order=contribution&amp;min-degree=lead</c> as in /credit authors.
    /// </summary>
    private static async Task<IResult> DownloadAsync(string file, string? order, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "min-degree")] string? minDegree,
        HttpContext http, CollabBotDbContext db, IOptionsMonitor<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var slug = (dot < 0 ? file : file[..dot]).ToLowerInvariant();
        var extension = dot < 0 ? "" : file[(dot + 1)..];
        var format = AuthorFormats.ByExtension(extension);
        var extensions = string.Join(", ", AuthorFormats.All.Select(f => "." + f.Extension));
        if (format is null)
        {
            return Results.Text($"'{extension}' is not an author-list format. Use one of: {extensions}.", "text/plain; charset=utf-8", statusCode: 404);
        }

        if (!AuthorDownloads.TryParseOptions(order, minDegree, out var options, out var error))
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: 400);
        }

        var list = await LoadAsync(db, slug, options, bot.CurrentValue, clock, cancellationToken);
        if (list is null)
        {
            var suggestion = Suggest.Closest(slug, await db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken));
            return Results.Text($"There is no project '{slug}'.{(suggestion is null ? "" : $" Did you mean {suggestion}?")}", "text/plain; charset=utf-8", statusCode: 404);
        }

        var rendered = AuthorFormats.Render(format.Format, list);
        var name = AuthorFormats.FileName(format.Format, list.Project.Slug);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(rendered.Content, format.ContentType, Encoding.UTF8);
    }

    /// <summary>The author list of a project with its dashboard address filled in, or null when there is no such project.</summary>
    public static async Task<AuthorList?> LoadAsync(CollabBotDbContext db, string slug, AuthorListOptions options, BotOptions bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var list = await new AuthorListQuery(db).LoadAsync(slug, options, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        return list is null ? null : list with { Project = list.Project with { Url = bot.Link($"/projects/{list.Project.Slug}") } };
    }
}
