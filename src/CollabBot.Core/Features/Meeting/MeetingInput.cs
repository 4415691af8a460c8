using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Checks of the free-text and numeric meeting options, shared by schedule and edit.</summary>
internal static class MeetingInput
{
    public static Reply? Check(string? title, long? duration, string? kind, string? where, string usage)
    {
        if (title is not null && title.Trim().Length is 0 or > 200)
        {
            return Reply.Invalid("A meeting's title must be 1 to 200 characters.", usage);
        }

        if (duration is not null and (< 5 or > 24 * 60))
        {
            return Reply.Invalid($"--duration is in minutes, from 5 to 1440; {duration} is out of range.", usage);
        }

        if (kind is not null && kind.Trim().Length is 0 or > 40)
        {
            return Reply.Invalid("--kind is a short word such as general, expert, tutorial or hackathon.", usage);
        }

        if (where is not null && where.Trim().Length > 200)
        {
            return Reply.Invalid("--where is at most 200 characters.", usage);
        }

        return null;
    }
}
