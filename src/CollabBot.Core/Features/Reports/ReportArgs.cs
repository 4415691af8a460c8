using System.Globalization;

namespace CollabBot.Core.Features.Reports;

/// <summary>The <c>--since</c> and <c>--until</c> options: the dispatcher has checked they read YYYY-MM-DD.</summary>
internal static class ReportArgs
{
    public static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
