using System.Text;

namespace CollabBot.Core.Replies;

/// <summary>Renders a reply as plain text: the console platform, logs and tests.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply)
    {
        var sb = new StringBuilder();
        if (reply.Title is not null)
        {
            sb.AppendLine(reply.Title);
        }

        foreach (var section in reply.Sections)
        {
            if (section.Heading is not null)
            {
                if (sb.Length > 0)
                {
                    sb.AppendLine();
                }

                sb.AppendLine(section.Heading);
            }

            foreach (var field in section.Fields)
            {
                sb.Append("  ").Append(field.Label).Append(": ").AppendLine(field.Value.Plain);
            }

            foreach (var line in section.Lines)
            {
                sb.AppendLine(line.Plain);
            }
        }

        foreach (var action in reply.Actions ?? [])
        {
            sb.Append("[").Append(action.Label).Append("] ").AppendLine(action.CommandLine);
        }

        return sb.ToString().TrimEnd();
    }
}
