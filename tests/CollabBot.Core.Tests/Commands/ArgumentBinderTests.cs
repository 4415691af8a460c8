using CollabBot.Core.Commands;

namespace CollabBot.Core.Tests.Commands;

/// <summary>Binder conversions whose failure would silently change what a user entered.</summary>
public sealed class ArgumentBinderTests
{
    public sealed record LinkArgs(string? Link);

    private static readonly CommandNode Post = new CommandCatalog([CommandCatalog.Parse(
        """
        name: post
        description: A command with a URL option, for tests
        subcommands:
          - name: link
            description: Post a link
            who: anyone
            kind: change
            options:
              - { name: link, type: url, description: A link }
        """,
        "post.yaml")]).Find("post link")!;

    private static string? BindLink(string raw)
    {
        var result = ArgumentBinder.Bind(Post, new ArgumentBag().Set("link", raw), typeof(LinkArgs));
        return Assert.IsType<LinkArgs>(Assert.IsType<ArgumentBinder.Result.Bound>(result).Args).Link;
    }

    [Theory]
    [InlineData("https://indico.example.org/event/1/My%20Slides.pdf")]
    [InlineData("https://example.org/search?q=a%26b&x=1")]
    [InlineData("https://example.org/a%2Fb")]
    [InlineData("https://zoom.us/j/123?pwd=abc")]
    public void Url_PercentEncoded_IsKeptAsTyped(string url) => Assert.Equal(url, BindLink(url));

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("example.org")]
    [InlineData("javascript:alert(1)")]
    public void Url_NotHttp_IsRefused(string url)
    {
        var result = ArgumentBinder.Bind(Post, new ArgumentBag().Set("link", url), typeof(LinkArgs));

        var failed = Assert.IsType<ArgumentBinder.Result.Failed>(result);
        Assert.Contains("https://", failed.Reply.Plain, StringComparison.Ordinal);
    }
}
