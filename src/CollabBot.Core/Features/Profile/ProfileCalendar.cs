using CollabBot.Core.Calendars;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Profile;

/// <summary>
/// <c>/profile calendar [--revoke]</c>: a fresh address for the caller's personal feed (the previous one stops
/// working), or with <c>--revoke</c> none. The reply is private: the address is the only key to the feed.
/// </summary>
[Command("profile calendar")]
public sealed class ProfileCalendar : CommandHandler<ProfileCalendar.Args>
{
    public sealed record Args(bool Revoke);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var ended = await PersonalCalendars.RevokeAsync(context.Db, context.Caller, context.Now, cancellationToken);
        if (args.Revoke)
        {
            return Reply.Message(ended == 0
                ? "You have no personal calendar feed, so there was nothing to end."
                : "Your personal calendar feed is ended: its address no longer works. /profile calendar issues a new one.");
        }

        var token = PersonalCalendars.NewToken();
        context.Db.CalendarTokens.Add(new CalendarToken { PersonId = context.Caller.Id, Person = context.Caller, Hash = PersonalCalendars.Hash(token), IssuedAt = context.Now });
        var url = context.Options.Link(PersonalCalendars.Path(token));
        var b = new ReplyBuilder("Your personal calendar feed")
            .Line(Line.Of(new Link(url, url)))
            .Line("The meetings of your groups, with an alarm at each of their reminder times. Subscribe to it in your calendar app; it follows the groups you join and leave.")
            .Line("Keep the address to yourself: anyone who has it sees these meetings. /profile calendar gives a new one and ends this one; /profile calendar --revoke ends it.");
        if (ended > 0)
        {
            b.Line("Your previous address no longer works.");
        }

        return b.Build();
    }
}
