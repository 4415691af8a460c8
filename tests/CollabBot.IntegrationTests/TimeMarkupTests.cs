using System.Globalization;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.IntegrationTests;

/// <summary>
/// A <c>&lt;time datetime&gt;</c> is machine-readable ISO 8601 in UTC whatever the server's culture: LANG=fi_FI makes
/// ':' in a custom format a '.', and ar-SA or th-TH count years in another calendar.
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
    public void ReplyLine_TimestampUnderServerCulture_DatetimeIsIsoUtc(string culture)
    {
        var html = InCulture(culture, () => Web.Html.Line(Line.Of(new Timestamp(Start, "Europe/Zurich"))));

        Assert.Equal("<time datetime=\"2026-12-08T14:00:00Z\">Tue 2026-12-08 15:00 Europe/Zurich</time>", html);
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("ar-SA")]
    public void MeetingTime_UnderServerCulture_DatetimeAndShownTimesAreIso(string culture)
    {
        var series = new MeetingSeries { Slug = "monthly", Title = "Monthly", StartLocal = "2026-12-08 15:00", TimeZone = "Europe/Zurich" };
        var occurrence = Occurrences.Next(series, Start.AddDays(-1), 1).Single();

        var html = InCulture(culture, () => Web.MeetingViews.When(occurrence, "Asia/Tokyo"));

        Assert.Equal(
            "<time datetime=\"2026-12-08T14:00:00Z\">Tue 2026-12-08 15:00 Europe/Zurich</time> <span class=\"also\">· 14:00 UTC</span> <span class=\"also\">· 23:00 Asia/Tokyo (your time)</span>",
            html);
    }

    private static string InCulture(string culture, Func<string> render)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
