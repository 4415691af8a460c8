namespace CollabBot.IntegrationTests.Support;

/// <summary>What every dashboard page owes a reader, a screen reader and a phone.</summary>
public static class PageShape
{
    private static readonly string[] Scopes = ["col", "row", "colgroup", "rowgroup"];

    public static void AssertAccessible(string html)
    {
        Assert.StartsWith("<!doctype html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);

        var htmlTag = Assert.Single(Html.StartTags(html, "html"));
        Assert.False(string.IsNullOrWhiteSpace(Html.Attr(htmlTag, "lang")), "<html> needs a lang attribute");

        var title = Assert.Single(Html.Elements(html, "title"));
        Assert.False(string.IsNullOrWhiteSpace(Html.Text(title.Inner)), "<title> must not be empty");

        var h1 = Assert.Single(Html.Elements(html, "h1"));
        Assert.False(string.IsNullOrWhiteSpace(Html.Text(h1.Inner)), "<h1> must not be empty");

        Assert.Contains(Html.StartTags(html, "meta"), m => Html.Attr(m, "name") == "viewport" && (Html.Attr(m, "content") ?? "").Contains("width=device-width", StringComparison.Ordinal));
        Assert.Contains(Html.StartTags(html, "meta"), m => string.Equals(Html.Attr(m, "charset"), "utf-8", StringComparison.OrdinalIgnoreCase));

        foreach (var table in Html.Elements(html, "table"))
        {
            var headers = Html.StartTags(table.Inner, "th");
            Assert.NotEmpty(headers);
            Assert.All(headers, th => Assert.Contains(Html.Attr(th, "scope"), Scopes));
        }
    }
}
