namespace CollabBot.Core.Seeding;

/// <summary>A seed file that cannot be loaded; the message names the file and what is wrong.</summary>
public sealed class SeedException(string message) : Exception(message);
