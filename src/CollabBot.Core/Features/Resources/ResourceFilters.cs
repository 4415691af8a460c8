using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

/// <summary>The filters of <c>/resource search</c> and <c>/resource list</c>, read once.</summary>
internal static class ResourceFilters
{
    public static (ResourceQuery Query, Reply? Problem) Query(string? words, string? kind, string? level, string? topic, CommandContext context)
    {
        var query = new ResourceQuery { Text = words, GroupId = context.OptionalRef<WorkingGroup>()?.Id };
        if (kind is not null)
        {
            if (!ResourceTerms.TryParseKind(kind, out var k, out var error))
            {
                return (query, Reply.Invalid(error, context.Usage));
            }

            query = query with { Kind = k };
        }

        if (level is not null)
        {
            if (!ResourceTerms.TryParseLevel(level, out var l, out var error))
            {
                return (query, Reply.Invalid(error, context.Usage));
            }

            query = query with { Level = l };
        }

        if (topic is not null)
        {
            if (!ResourceTerms.TryParseTopic(topic, out var t, out var error))
            {
                return (query, Reply.Invalid(error, context.Usage));
            }

            query = query with { Topic = t };
        }

        return (query, null);
    }

    /// <summary>" in jet-tagging, papers, on tracking": what the filters narrowed to, for a title.</summary>
    public static string Describe(ResourceQuery query, CommandContext context)
    {
        var bits = new List<string>();
        if (context.OptionalRef<WorkingGroup>() is { } group)
        {
            bits.Add("in " + group.Slug);
        }

        if (query.Kind is { } kind)
        {
            bits.Add("kind " + ResourceTerms.Name(kind));
        }

        if (query.Level is { } level)
        {
            bits.Add("level " + ResourceTerms.Name(level));
        }

        if (query.Topic is { } topic)
        {
            bits.Add("on " + topic);
        }

        return bits.Count == 0 ? "" : " (" + string.Join(", ", bits) + ")";
    }
}
