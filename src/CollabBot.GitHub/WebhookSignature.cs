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

    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string? secret, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(secret) || signature is null || signature.Length != Prefix.Length + 64 || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
