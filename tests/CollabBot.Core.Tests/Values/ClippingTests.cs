using CollabBot.Core.Values;

namespace CollabBot.Core.Tests.Values;

public sealed class ClippingTests
{
    [Theory]
    [InlineData("jets", 4, "jets")]
    [InlineData("jets!", 4, "jets…")]
    [InlineData("", 4, "")]
    [InlineData(null, 4, "")]
    public void Clip_LongerThanMax_KeepsMaxCharactersAndAddsEllipsis(string? text, int max, string expected) =>
        Assert.Equal(expected, Clipping.Clip(text, max));

    [Theory]
    [InlineData("jets", 4, "jets")]
    [InlineData("jets!", 4, "jet…")]
    [InlineData("calorimetry", 5, "calo…")]
    public void Fit_LongerThanLimit_EndsWithEllipsisWithinLimit(string text, int limit, string expected)
    {
        var fitted = Clipping.Fit(text, limit);

        Assert.Equal(expected, fitted);
        Assert.True(fitted.Length <= limit);
    }
}
