namespace CollabBot.Core.ReadModel;

/// <summary>
/// Marks a read command's handler whose reply depends only on the database, the caller and the arguments — not on the
/// clock ("next meeting in 3 days"), a platform's state or anything else outside the database — so the
/// <see cref="ReplyCache"/> may give the same reply again to the same caller until the data version changes. Settings
/// are covered too: a settings reload empties the cache. Only for <c>kind: read</c> commands (the cache refuses others
/// at start). A handler that reads <see cref="Commands.CommandContext.Now"/> must not carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CachedReplyAttribute : Attribute;
