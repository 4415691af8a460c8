using System.ComponentModel.DataAnnotations;

namespace CollabBot.Core.Settings;

/// <summary>
/// An absolute <c>http</c> or <c>https</c> address, e.g. a platform's API base or the public URL. DataAnnotations'
/// own <c>[Url]</c> takes <c>ftp:</c> too and says nothing of which setting was wrong.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null || (value is string text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0);
}

/// <summary>Every entry of a list of identities (<c>Bot:Admins</c>) is an identity key CollabBot can match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IdentityListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var wrong = (value as IEnumerable<string> ?? []).Where(i => !Values.IdentityKey.IsValid(i)).ToList();
        return wrong.Count == 0
            ? ValidationResult.Success
            : new ValidationResult($"{ErrorMessage} Not an identity: {string.Join(", ", wrong.Select(w => $"'{w}'"))}.", [validationContext.MemberName ?? ""]);
    }
}

/// <summary>Every entry is a reminder offset such as <c>1d</c>, <c>3h</c> or <c>15m</c> (see <see cref="Values.Durations"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationListAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var wrong = (value as IEnumerable<string> ?? []).Where(d => !Values.Durations.TryParse(d, out _)).ToList();
        return wrong.Count == 0
            ? ValidationResult.Success
            : new ValidationResult($"{ErrorMessage} Not a duration: {string.Join(", ", wrong.Select(w => $"'{w}'"))}.", [validationContext.MemberName ?? ""]);
    }
}

/// <summary>
/// A number or a duration within bounds, both included. DataAnnotations' <c>[Range]</c> would do, but the options
/// source generator's copy of it drops <c>ErrorMessage</c>, and the message should name the setting.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BetweenAttribute : ValidationAttribute
{
    private readonly IComparable minimum;
    private readonly IComparable maximum;

    public BetweenAttribute(int minimum, int maximum)
    {
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /// <summary>Durations, written as <c>TimeSpan</c> does invariantly: <c>00:00:02.500</c>, <c>1.00:00:00</c>.</summary>
    public BetweenAttribute(string minimum, string maximum)
    {
        this.minimum = TimeSpan.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture);
        this.maximum = TimeSpan.Parse(maximum, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override bool IsValid(object? value) =>
        value is null || (value is IComparable v && v.GetType() == minimum.GetType() && minimum.CompareTo(v) <= 0 && maximum.CompareTo(v) >= 0);
}
