namespace CollabBot.Core.Domain;

/// <summary>Entities with an optimistic-concurrency version, bumped on every update.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
