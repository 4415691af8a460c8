using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CollabBot.Slack.Tests.Support;

/// <summary>Checks on Slack messages as the service sends them: what Slack would parse, and what it would ping.</summary>
public static partial class SlackMarkup
{
    /// <summary>
    /// Every piece of a message Slack parses as markup: the top-level <c>text</c> (the fallback and notification text)
    /// and each <c>mrkdwn</c> text object in the blocks. <c>plain_text</c> objects are shown literally and never
    /// parsed for mentions, so they are not markup.
    /// </summary>
    public static IReadOnlyList<string> ParsedTexts(JsonObject message)
    {
        var texts = new List<string>();
        if (message["text"] is JsonValue top && top.TryGetValue<string>(out var fallback))
        {
            texts.Add(fallback);
        }

        Walk(message["blocks"], texts);
        return texts;
    }

    /// <summary>
    /// Asserts the message can ping no crowd and no one the bot did not mean: no special mention (<c>&lt;!channel&gt;</c>,
    /// <c>&lt;!here&gt;</c>, <c>&lt;!everyone&gt;</c>, <c>&lt;!subteam^…&gt;</c>), user mentions only of <paramref name="meant"/>,
    /// and every other <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> escaped. Returns the parsed texts joined, for further checks.
    /// </summary>
    public static string AssertHarmless(JsonObject message, params string[] meant)
    {
        var texts = ParsedTexts(message);
        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            foreach (var crowd in new[] { "<!channel", "<!here", "<!everyone", "<!subteam" })
            {
                Assert.DoesNotContain(crowd, text, StringComparison.OrdinalIgnoreCase);
            }

            foreach (Match m in UserMention().Matches(text))
            {
                Assert.Contains(m.Groups["id"].Value, meant);
            }

            // Once the markup the bot writes on purpose is taken out (a link keeps its label, which is text), no angle
            // bracket is left unescaped, and every ampersand starts one of the three entities Slack decodes.
            var rest = AllowedMarkup().Replace(text, m => m.Groups["label"].Value);
            Assert.DoesNotContain('<', rest);
            Assert.DoesNotContain('>', rest);
            Assert.DoesNotMatch(BareAmpersand(), rest);
        }

        return string.Join('\n', texts);
    }

    private static void Walk(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, texts);
                }

                break;
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "mrkdwn" && obj["text"] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    texts.Add(text);
                }

                foreach (var (_, child) in obj)
                {
                    Walk(child, texts);
                }

                break;
        }
    }

    /// <summary>User mentions (<c>&lt;@U…&gt;</c>), dates (<c>&lt;!date^…|fallback&gt;</c>), channels and links: what the bot writes on purpose.</summary>
    [GeneratedRegex(@"<@[UW][A-Z0-9]+>|<!date\^\d+\^[^|<>]*\|[^<>]*>|<#[CGD][A-Z0-9]+>|<https?://[^|<>\s]+(\|(?<label>[^<>]*))?>")]
    private static partial Regex AllowedMarkup();

    [GeneratedRegex(@"<@(?<id>[^>|]+)(\|[^>]*)?>")]
    private static partial Regex UserMention();

    [GeneratedRegex(@"&(?!amp;|lt;|gt;)")]
    private static partial Regex BareAmpersand();
}
