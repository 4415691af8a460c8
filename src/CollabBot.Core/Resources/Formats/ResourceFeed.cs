using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Resources.Formats;

/// <summary>
/// An Atom feed (RFC 4287) of resources newly added to the library — overall (<c>/resources.atom</c>) or a group's
/// (<c>/wg/&lt;slug&gt;/resources.atom</c>) — written by System.ServiceModel.Syndication. Entry ids are the
/// resources' dashboard addresses, which never change; each entry links to the resource itself and to its page.
/// </summary>
public static class ResourceFeed
{
    public const int MaxEntries = 50;

    /// <param name="resources">Newest first; at most <see cref="MaxEntries"/> are written.</param>
    /// <param name="group">The group whose feed this is, or null for the whole library.</param>
    /// <param name="now">The feed's updated time when there are no entries.</param>
    public static string Atom(IEnumerable<Resource> resources, WorkingGroup? group, BotOptions bot, DateTimeOffset now)
    {
        var list = resources.OrderByDescending(r => r.AddedAt).ThenByDescending(r => r.Id).Take(MaxEntries).ToList();
        var self = bot.Link(group is null ? "resources.atom" : $"wg/{group.Slug}/resources.atom");
        var feed = new SyndicationFeed
        {
            Id = self,
            Title = new TextSyndicationContent(group is null ? "New resources in the library" : $"New resources of {group.Name}"),
            LastUpdatedTime = list.Count > 0 ? list[0].AddedAt : now,
            Generator = "CollabBot",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "CollabBot" });
        feed.Links.Add(new SyndicationLink(new Uri(self)) { RelationshipType = "self", MediaType = "application/atom+xml" });
        feed.Links.Add(new SyndicationLink(new Uri(bot.Link(group is null ? "resources" : $"resources?wg={group.Slug}"))) { RelationshipType = "alternate", MediaType = "text/html" });
        feed.Items = list.Select(r => Entry(r, bot)).ToList();

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            feed.GetAtom10Formatter().WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SyndicationItem Entry(Resource r, BotOptions bot)
    {
        var page = bot.Link($"resources/{r.Id}");
        var item = new SyndicationItem
        {
            Id = page,
            Title = new TextSyndicationContent(Clean(r.Title)),
            LastUpdatedTime = r.AddedAt,
            PublishDate = r.AddedAt,
            Summary = new TextSyndicationContent(Clean(Summary(r))),
        };
        item.Links.Add(new SyndicationLink(new Uri(r.Url)) { RelationshipType = "alternate" });
        item.Links.Add(new SyndicationLink(new Uri(page)) { RelationshipType = "related", MediaType = "text/html" });
        foreach (var author in r.Authors.Take(20))
        {
            item.Authors.Add(new SyndicationPerson { Name = Clean(author) });
        }

        item.Categories.Add(new SyndicationCategory(ResourceTerms.Name(r.Kind)));
        foreach (var topic in r.Topics)
        {
            item.Categories.Add(new SyndicationCategory(topic));
        }

        return item;
    }

    private static string Summary(Resource r)
    {
        var about = ResourceTerms.Name(r.Kind) + (r.Level is { } level ? ", " + ResourceTerms.Name(level) : "") + (r.Year is { } year ? $", {year}" : "");
        return r.Description is null ? about : $"{about}. {r.Description}";
    }

    /// <summary>XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped.</summary>
    private static string Clean(string text) => new(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray());
}
