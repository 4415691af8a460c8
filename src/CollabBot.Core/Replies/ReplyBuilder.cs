namespace CollabBot.Core.Replies;

/// <summary>Fluent construction of a <see cref="Reply"/>: sections of fields and lines.</summary>
public sealed class ReplyBuilder(string? title)
{
    private readonly List<Section> sections = [];
    private readonly List<ReplyAction> actions = [];
    private string? heading;
    private List<Field> fields = [];
    private List<Line> lines = [];

    public ReplyBuilder Field(string label, Line value)
    {
        fields.Add(new Field(label, value));
        return this;
    }

    public ReplyBuilder Line(Line line)
    {
        lines.Add(line);
        return this;
    }

    public ReplyBuilder Line(params Inline[] parts) => Line(new Line(parts));

    public ReplyBuilder Lines(IEnumerable<Line> many)
    {
        lines.AddRange(many);
        return this;
    }

    /// <summary>Closes the current section and opens a new one under <paramref name="newHeading"/>.</summary>
    public ReplyBuilder Section(string? newHeading)
    {
        Flush();
        heading = newHeading;
        return this;
    }

    public ReplyBuilder Action(string label, string commandLine, bool primary = true)
    {
        actions.Add(new ReplyAction(label, commandLine, primary));
        return this;
    }

    public Reply Build()
    {
        Flush();
        return new Reply(ReplyStatus.Ok, title, sections, Actions: actions.Count > 0 ? actions : null);
    }

    private void Flush()
    {
        if (heading is null && fields.Count == 0 && lines.Count == 0)
        {
            return;
        }

        sections.Add(new Section(heading, fields, lines));
        heading = null;
        fields = [];
        lines = [];
    }
}
