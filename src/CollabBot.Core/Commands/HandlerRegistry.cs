using System.Reflection;

namespace CollabBot.Core.Commands;

/// <summary>Maps each command key to its handler type, found by <see cref="CommandAttribute"/> in the given assemblies.</summary>
public sealed class HandlerRegistry
{
    private readonly Dictionary<string, Type> handlers;

    public HandlerRegistry(IEnumerable<Assembly> assemblies)
    {
        handlers = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ICommandHandler).IsAssignableFrom(t))
            .Select(t => (Type: t, Attr: t.GetCustomAttribute<CommandAttribute>()))
            .Where(x => x.Attr is not null)
            .ToDictionary(x => x.Attr!.Key, x => x.Type, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Type> Handlers => handlers;

    public Type? Find(string key) => handlers.GetValueOrDefault(key);
}
