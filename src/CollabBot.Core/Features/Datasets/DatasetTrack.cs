using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset track")]
public sealed class DatasetTrack(IGitHubIssues github) : CommandHandler<NoArgs>
{
        public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.Ref<Dataset>();

        var d = dataset;
        if (context.Channel is not { } channel)
        {
            return Reply.Invalid($"Run /dataset track {d.Slug} in the channel that should get the issue events (on the console, give the channel: say \"/dataset track {d.Slug}\" --channel <id>).");
        }

        if (!d.HasRepository)
        {
            return Reply.Invalid($"{d.Slug} has no GitHub repository, so there are no issue events to track.");
        }

        var tracking = await context.Db.DatasetTrackings.AnyAsync(
            t => t.DatasetId == d.Id && t.Platform == channel.Platform && t.Tenant == channel.Tenant && t.ChannelId == channel.ChannelId && t.EndedAt == null, cancellationToken);
        if (tracking)
        {
            return Reply.Message($"This channel already tracks {d.Slug}.");
        }

        if (!await context.Db.DatasetTrackings.AnyAsync(t => t.DatasetId == d.Id && t.EndedAt == null, cancellationToken)
            && await context.Db.GitHubPollStates.FirstOrDefaultAsync(s => s.DatasetId == d.Id, cancellationToken) is { } state)
        {
            // Tracked again after a pause: start from now, so issues opened while nobody tracked it are not announced as news.
            state.Since = context.Now;
            state.IssueStates = "{}";
            state.ETag = null;
            state.RequestKey = null;
        }

        context.Db.DatasetTrackings.Add(new DatasetTracking
        {
            Dataset = d,
            DatasetId = d.Id,
            Platform = channel.Platform,
            Tenant = channel.Tenant,
            ChannelId = channel.ChannelId,
            StartedAt = context.Now,
            StartedByPersonId = context.Caller.Id,
        });
        var b = new ReplyBuilder(null)
            .Line($"This channel now tracks {d.Slug}: issues labelled {d.IssueLabel} on {d.Repository} that are opened, closed, reopened, labelled or commented on will be posted here.");
        if (!github.IsConfigured)
        {
            b.Line("Note: GitHub is not connected on this deployment yet, so events arrive only once an admin sets GitHub:Token (polling) or GitHub:WebhookSecret (webhooks).");
        }

        return b.Build();
    }
}
