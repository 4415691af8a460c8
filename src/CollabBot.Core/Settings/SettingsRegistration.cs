using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Settings;

/// <summary>
/// One options class per settings section, bound with <c>BindConfiguration</c> and checked when the host starts
/// (<c>ValidateOnStart</c>) by its source-generated <c>[OptionsValidator]</c>. <see cref="ValidateSettings"/> runs the
/// same checks earlier, before the database is touched or a verb runs, and turns the failures into one readable
/// <see cref="SettingsException"/>.
/// </summary>
public static partial class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it with <typeparamref name="TValidator"/> at start.</summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddSettings<TOptions>(section);
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>; binding at start still refuses a value of the wrong type (<c>Enabled=yes</c>).</summary>
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();

    /// <summary>
    /// The section as its options class, for the few decisions taken while services are registered (whether a platform
    /// poster or a socket connection is added at all). The decision itself stays a property of the options class.
    /// </summary>
    public static TOptions Read<TOptions>(IConfiguration configuration, string section)
        where TOptions : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new SettingsException([ex.Message], ex);
        }
    }

    /// <summary>Binds and validates every registered section now; throws <see cref="SettingsException"/> listing every problem.</summary>
    public static void ValidateSettings(this IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            var problems = (ex is AggregateException all ? all.InnerExceptions : [ex])
                .SelectMany(e => e is OptionsValidationException v ? v.Failures : [e.Message])
                .Select(WithoutMemberPrefix)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            throw new SettingsException(problems, ex);
        }
    }

    /// <summary>
    /// The validator writes <c>Member: message</c>; our messages already name the key (<c>ApiBaseUrl: Slack:ApiBaseUrl must …</c>),
    /// so the prefix goes.
    /// </summary>
    private static string WithoutMemberPrefix(string failure) =>
        MemberPrefix().Match(failure) is { Success: true } m && m.Groups["rest"].Value.Contains($":{m.Groups["member"].Value}", StringComparison.Ordinal)
            ? m.Groups["rest"].Value
            : failure;

    [GeneratedRegex(@"^(?<member>[A-Za-z]+): (?<rest>.+)$", RegexOptions.Singleline)]
    private static partial Regex MemberPrefix();
}

/// <summary>Settings that would be refused: each problem a sentence naming its key. Secrets' values are never part of one.</summary>
public sealed class SettingsException(IReadOnlyList<string> problems, Exception? inner = null)
    : Exception("CollabBot cannot start with these settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)), inner)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
