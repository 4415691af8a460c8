using System.Reflection.Emit;
using System.Reflection;
using System.Text.RegularExpressions;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Docs;

namespace CollabBot.Core.Tests.Architecture;

/// <summary>
/// No two folders of Core use each other. The uses are read from the compiled assembly, not from <c>using</c> lines:
/// a type's base type and interfaces, its fields, properties and method signatures, the locals of its methods and
/// every type, method and field its IL names (lambdas and async state machines count for the type that declares them).
/// Checked twice: per namespace (<c>Features.Meeting</c> and <c>Features.Wg</c>, <c>Resources</c> and
/// <c>Resources.Formats</c> are apart) and per top-level folder (<c>Authors</c> may not use <c>Features</c> when any
/// feature uses <c>Authors</c>). The root namespace (<c>CollabBot.Core</c>, the composition root) is not a folder.
/// </summary>
public sealed partial class NamespaceCycleTests
{
    private const string Prefix = "CollabBot.Core.";

    [Fact]
    public void CoreNamespaces_NoPairUsesEachOther() => AssertNoPairs(CoreUses(ns => ns));

    [Fact]
    public void CoreTopFolders_NoPairUsesEachOther() => AssertNoPairs(CoreUses(TopFolder));

    private static string TopFolder(string ns)
    {
        var dot = ns.IndexOf('.', Prefix.Length);
        return dot < 0 ? ns : ns[..dot];
    }

    private static void AssertNoPairs(Dictionary<(string From, string To), SortedSet<string>> uses)
    {
        var cycles = new List<string>();
        foreach (var ((from, to), evidence) in uses.OrderBy(u => u.Key.From, StringComparer.Ordinal).ThenBy(u => u.Key.To, StringComparer.Ordinal))
        {
            if (string.CompareOrdinal(from, to) < 0 && uses.TryGetValue((to, from), out var back))
            {
                cycles.Add($"{Short(from)} <-> {Short(to)}\n  {Short(from)} -> {Short(to)}: {Describe(evidence)}\n  {Short(to)} -> {Short(from)}: {Describe(back)}");
            }
        }

        Assert.True(cycles.Count == 0, $"{cycles.Count} pair(s) of Core folders use each other; move the shared piece to the folder both may use:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void CoreUses_SeesMethodBodies()
    {
        // The check is only as good as what it reads: a handler names Domain types mostly inside its method body (and
        // in the async state machine the compiler makes of it), so these edges must be seen.
        var uses = CoreUses(ns => ns);

        Assert.Contains(("CollabBot.Core.Commands", "CollabBot.Core.Replies"), uses.Keys);
        Assert.Contains(uses.Keys, k => k.From == "CollabBot.Core.Features.Wg" && k.To == "CollabBot.Core.Domain");
    }

    private static string Short(string ns) => ns[Prefix.Length..];

    private static string Describe(SortedSet<string> evidence) =>
        string.Join("; ", evidence.Take(4)) + (evidence.Count > 4 ? $"; and {evidence.Count - 4} more" : "");

    /// <summary>(from namespace, to namespace) → "Type (file) uses Type (file)" lines.</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> CoreUses(Func<string, string> node)
    {
        var assembly = typeof(Reply).Assembly;
        var files = SourceFiles();
        var uses = new Dictionary<(string From, string To), SortedSet<string>>();

        foreach (var type in assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (!IsFolder(owner.Namespace))
            {
                continue;
            }

            foreach (var used in ReferencedTypes(type))
            {
                var target = Outermost(used);
                if (target.Assembly != assembly || !IsFolder(target.Namespace) || target.Namespace == owner.Namespace)
                {
                    continue;
                }

                var key = (node(owner.Namespace!), node(target.Namespace!));
                if (key.Item1 == key.Item2)
                {
                    continue;
                }

                if (!uses.TryGetValue(key, out var evidence))
                {
                    uses[key] = evidence = new SortedSet<string>(StringComparer.Ordinal);
                }

                evidence.Add($"{owner.Name} ({files.GetValueOrDefault(owner.Name, "?")}) uses {Short(target.Namespace!)}.{target.Name}");
            }
        }

        return uses;
    }

    private static bool IsFolder(string? ns) => ns is not null && ns.StartsWith(Prefix, StringComparison.Ordinal);

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        var found = new HashSet<Type>();

        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }
            else if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
            else
            {
                found.Add(t);
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
        }

        var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
        foreach (var method in methods)
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType);
            }

            foreach (var member in IlMembers(method, body))
            {
                switch (member)
                {
                    case Type t:
                        Add(t);
                        break;
                    case MethodBase m:
                        Add(m.DeclaringType);
                        if (m.IsGenericMethod)
                        {
                            foreach (var argument in m.GetGenericArguments())
                            {
                                Add(argument);
                            }
                        }

                        break;
                    case FieldInfo f:
                        Add(f.DeclaringType);
                        break;
                }
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The types, methods and fields a method's IL names by metadata token.</summary>
    private static IEnumerable<MemberInfo> IlMembers(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[at++]));
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    MemberInfo? member;
                    try
                    {
                        member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        member = null;
                    }

                    if (member is not null)
                    {
                        yield return member;
                    }

                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, at);
                    at += 4 + 4 * count;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    /// <summary>Top-level type name → its file under src/CollabBot.Core, for the failure message.</summary>
    private static Dictionary<string, string> SourceFiles()
    {
        var core = RepoFiles.Path("src", "CollabBot.Core");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in TypeDeclaration().Matches(File.ReadAllText(file)))
            {
                var name = match.Groups["name"].Value + (match.Groups["arity"].Success ? "`" + (match.Groups["arity"].Value.Count(c => c == ',') + 1) : "");
                files.TryAdd(name, relative);
            }
        }

        return files;
    }

    [GeneratedRegex(@"^(?:[ \t]*)(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|file|ref)\s+)*(?:class|record struct|record class|record|struct|interface|enum)\s+(?<name>\w+)(?<arity><[^>]*>)?", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
