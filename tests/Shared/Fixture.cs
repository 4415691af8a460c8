using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CollabBot.Tests.Shared;

/// <summary>
/// Payloads as the platforms send them, captured from their documentation and public examples into the test
/// project's <c>Fixtures/</c> folder (each file's source is listed in <c>Fixtures/README.md</c>). A test loads one
/// and changes only what it is about — an id, the command text — so a reader sees the platform's own shape.
/// Every change must hit something that is there: a replacement that finds nothing, a form field or JSON path the
/// payload does not have, fails the test instead of silently sending the captured payload unchanged.
/// </summary>
public static class Fixture
{
    private static readonly ConcurrentDictionary<string, string> Read = new(StringComparer.Ordinal);

    /// <summary>The file's text, as captured (read once: fakes answer from these on every request).</summary>
    public static string Text(string name) => Read.GetOrAdd(name, static name =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        return File.Exists(path)
            ? File.ReadAllText(path, Encoding.UTF8)
            : throw new FileNotFoundException($"No fixture {name}: captured payloads are under Fixtures/ and copied to the output.", path);
    });

    /// <summary>The file's text with each <c>Find</c> replaced (ordinal) by its <c>Replace</c>.</summary>
    public static string Text(string name, params (string Find, string Replace)[] replacements)
    {
        var text = Text(name);
        foreach (var (find, replace) in replacements)
        {
            if (!text.Contains(find, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The fixture {name} does not contain \"{find}\".", nameof(replacements));
            }

            text = text.Replace(find, replace, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The file parsed as a JSON object, after the text replacements; change fields with <see cref="FixtureJson.Set"/> and <see cref="FixtureJson.Without"/>.</summary>
    public static JsonObject Json(string name, params (string Find, string Replace)[] replacements) =>
        JsonNode.Parse(Text(name, replacements))?.AsObject() ?? throw new InvalidDataException($"The fixture {name} is not a JSON object.");

    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> fixture with the named fields' values replaced (and encoded as
    /// Slack does, spaces as <c>+</c>);
    /// every other byte — field order, the platform's own encoding of the untouched values — stays as captured.
    /// </summary>
    public static string Form(string name, params (string Field, string Value)[] values)
    {
        var pairs = Text(name).TrimEnd('\r', '\n').Split('&');
        foreach (var (field, value) in values)
        {
            var index = Array.FindIndex(pairs, p => p.Split('=', 2)[0] == field);
            if (index < 0)
            {
                throw new ArgumentException($"The form {name} has no field {field}.", nameof(values));
            }

            pairs[index] = field + "=" + WebUtility.UrlEncode(value);
        }

        return string.Join('&', pairs);
    }
}

/// <summary>Small edits of a loaded fixture by path: <c>issue.labels[0].name</c>, <c>event.text</c>.</summary>
public static class FixtureJson
{
    /// <summary>
    /// Sets the value at <paramref name="path"/>. Every step but the last must exist; the last may add a property
    /// (a field this payload variant lacks) but never an array element. Returns the root, so edits chain.
    /// </summary>
    public static JsonObject Set(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Walk(root, path);
        switch (parent, last)
        {
            case (JsonObject o, string property):
                o[property] = value;
                break;
            case (JsonArray a, int index) when index < a.Count:
                a[index] = value;
                break;
            default:
                throw new ArgumentException($"The payload has no {path} to set.", nameof(path));
        }

        return root;
    }

    /// <summary>Removes the property at <paramref name="path"/>, which must be there. Returns the root.</summary>
    public static JsonObject Without(this JsonObject root, string path)
    {
        var (parent, last) = Walk(root, path);
        if (parent is not JsonObject o || last is not string property || !o.Remove(property))
        {
            throw new ArgumentException($"The payload has no {path} to leave out.", nameof(path));
        }

        return root;
    }

    /// <summary>The node at <paramref name="path"/>, which must be there.</summary>
    public static JsonNode At(this JsonObject root, string path)
    {
        var (parent, last) = Walk(root, path);
        var node = (parent, last) switch
        {
            (JsonObject o, string property) => o[property],
            (JsonArray a, int index) when index < a.Count => a[index],
            _ => null,
        };
        return node ?? throw new ArgumentException($"The payload has no {path}.", nameof(path));
    }

    private static (JsonNode Parent, object Last) Walk(JsonObject root, string path)
    {
        var steps = Steps(path).ToList();
        JsonNode current = root;
        foreach (var step in steps[..^1])
        {
            current = (current, step) switch
            {
                (JsonObject o, string property) when o[property] is { } child => child,
                (JsonArray a, int index) when index < a.Count && a[index] is { } item => item,
                _ => throw new ArgumentException($"The payload has no {path}.", nameof(path)),
            };
        }

        return (current, steps[^1]);
    }

    private static IEnumerable<object> Steps(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket >= 0)
            {
                foreach (var index in part[(bracket + 1)..^1].Split("]["))
                {
                    yield return int.Parse(index, CultureInfo.InvariantCulture);
                }
            }
        }
    }
}
