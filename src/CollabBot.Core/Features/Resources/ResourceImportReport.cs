using CollabBot.Core.Replies;
using CollabBot.Core.Resources.Formats;

namespace CollabBot.Core.Features.Resources;

/// <summary>An import's outcome in words, for <c>/resource import</c> and the <c>import resources</c> verb alike.</summary>
public static class ResourceImportReport
{
    public const int ProblemsShown = 10;

    public static Reply Build(ImportReport report, string source, string? group)
    {
        var into = group is null ? "the library" : $"{group}'s library";
        var b = new ReplyBuilder(report.Added.Count == 0
            ? $"Nothing new from {source}"
            : $"Imported {ResourceLines.Count(report.Added.Count, "resource", "resources")} from {source} into {into}");
        if (report.Added.Count > 0)
        {
            var ids = report.Added.Select(r => r.Id).Order().ToList();
            b.Field("New", ids.Count == 1 ? $"#{ids[0]}" : $"#{ids[0]} to #{ids[^1]}");
        }

        b.Field("Already there", report.AlreadyThere == 0 ? "none" : $"{ResourceLines.Count(report.AlreadyThere, "entry", "entries")} (same address, arXiv id or DOI), left as they were"
            + (report.JoinedGroups > 0 ? $"; {report.JoinedGroups} joined {into}" : ""));
        b.Field("Not imported", report.Problems.Count == 0 ? "none" : ResourceLines.Count(report.Problems.Count, "entry", "entries") + ", by line:");
        foreach (var p in report.Problems.Take(ProblemsShown))
        {
            b.Line(p.Line > 0 ? $"line {p.Line}: {p.Message}" : p.Message);
        }

        if (report.Problems.Count > ProblemsShown)
        {
            b.Line($"…and {report.Problems.Count - ProblemsShown} more.");
        }

        if (report.Added.Count > 0)
        {
            b.Line("Importing the same file again changes nothing.");
        }

        return b.Build();
    }
}
