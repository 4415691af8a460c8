using CollabBot.Core.Inbound;
using CollabBot.Tests.Shared;

namespace CollabBot.Core.Tests.Inbound;

/// <summary>The one way the platform endpoints read a body: never more than one byte past the limit.</summary>
public sealed class BoundedBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData(100_000)]
    public async Task ReadAsync_BodyUpToTheLimit_ReturnsItWhole(int length)
    {
        var body = new EndlessBody(length, (byte)'x');

        var bytes = await BoundedBody.ReadAsync(body, null, limit: 100_000, Ct);

        Assert.NotNull(bytes);
        Assert.Equal(length, bytes.Length);
        Assert.All(bytes, b => Assert.Equal((byte)'x', b));
    }

    [Fact]
    public async Task ReadAsync_EndlessUndeclaredBody_StopsOneBytePastTheLimit()
    {
        var body = new EndlessBody(1L << 40);

        var bytes = await BoundedBody.ReadAsync(body, null, limit: 100_000, Ct);

        Assert.Null(bytes);
        Assert.Equal(100_001, body.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLargerThanTheLimit_ReadsNothing()
    {
        var body = new EndlessBody(1L << 40);

        var bytes = await BoundedBody.ReadAsync(body, declaredLength: 28_000_000, limit: 512 * 1024, Ct);

        Assert.Null(bytes);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task ConsumeAsync_BodyWithinTheLimit_PassesEveryByteOnAndKeepsNone()
    {
        var body = new EndlessBody(3 * 1024 * 1024 + 7);
        long seen = 0;

        var within = await BoundedBody.ConsumeAsync(body, null, 25L * 1024 * 1024, (_, count) => seen += count, Ct);

        Assert.True(within);
        Assert.Equal(3 * 1024 * 1024 + 7, seen);
    }

    [Fact]
    public async Task ConsumeAsync_EndlessBody_StopsOneBytePastTheLimit()
    {
        var body = new EndlessBody(1L << 40);

        var within = await BoundedBody.ConsumeAsync(body, null, 1_000_000, (_, _) => { }, Ct);

        Assert.False(within);
        Assert.Equal(1_000_001, body.BytesRead);
    }
}
