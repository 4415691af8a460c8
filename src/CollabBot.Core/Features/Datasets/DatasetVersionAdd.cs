using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

/// <summary><c>/dataset version</c>: records a release once; the same version string again is refused, never overwritten.</summary>
[Command("dataset version")]
public sealed class DatasetVersionAdd : CommandHandler<DatasetVersionAdd.Args>
{
    public sealed record Args(string Version, string? Doi, string? Url, string? Date, string? Notes);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.Ref<Dataset>();

        var name = args.Version.Trim();
        if (!DatasetRefs.IsVersion(name))
        {
            return Reply.Invalid($"'{Clip(name, 40)}' is not a version string: use letters, digits and . _ + -, at most 64 characters (e.g. 1.2.0).", context.Usage);
        }

        var notes = args.Notes?.Trim();
        if (notes is { Length: > 2000 })
        {
            return Reply.Invalid("--notes can be at most 2000 characters.", context.Usage);
        }

        string? doi = null;
        if (args.Doi is not null && !DatasetRefs.TryParseDoi(args.Doi, out doi))
        {
            return Reply.Invalid($"'{Clip(args.Doi, 40)}' is not a DOI: use the form 10.5281/zenodo.1234567.", context.Usage);
        }

        var ds = dataset;
        var existing = ds.Versions.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            return Reply.Refused($"{ds.Slug} {existing.Name} is already recorded (released {existing.ReleasedOn}); versions are never overwritten. Record the change as a new version, e.g. {Bump(existing.Name)}.");
        }

        var version = new DatasetVersion
        {
            Dataset = ds,
            DatasetId = ds.Id,
            Name = name,
            Doi = doi,
            Url = args.Url,
            ReleasedOn = args.Date ?? DatasetRefs.Today(context),
            Notes = notes is { Length: > 0 } ? notes : null,
            RecordedByPersonId = context.Caller.Id,
            RecordedAt = context.Now,
        };
        ds.Versions.Add(version);

        var announcement = Announcement(ds, version, context.Caller);
        await context.Outbox.ToGroupChannelsAsync(ds.Group, announcement, cancellationToken);
        var groupChannels = await context.Db.ChannelLinks.AsNoTracking()
            .Where(c => c.GroupId == ds.GroupId && c.UnlinkedAt == null)
            .Select(c => new { c.Platform, c.Tenant, c.ChannelId })
            .ToListAsync(cancellationToken);
        var tracking = await context.Db.DatasetTrackings.AsNoTracking()
            .Where(t => t.DatasetId == ds.Id && t.EndedAt == null)
            .ToListAsync(cancellationToken);
        var told = groupChannels.Count;
        foreach (var t in tracking.Where(t => !groupChannels.Contains(new { t.Platform, t.Tenant, t.ChannelId })))
        {
            // A channel both linked to the group and tracking the dataset hears it once.
            await context.Outbox.ToChannelAsync(new ChannelAddress(t.Platform, t.Tenant, t.ChannelId), announcement, cancellationToken);
            told++;
        }

        var b = new ReplyBuilder($"Recorded {ds.Slug} {version.Name}")
            .Field("Released", version.ReleasedOn);
        if (version.Doi is not null)
        {
            b.Field("DOI", Line.Of(new Link(DatasetRefs.DoiUrl(version.Doi), version.Doi)));
        }

        b.Line(told == 0
            ? "No channel is linked to the group or tracking the dataset, so nobody was told."
            : $"Announced in {told} channel{(told == 1 ? "" : "s")}.");
        b.Line(Line.Of(new Text("Cite it with "), new Code($"/dataset cite {ds.Slug} --version {version.Name}"), new Text(".")));
        return b.Build();
    }

    private static Reply Announcement(Dataset dataset, DatasetVersion version, Person by)
    {
        var b = new ReplyBuilder($"New version: {dataset.Title} {version.Name}")
            .Line($"{dataset.Group.Name} released {dataset.Slug} {version.Name} on {version.ReleasedOn} (recorded by {by.DisplayName}).");
        if (version.Notes is not null)
        {
            b.Field("What changed", version.Notes);
        }

        if (version.Doi is not null)
        {
            b.Field("DOI", Line.Of(new Link(DatasetRefs.DoiUrl(version.Doi), version.Doi)));
        }

        if (version.Url is not null)
        {
            b.Field("Download", Line.Of(new Link(version.Url, version.Url)));
        }

        b.Line(Line.Of(new Text("Cite it: "), new Code($"/dataset cite {dataset.Slug} --version {version.Name}")));
        return b.Build();
    }

    /// <summary>A suggestion for the next version: the last number bumped (1.2.0 → 1.2.1), else "-2" appended.</summary>
    private static string Bump(string name)
    {
        var i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1]))
        {
            i--;
        }

        return i < name.Length && long.TryParse(name[i..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < long.MaxValue
            ? name[..i] + (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : name + "-2";
    }
}
