namespace CollabBot.Core.Challenges;

/// <summary>The rule a truth or submission file broke. One file gets one error: the first rule broken, by line.</summary>
public enum FileRule
{
    /// <summary>No bytes, or nothing but blank lines.</summary>
    Empty,

    /// <summary>More bytes than the limit the caller passed.</summary>
    TooLarge,

    /// <summary>A NUL byte or bytes that are not UTF-8: a binary file, or text in another encoding.</summary>
    Binary,

    /// <summary>The first line is data, not a header.</summary>
    MissingHeader,

    /// <summary>The first line is a header, but not the one this challenge needs.</summary>
    WrongHeader,

    /// <summary>A row with more or fewer columns than the header.</summary>
    WrongColumnCount,

    /// <summary>A row whose id is empty.</summary>
    EmptyId,

    /// <summary>An id that appeared on an earlier line.</summary>
    DuplicateId,

    /// <summary>A submission id that the truth does not have.</summary>
    UnknownId,

    /// <summary>Ids of the truth that the submission has no row for.</summary>
    MissingIds,

    /// <summary>A value that is not a number.</summary>
    NotANumber,

    /// <summary>A number that is NaN or infinite (or too large for a double).</summary>
    NotFinite,

    /// <summary>A truth label that the challenge's metrics cannot use (a regression label that is not a number, too many classes).</summary>
    InvalidLabel,

    /// <summary>A row longer than the CSV reader accepts (usually a quote left open).</summary>
    RowTooLong,

    /// <summary>A truth on which a requested metric cannot be computed (AUC with one class…), on the whole or on one part.</summary>
    MetricNotComputable,
}

/// <summary>
/// Why a truth or submission file was refused: the first bad line (1-based; null when the rule is about the whole
/// file), the rule it broke, and one sentence for the person who sent it. Messages about a submission may quote that
/// submission's own text (shortened, control characters masked); messages about a truth never quote anything from it.
/// </summary>
public sealed record FileError(int? Line, FileRule Rule, string Message)
{
    public override string ToString() => Message;

    /// <summary>The refusal for a file larger than the limit, in the words the loaders use.</summary>
    public static FileError TooLarge(long maxBytes) => GuardedStream.TooLarge(maxBytes);
}
