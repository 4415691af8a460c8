namespace CollabBot.Core.Domain;

/// <summary>
/// The one row that says which state of the data the database holds: every transaction that changes anything adds one
/// to <see cref="Version"/> just before it commits (<see cref="Data.DataVersionInterceptor"/>), so every instance that
/// reads it knows whether a reply it rendered earlier is still true (<see cref="ReadModel.ReplyCache"/>).
/// </summary>
public sealed class DataVersion
{
    public const int SingleId = 1;

    public int Id { get; set; }

    public long Version { get; set; }
}
