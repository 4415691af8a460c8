using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Commands;

/// <summary>
/// Turns an <see cref="ArgumentBag"/> into a handler's <c>Args</c> record, validating each value by its
/// option type (slugs, time zones, dates, ORCIDs, durations, URLs) so every handler gets clean values and
/// every bad input gets the same kind of sentence. Every value is checked, whether or not the handler takes it as a
/// parameter: references (a group, a meeting, a talk…) reach handlers resolved, through the dispatcher.
/// </summary>
public static class ArgumentBinder
{
    private static readonly ConcurrentDictionary<Type, ConstructorInfo> Constructors = new();

    public abstract record Result
    {
        private Result()
        {
        }

        /// <summary>The handler's arguments, and every given value by option name, checked and normalised (a list for a repeated one).</summary>
        public sealed record Bound(object Args, IReadOnlyDictionary<string, object> Values) : Result;

        public sealed record Failed(Reply Reply) : Result;
    }

    public static Result Bind(CommandNode command, ArgumentBag bag, Type argsType)
    {
        if (CheckInputRules(command, bag) is { } refused)
        {
            return refused;
        }

        var given = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var option in command.AllOptions)
        {
            if (bag[option.Name] is not { } raw)
            {
                if (option.Required)
                {
                    return Fail(command, option.Positional
                        ? $"/{command.Key} needs {Article(option)} <{option.Name}>: {option.Description}."
                        : $"/{command.Key} needs --{option.Name}: {option.Description}.");
                }

                continue;
            }

            var normalized = Normalize(option, raw);
            if (normalized.Error is not null)
            {
                return Fail(command, normalized.Error);
            }

            given[option.Name] = normalized.Value!;
        }

        if (argsType == typeof(NoArgs))
        {
            return new Result.Bound(new NoArgs(), given);
        }

        var ctor = Constructors.GetOrAdd(argsType, t => t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First());
        var parameters = ctor.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var name = OptionName(parameter.Name!);
            var option = command.AllOptions.FirstOrDefault(o => o.Name == name)
                ?? throw new InvalidOperationException($"{argsType.FullName}.{parameter.Name} has no option '{name}' in /{command.Key}");
            if (!given.TryGetValue(name, out var value))
            {
                values[i] = DefaultFor(parameter);
                continue;
            }

            var coerced = Coerce(value, parameter.ParameterType, option);
            if (coerced.Error is not null)
            {
                return Fail(command, coerced.Error);
            }

