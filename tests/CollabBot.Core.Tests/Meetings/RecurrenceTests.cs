using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using NodaTime;

namespace CollabBot.Core.Tests.Meetings;

public sealed class RecurrenceTests
{
    private static MeetingSeries Series(string when, string zone, LocalDate today)
    {
        Assert.True(WhenParser.TryParse(when, null, today, out var schedule, out var error), error);
        return new MeetingSeries
        {
            Slug = "s",
            Title = "T",
            Rule = schedule!.Rule?.ToString(),
            StartLocal = MeetingTime.Format(schedule.Start),
            TimeZone = zone,
            Group = new WorkingGroup { Slug = "g", Name = "G" },
        };
    }

    [Fact]
    public void Weekly_AcrossBothDstChanges_StaysAtFifteenLocalInZurich()
    {
        var series = Series("weekly on tue 15:00", "Europe/Zurich", new LocalDate(2026, 1, 1));
        var all = Occurrences.Between(series, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(52, all.Count);
        Assert.All(all, o => Assert.Equal(new LocalTime(15, 0), MeetingTime.ToLocal(o.Start, "Europe/Zurich").TimeOfDay));

        // Winter (UTC+1) → 14:00 UTC; summer (UTC+2) → 13:00 UTC; both sides of both changes.
        Assert.Equal(new DateTimeOffset(2026, 3, 24, 14, 0, 0, TimeSpan.Zero), all.Single(o => o.OriginalDate == new LocalDate(2026, 3, 24)).Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 13, 0, 0, TimeSpan.Zero), all.Single(o => o.OriginalDate == new LocalDate(2026, 3, 31)).Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 13, 0, 0, TimeSpan.Zero), all.Single(o => o.OriginalDate == new LocalDate(2026, 10, 20)).Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 14, 0, 0, TimeSpan.Zero), all.Single(o => o.OriginalDate == new LocalDate(2026, 10, 27)).Start);
    }

    [Fact]
    public void Monthly_SecondTuesday_PicksTheSecondTuesdayOfEachMonth()
    {
        var series = Series("monthly on 2nd tue 15:00", "Europe/Zurich", new LocalDate(2026, 11, 25));
        var dates = Occurrences.Between(series, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero))
            .Select(o => o.OriginalDate).ToList();

        Assert.Equal([new(2026, 12, 8), new(2027, 1, 12), new(2027, 2, 9), new(2027, 3, 9), new(2027, 4, 13)], dates);
    }

    [Fact]
    public void Monthly_LastFriday_PicksTheLastFridayIncludingFiveFridayMonths()
    {
        var series = Series("monthly on last fri 10:00", "America/Chicago", new LocalDate(2026, 11, 25));
        var dates = Occurrences.Between(series, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero))
            .Select(o => o.OriginalDate).ToList();

        Assert.Equal([new(2026, 11, 27), new(2026, 12, 25), new(2027, 1, 29), new(2027, 2, 26), new(2027, 3, 26)], dates);
    }

    [Fact]
    public void Monthly_DayThirtyOne_SkipsShortMonthsAsRfc5545Says()
    {
        var series = Series("monthly on day 31 09:00", "UTC", new LocalDate(2027, 1, 1));
        var dates = Occurrences.Between(series, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero))
            .Select(o => o.OriginalDate.Month).ToList();

        Assert.Equal([1, 3, 5], dates);
    }

    [Fact]
    public void EveryTwoWeeks_OnTwoDays_AlternatesWeeks()
    {
        var series = Series("every 2 weeks on mon,thu 16:30", "Europe/Berlin", new LocalDate(2026, 11, 30));
        var dates = Occurrences.Between(series, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero))
            .Select(o => o.OriginalDate).ToList();

        Assert.Equal([new(2026, 11, 30), new(2026, 12, 3), new(2026, 12, 14), new(2026, 12, 17), new(2026, 12, 28)], dates);
    }

    [Fact]
    public void Resolve_TimeInSpringGap_MovesForwardAndSaysSo()
    {
        var resolved = MeetingTime.Resolve(new LocalDateTime(2027, 3, 28, 2, 30), "Europe/Zurich");

        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), resolved.Start);
        Assert.Contains("does not exist", resolved.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TimeInAutumnOverlap_TakesTheEarlierAndSaysSo()
    {
        var resolved = MeetingTime.Resolve(new LocalDateTime(2026, 10, 25, 2, 30), "Europe/Zurich");

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), resolved.Start);
        Assert.Contains("twice", resolved.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weekly on tuesdy 15:00", "tuesdy")]
    [InlineData("monthly on 2nd tue 25:00", "25:00")]
    [InlineData("fortnightly 15:00", "fortnightly")]
    [InlineData("monthly on 7th tue 15:00", "7th")]
    [InlineData("every 2 weeks on mon 16:30 sharp", "sharp")]
    public void WhenParser_WrongWord_NamesTheWordAndListsTheForms(string when, string word)
    {
        Assert.False(WhenParser.TryParse(when, null, new LocalDate(2026, 11, 25), out _, out var error));
        Assert.Contains($"'{word}'", error, StringComparison.Ordinal);
        Assert.Contains("weekly on tue 15:00", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenParser_Rrule_NeedsStartAndRefusesUnsupportedParts()
    {
        Assert.False(WhenParser.TryParse("RRULE:FREQ=WEEKLY;BYDAY=TU", null, new LocalDate(2026, 11, 25), out _, out var noStart));
        Assert.Contains("--start", noStart, StringComparison.Ordinal);
        Assert.False(WhenParser.TryParse("RRULE:FREQ=WEEKLY;BYHOUR=9", "2026-12-01 09:00", new LocalDate(2026, 11, 25), out _, out var unsupported));
        Assert.Contains("BYHOUR", unsupported, StringComparison.Ordinal);
        Assert.True(WhenParser.TryParse("RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2026-11-27 10:00", new LocalDate(2026, 11, 25), out var schedule, out _));
        Assert.Equal("FREQ=MONTHLY;COUNT=3;BYDAY=-1FR", schedule!.Rule!.ToString());
    }
}
