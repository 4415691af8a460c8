using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting calendar")]
public sealed class MeetingCalendar : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var path = context.Group is { } group ? $"/calendar/{group.Slug}.ics" : "/calendar.ics";
        var url = context.Options.Link(path);
        var webcal = url.StartsWith("https://", StringComparison.Ordinal) ? "webcal://" + url["https://".Length..]
            : url.StartsWith("http://", StringComparison.Ordinal) ? "webcal://" + url["http://".Length..] : url;
        var reply = new ReplyBuilder(context.Group is { } g ? $"Calendar of {g.Slug}" : "Calendar of all groups")
            .Field("Subscribe", Line.Of(new Link(url, url)))
            .Field("Calendar apps", Line.Of(new Code(webcal)))
            .Line("Add it as a subscribed (internet) calendar: cancellations and moves then update by themselves.")
            .Build();
        return Task.FromResult(reply);
    }
}