            values[i] = coerced.Value;
        }

        return new Result.Bound(ctor.Invoke(values), given);
    }

    /// <summary>
    /// Every text value, from every platform, meets <see cref="InputRules"/> before anything else looks at it: typed
    /// text from Slack and the console and Discord's options alike, so the same value gets the same answer everywhere.
    /// </summary>
    private static Result? CheckInputRules(CommandNode command, ArgumentBag bag)
    {
        foreach (var (name, value) in bag.Values)
        {
            var option = command.AllOptions.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
            var label = option is { Positional: true } ? $"<{option.Name}>" : $"--{option?.Name ?? name}";
            foreach (var item in value is List<object> list ? list : [value])
            {
                if (item is string text && InputRules.Problem(text) is { } problem)
                {
                    return Fail(command, InputRules.Refusal(label, problem));
                }
            }
        }

        return null;
    }

    /// <summary><c>TalkId</c> → <c>talk-id</c>; <c>MinDegree</c> → <c>min-degree</c>.</summary>
    public static string OptionName(string parameterName)
    {
        var sb = new StringBuilder();
        foreach (var c in parameterName)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static string Article(OptionDefinition option) => option.Name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    private static Result Fail(CommandNode command, string sentence) => new Result.Failed(Reply.Invalid(sentence, command.Usage));

    private static object? DefaultFor(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        var type = parameter.ParameterType;
        if (type == typeof(IReadOnlyList<string>))
        {
            return Array.Empty<string>();
        }

        if (type == typeof(IReadOnlyList<long>))
        {
            return Array.Empty<long>();
        }

        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
    }

    private readonly record struct Converted(object? Value, string? Error);

    /// <summary>One value checked and normalised by its option's type; several (a repeated option) as a list.</summary>
    private static Converted Normalize(OptionDefinition option, object raw)
    {
        if (raw is not List<object> list)
        {
            return ConvertOne(option, raw);
        }

        var items = new List<object>();
        foreach (var item in list)
        {
            var one = ConvertOne(option, item);
            if (one.Error is not null)
            {
                return one;
            }

            items.Add(one.Value!);
        }

        return new(items, null);
    }

    private static Converted Coerce(object? value, Type target, OptionDefinition option)
    {
        if (value is List<object> items)
        {
            if (target == typeof(IReadOnlyList<long>))
            {
                return new(items.Cast<long>().ToList(), null);
            }

            if (target == typeof(IReadOnlyList<string>))
            {
                return new(items.Select(i => i.ToString() ?? "").ToList(), null);
            }

            return items.Count == 1 ? Coerce(items[0], target, option) : new(null, $"--{option.Name} can be given only once.");
        }

        if (target == typeof(IReadOnlyList<long>) && value is long l1)
        {
            return new(new List<long> { l1 }, null);
        }

        if (target == typeof(IReadOnlyList<string>) && value is string s1)
        {
            return new(new List<string> { s1 }, null);
        }

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null || underlying.IsInstanceOfType(value))
        {
            return new(value, null);
        }

        if (underlying == typeof(int) && value is long l)
        {
            return l is >= int.MinValue and <= int.MaxValue ? new((int)l, null) : new(null, $"--{option.Name} is out of range.");
        }

        if (underlying == typeof(string))
        {
            return new(value switch
            {
                UserRef u => u.Identity,
                ChannelRef c => c.Id,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            }, null);
        }

        throw new InvalidOperationException($"Cannot bind {value.GetType().Name} to {target.Name} for --{option.Name}");
    }

    private static Converted ConvertOne(OptionDefinition option, object raw)
    {
        var label = option.Positional ? $"<{option.Name}>" : $"--{option.Name}";
        if (option.Choices.Count > 0 && raw is string choice)
        {
            var match = option.Choices.FirstOrDefault(c => string.Equals(c, choice.Trim(), StringComparison.OrdinalIgnoreCase));
            return match is null
                ? new(null, $"'{Clip(choice, 40)}' is not a valid {label}. Use one of: {string.Join(", ", option.Choices)}.")
                : new(match, null);
        }

        if (option.IsWholeNumber)
        {
            return raw switch
            {
                long l => new(l, null),
                string s when long.TryParse(s.TrimStart('#'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => new(v, null),
                _ => new(null, $"{label} must be a whole number, not '{Clip(raw.ToString(), 40)}'."),
            };
        }

        switch (option.Type)
        {
            case OptionType.Flag:
                return raw is bool b ? new(b, null) : new(null, $"{label} is a flag and takes no value.");
            case OptionType.Number:
                return raw switch
                {
                    double d => new(d, null),
                    long l => new((double)l, null),
                    string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) => new(v, null),
                    _ => new(null, $"{label} must be a number, not '{Clip(raw.ToString(), 40)}'."),
                };
            case OptionType.User:
                return raw is UserRef ? new(raw, null) : new(null, $"{label} must be a person: a mention such as @alice, or me.");
            case OptionType.Speaker:
                return raw is UserRef or string ? new(raw, null) : new(null, $"{label} must be a mention or a name in quotes.");
            case OptionType.Channel:
                return raw is ChannelRef ? new(raw, null) : new(null, $"{label} must be a channel mention.");
            case OptionType.Attachment:
                return raw is Downloads.IncomingFile
                    ? new(raw, null)
                    : new(null, $"{label} is a file and cannot be typed: attach it (the {option.Name} option on Discord; on Slack, share the file with the command as its message), or give --url with its address.");
        }

        if (raw is not string text)
        {
            return new(null, $"{label} must be text.");
        }

        text = text.Trim();
        switch (option.Type)
        {
            case OptionType.Slug:
                return Slug.IsValid(text) ? new(text, null) : new(null, $"'{Clip(text, 40)}' is not a valid slug: use 2-40 lower-case letters, digits and hyphens, starting with a letter (e.g. jet-tagging).");
            case OptionType.Wg or OptionType.Project or OptionType.Dataset or OptionType.Challenge:
                return text.Length is > 0 and <= 100 ? new(text.ToLowerInvariant(), null) : new(null, $"{label} must be a slug such as calorimetry.");
            case OptionType.TimeZone:
                return Zones.Canonical(text) is { } zone
                    ? new(zone, null)
                    : new(null, $"'{Clip(text, 40)}' is not a time zone I know. Use an IANA id such as Europe/Zurich, America/Chicago or UTC{Suggest.DidYouMean(text, Zones.All)}.");
            case OptionType.Date:
                return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : new(null, $"{label} must be a date as YYYY-MM-DD, not '{Clip(text, 40)}'.");
            case OptionType.DateTime:
                return DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)
                    ? new(dt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), null)
                    : new(null, $"{label} must be a date and time as \"YYYY-MM-DD HH:MM\" (24 h), not '{Clip(text, 40)}'.");
            case OptionType.Durations:
                return Durations.TryParseList(text, out _, out var durationError)
                    ? new(text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), null)
                    : new(null, $"{label}: {durationError} Use durations such as 2d, 1d, 3h, 90m or 1h30m, separated by commas.");
            case OptionType.Url:
                return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                    // AbsoluteUri, not ToString(): ToString() unescapes %20 and friends, storing a URL with spaces in it.
                    ? new(uri.AbsoluteUri, null)
                    : new(null, $"{label} must be a web address starting with https://, not '{Clip(text, 40)}'.");
            case OptionType.Orcid:
                return Orcid.TryNormalize(text, out var orcid, out var orcidError)
                    ? new(orcid, null)
                    : new(null, orcidError);
            case OptionType.CreditRole:
                return Domain.CreditTaxonomy.TryParse(text, out var creditRole, out var creditError)
                    ? new(creditRole, null)
                    : new(null, creditError);
            case OptionType.Role:
                return RoleTags.TryNormalize(text, out var tag)
                    ? new(tag, null)
                    : new(null, $"'{Clip(text, 40)}' is not a role. Roles are: {string.Join(", ", RoleTags.Known)}.");
        }

        return text.Length > 4000 ? new(null, $"{label} is too long (at most 4000 characters).") : new(text, null);
    }
}
