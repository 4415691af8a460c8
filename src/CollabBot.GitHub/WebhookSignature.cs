using System.Security.Cryptography;
using System.Text;

namespace CollabBot.GitHub;

/// <summary>
/// GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> + lower-case hex HMAC-SHA256 of the raw body, keyed with the
/// webhook secret, compared in constant time. Fails closed: no secret, no header, a wrong prefix or length — no pass.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string? secret, string? signature, ReadOnlySpan<byte> body) =>
        !string.IsNullOrEmpty(secret) && IsWellFormed(signature) && Matches(signature, HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>
    /// <c>sha256=</c> and 64 hex digits: anything else cannot match whatever the body, so it is refused before the body
    /// is read.
    /// </summary>
    public static bool IsWellFormed([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? signature) =>
        signature is not null && signature.Length == Prefix.Length + 64 && signature.StartsWith(Prefix, StringComparison.Ordinal)
        && !signature.AsSpan(Prefix.Length).ContainsAnyExcept(HexDigits);

    /// <summary>A streaming HMAC for a body that is hashed as it arrives and never kept.</summary>
    public static IncrementalHash Hasher(string secret) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares a well-formed header with the HMAC the body produced, in constant time.</summary>
    public static bool Matches(string signature, ReadOnlySpan<byte> hmac)
    {
        var expected = Encoding.ASCII.GetBytes(Prefix + Convert.ToHexStringLower(hmac));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
