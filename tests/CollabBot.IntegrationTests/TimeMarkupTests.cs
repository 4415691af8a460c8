using System.Globalization;
using System.Net;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.IntegrationTests;

/// <summary>
/// A <c>&lt;time datetime&gt;</c> is machine-readable ISO 8601 in UTC whatever the server's culture: LANG=fi_FI makes
/// ':' in a custom format a '.', and ar-SA or th-TH count years in another calendar. The components are rendered as the
/// dashboard renders them.
/// </summary>
public sealed class TimeMarkupTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("da-DK")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    [InlineData("en-US")]
    public async Task ReplyLine_TimestampUnderServerCulture_DatetimeIsIsoUtc(string culture)
    {
        var html = await RenderInCultureAsync<ReplyLine>(culture, new() { [nameof(ReplyLine.Line)] = Line.Of(new Timestamp(Start, "Europe/Zurich")) });

        Assert.Equal("<time datetime=\"2026-12-08T14:00:00Z\">Tue 2026-12-08 15:00 Europe/Zurich</time>", html.Trim());
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("ar-SA")]
    public async Task MeetingTime_UnderServerCulture_DatetimeAndShownTimesAreIso(string culture)
    {
        var series = new MeetingSeries { Slug = "monthly", Title = "Monthly", StartLocal = "2026-12-08 15:00", TimeZone = "Europe/Zurich" };
        var occurrence = Occurrences.Next(series, Start.AddDays(-1), 1).Single();

        var html = await RenderInCultureAsync<MeetingWhen>(culture, new()
        {
            [nameof(MeetingWhen.Occurrence)] = occurrence,
            [nameof(MeetingWhen.ReaderZone)] = "Asia/Tokyo",
        });

        Assert.Equal(
            "<time datetime=\"2026-12-08T14:00:00Z\">Tue 2026-12-08 15:00 Europe/Zurich</time> <span class=\"also\">· 14:00 UTC</span> <span class=\"also\">· 23:00 Asia/Tokyo (your time)</span>",
            html.Trim());
    }

    private static async Task<string> RenderInCultureAsync<TComponent>(string culture, Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());

            // Entities decoded: which characters an encoder spells as entities is not what this test is about.
            return WebUtility.HtmlDecode(html);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
