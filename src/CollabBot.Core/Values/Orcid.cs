using System.Text.RegularExpressions;

namespace CollabBot.Core.Values;

/// <summary>ORCID iDs: <c>0000-0000-0000-000X</c> with an ISO 7064 mod 11-2 check digit; also accepted as the orcid.org URL.</summary>
public static partial class Orcid
{
    public static bool TryNormalize(string text, out string orcid, out string error)
    {
        orcid = "";
        var bare = text.Trim();
        foreach (var prefix in new[] { "https://orcid.org/", "http://orcid.org/", "orcid.org/" })
        {
            if (bare.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                bare = bare[prefix.Length..];
                break;
            }
        }

        bare = bare.ToUpperInvariant();
        if (!OrcidRegex().IsMatch(bare))
        {
            error = $"'{Clipping.Clip(text, 40)}' is not an ORCID iD: use the form 0000-0002-1825-0097 or https://orcid.org/0000-0002-1825-0097.";
            return false;
        }

        var digits = bare.Replace("-", "", StringComparison.Ordinal);
        var expected = CheckDigit(digits[..15]);
        if (digits[15] != expected)
        {
            error = $"{bare} is not a valid ORCID iD: its last character should be {expected} (ISO 7064 mod 11-2 check digit). Please check for a typo.";
            return false;
        }

        orcid = bare;
        error = "";
        return true;
    }

    /// <summary>ISO 7064 mod 11-2 over the first 15 digits.</summary>
    public static char CheckDigit(string first15)
    {
        var total = 0;
        foreach (var c in first15)
        {
            total = (total + (c - '0')) * 2;
        }

        var result = (12 - (total % 11)) % 11;
        return result == 10 ? 'X' : (char)('0' + result);
    }

    public static string Url(string orcid) => "https://orcid.org/" + orcid;

    // [0-9], not \d: \d admits non-ASCII digits, and the check digit below computes on c - '0'.
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]\z")]
    private static partial Regex OrcidRegex();
}
