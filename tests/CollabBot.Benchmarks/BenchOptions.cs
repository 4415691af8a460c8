using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace CollabBot.Benchmarks;

internal sealed record BenchOptions(int Iterations, int Warmup, int Groups)
{
    public static bool IsOptimized =>
        typeof(BenchOptions).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;

    /// <summary>Null when the arguments are not understood.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var result = new BenchOptions(5_000, 1_000, 100);
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                return null;
            }

            result = name switch
            {
                "--iterations" => result with { Iterations = number },
                "--warmup" => result with { Warmup = number },
                "--groups" => result with { Groups = number },
                _ => null,
            };
            if (result is null)
            {
                return null;
            }
        }

        return result;
    }
}
