using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace CollabBot.Discord;

/// <summary>
/// Discord's interaction signature: Ed25519 over <c>X-Signature-Timestamp</c> + raw body, checked with the
/// application's public key. Fails closed, and a timestamp more than five minutes from now is a replay.
/// </summary>
public sealed class DiscordSignature
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly PublicKey? key;

    public DiscordSignature(string? hexPublicKey)
    {
        if (string.IsNullOrWhiteSpace(hexPublicKey))
        {
            return;
        }

        try
        {
            key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(hexPublicKey.Trim()), KeyBlobFormat.RawPublicKey);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException("Discord:PublicKey must be the application's 64-character hex Ed25519 public key.", ex);
        }
    }

    public bool IsConfigured => key is not null;

    public bool Verify(string? timestamp, string? signatureHex, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (key is null || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHex) || signatureHex.Length != 128)
        {
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 4_102_444_800
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }
}
