using CollabBot.Core.Values;

namespace CollabBot.Core.Tests.Values;

public sealed class ValuesTests
{
    [Theory]
    [InlineData("0000-0002-1825-0097")]
    [InlineData("0000-0001-5109-3700")]
    [InlineData("0000-0002-1694-233X")]
    public void Orcid_ValidChecksum_IsAcceptedUnchanged(string id)
    {
        Assert.True(Orcid.TryNormalize(id, out var orcid, out var error), error);
        Assert.Equal(id, orcid);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097")]
    [InlineData("http://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700")]
    [InlineData("orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X")]
    [InlineData("HTTPS://ORCID.ORG/0000-0002-1694-233x", "0000-0002-1694-233X")]
    [InlineData("  0000-0002-1825-0097  ", "0000-0002-1825-0097")]
    public void Orcid_UrlOrLooseForm_IsNormalisedToBareId(string text, string expected)
    {
        Assert.True(Orcid.TryNormalize(text, out var orcid, out var error), error);
        Assert.Equal(expected, orcid);
    }

    [Theory]
    [InlineData("0000-0002-1825-0098", '7')]
    [InlineData("0000-0001-5109-3701", '0')]
    [InlineData("0000-0002-1694-2330", 'X')]
    public void Orcid_WrongCheckDigit_IsRejectedNamingTheExpectedDigit(string id, char expected)
    {
        Assert.False(Orcid.TryNormalize(id, out var orcid, out var error));
        Assert.Equal("", orcid);
        Assert.Contains($"should be {expected}", error, StringComparison.Ordinal);
        Assert.Contains("check digit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000-0002-1825-009")]
    [InlineData("0000-0002-1825-00977")]
    [InlineData("0000000218250097")]
    [InlineData("0000-0002-1825-009Y")]
    [InlineData("000X-0002-1825-0097")]
    [InlineData("https://example.org/0000-0002-1825-0097")]
    [InlineData("0000-0002-1825-0097\n0000")]
    public void Orcid_Malformed_IsRejectedShowingTheForm(string text)
    {
        Assert.False(Orcid.TryNormalize(text, out var orcid, out var error));
        Assert.Equal("", orcid);
        Assert.Contains("0000-0002-1825-0097", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Orcid_NonAsciiDigits_AreRejectedWhateverTheLastCharacter()
    {
        // Arabic-Indic digits are "digits" to \d but not to ORCID; no check character may make them valid.
        const string arabic = "٠٠٠٠-٠٠٠٢-١٨٢٥-٠٠٩";
        foreach (var last in "0123456789X")
        {
            Assert.False(Orcid.TryNormalize(arabic + last, out _, out var error), $"accepted {arabic}{last}");
            Assert.NotEqual("", error);
        }
    }

    [Fact]
    public void OrcidCheckDigit_KnownIds_MatchIso7064()
    {
        Assert.Equal('7', Orcid.CheckDigit("000000021825009"));
        Assert.Equal('0', Orcid.CheckDigit("000000015109370"));
        Assert.Equal('X', Orcid.CheckDigit("000000021694233"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("calorimetry")]
    [InlineData("jet-tagging")]
    [InlineData("top2-tagging")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Slug_WithinRules_IsValid(string slug) => Assert.True(Slug.IsValid(slug));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk")]
    [InlineData("Jets")]
    [InlineData("1jets")]
    [InlineData("-jets")]
    [InlineData("jets-")]
    [InlineData("jet--tagging")]
    [InlineData("jet_tagging")]
    [InlineData("jet tagging")]
    [InlineData("jét")]
    [InlineData("jets\n")]
    [InlineData("jets\r\n")]
    public void Slug_BreakingRules_IsInvalid(string slug) => Assert.False(Slug.IsValid(slug));

    [Theory]
    [InlineData("2d", 2 * 24 * 60)]
    [InlineData("1d", 24 * 60)]
    [InlineData("3h", 3 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1h30m", 90)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData(" 15M ", 15)]
    public void Durations_CommandsMdForms_Parse(string text, int minutes)
    {
        Assert.True(Durations.TryParse(text, out var span));
        Assert.Equal(TimeSpan.FromMinutes(minutes), span);
    }

    [Theory]
    [InlineData("0m")]
    [InlineData("0d0h0m")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("15")]
    [InlineData("m")]
    [InlineData("30m1h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("1w")]
    [InlineData("99d")]
    [InlineData("1h 30m")]
    public void Durations_ZeroOrJunk_IsRejected(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("٣h")]
    [InlineData("١d")]
    [InlineData("１５m")]
    public void Durations_NonAsciiDigits_AreRejectedNotThrown(string text) => Assert.False(Durations.TryParse(text, out _));

    [Fact]
    public void DurationsList_CommaSeparated_ParsesInOrder()
    {
        Assert.True(Durations.TryParseList("1d, 15m,1h30m", out var values, out var error), error);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(90)], values);
    }

    [Theory]
    [InlineData("1d,0m", "'0m'")]
    [InlineData("1d,,15m", "''")]
    [InlineData("1d,tomorrow", "'tomorrow'")]
    public void DurationsList_OneBadItem_IsRejectedNamingIt(string text, string named)
    {
        Assert.False(Durations.TryParseList(text, out _, out var error));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("3h")]
    [InlineData("90m")]
    [InlineData("1d1h30m")]
    public void DurationsFormat_ParsedValue_RoundTrips(string text)
    {
        Assert.True(Durations.TryParse(text, out var span));
        Assert.True(Durations.TryParse(Durations.Format(span), out var again));
        Assert.Equal(span, again);
    }

    [Theory]
    [InlineData("Europe/Zurich", "Europe/Zurich")]
    [InlineData("europe/zurich", "Europe/Zurich")]
    [InlineData("AMERICA/CHICAGO", "America/Chicago")]
    [InlineData(" Asia/Tokyo ", "Asia/Tokyo")]
    [InlineData("utc", "UTC")]
    public void ZonesCanonical_IanaIdInAnyCase_IsCanonicalSpelling(string text, string expected) =>
        Assert.Equal(expected, Zones.Canonical(text));

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Central Standard Time")]
    [InlineData("Europe/Zürich")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ZonesCanonical_UnknownOrWindowsName_IsNull(string? text) => Assert.Null(Zones.Canonical(text));

    [Fact]
    public void ZonesFind_IanaId_ReturnsZoneWithIanaId()
    {
        var zone = Zones.Find("Europe/Zurich");

        Assert.NotNull(zone);
        Assert.True(zone.HasIanaId);
    }

    [Fact]
    public void ZonesFind_EveryCanonicalId_IsFound()
    {
        // The binder stores Canonical's spelling and handlers resolve it with Find: the two must agree.
        var unresolved = Zones.All.Where(id => Zones.Find(id) is null).ToList();

        Assert.Empty(unresolved);
    }

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public void ZonesFind_WindowsOrUnknownName_IsNull(string text) => Assert.Null(Zones.Find(text));

    [Fact]
    public void ZonesAll_ContainsOnlyIanaIdsAndUtc()
    {
        Assert.Contains("Europe/Zurich", Zones.All);
        Assert.Contains("UTC", Zones.All);
        Assert.DoesNotContain("W. Europe Standard Time", Zones.All);
    }

    [Theory]
    [InlineData("calorimetri", "calorimetry")]
    [InlineData("jion", "join")]
    [InlineData("JOIN", "join")]
    [InlineData("cal", "calorimetry")]
    [InlineData("trackin", "tracking")]
    public void SuggestClosest_NearMiss_SuggestsCandidate(string input, string expected) =>
        Assert.Equal(expected, Suggest.Closest(input, ["calorimetry", "tracking", "join", "leave", "jet-tagging"]));

    [Theory]
    [InlineData("xyzzy")]
    [InlineData("quantum-gravity")]
    public void SuggestClosest_NothingClose_IsNull(string input) =>
        Assert.Null(Suggest.Closest(input, ["calorimetry", "tracking", "join"]));

    [Fact]
    public void SuggestClosest_NoCandidates_IsNull() => Assert.Null(Suggest.Closest("join", []));

    [Fact]
    public void SuggestClosest_EqualScores_PicksOrdinalFirst() =>
        Assert.Equal("bat", Suggest.Closest("cat", ["rat", "bat"]));

    [Fact]
    public void SuggestDidYouMean_Match_IsParenthesisedSentence()
    {
        Assert.Equal(" (did you mean join?)", Suggest.DidYouMean("jion", ["join", "leave"]));
        Assert.Equal("", Suggest.DidYouMean("xyzzy", ["join", "leave"]));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("join", "join", 0)]
    [InlineData("jion", "join", 2)]
    public void SuggestDistance_Levenshtein(string a, string b, int expected) => Assert.Equal(expected, Suggest.Distance(a, b));

    [Theory]
    [InlineData("slack:T0001:U0001")]
    [InlineData("discord:80351110224678912")]
    [InlineData("console:alice")]
    public void IdentityKey_ProductMdForms_AreValid(string key) => Assert.True(IdentityKey.IsValid(key));

    [Theory]
    [InlineData("console:alice\n")]
    [InlineData("slack:T0001:U0001\n")]
    [InlineData("console:Alice")]
    [InlineData("discord:١٢٣٤٥٦")]
    [InlineData("email:alice@example.org")]
    public void IdentityKey_NonCanonical_IsInvalid(string key) => Assert.False(IdentityKey.IsValid(key));
}
