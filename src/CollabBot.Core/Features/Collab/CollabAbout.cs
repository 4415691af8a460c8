using System.Reflection;
using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Collab;

[Command("collab about")]
public sealed class CollabAbout : CommandHandler<NoArgs>
{
    public static string Version { get; } =
        typeof(CollabAbout).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var dashboard = context.Options.Link("/");
        var reply = new ReplyBuilder("CollabBot " + Version)
            .Line("Working groups, meetings, author lists and datasets for research collaborations, in Slack, Discord and the web.")
            .Field("Dashboard", Line.Of(new Link(dashboard, dashboard)))
            .Field("Calendar", Line.Of(new Link(context.Options.Link("/calendar.ics"), context.Options.Link("/calendar.ics"))))
            .Field("Help", Line.Of(new Code("/collab help")))
            .Build();
        return Task.FromResult(reply);
    }
}
