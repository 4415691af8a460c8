using System.Reflection;
using System.Text.RegularExpressions;
using CollabBot.Core.Data;
using CollabBot.Core.Tests.Docs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Data;

/// <summary>
/// The compiled models in src/CollabBot.Core/Data/CompiledModels are what <c>dotnet ef dbcontext optimize</c> makes of
/// today's configuration classes: each is generated again here, in memory from the model the host's configuration
/// builds, and compared file by file with the committed one. A changed entity, property, index, key, converter or
/// annotation without a regenerated compiled model fails here, with the command that regenerates it.
/// </summary>
public sealed partial class CompiledModelTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("collabbot-compiled-model-");

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    /// <summary>The command that regenerates a provider's compiled model, as the contributor docs give it.</summary>
    public static string RegenerateCommand(string provider) =>
        $"dotnet ef dbcontext optimize --project src/CollabBot.Core --startup-project src/CollabBot.Migrations.{provider} " +
        $"--output-dir Data/CompiledModels/{provider} --namespace CollabBot.Core.Data.CompiledModels.{provider}";

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompiledModel_RegeneratedFromTheConfiguration_MatchesTheCommittedFiles(string provider)
    {
        var committedFolder = RepoFiles.Path("src", "CollabBot.Core", "Data", "CompiledModels", provider);
        var generated = Generate(provider);
        var committed = ReadFolder(committedFolder);

        var hint = $"The {provider} compiled model is stale: the EF model changed and src/CollabBot.Core/Data/CompiledModels/{provider} was not regenerated. " +
                   $"From the repository root run: dotnet tool restore && {RegenerateCommand(provider)}";
        var missing = generated.Keys.Except(committed.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var extra = committed.Keys.Except(generated.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var changed = generated.Keys.Intersect(committed.Keys, StringComparer.Ordinal)
            .Where(name => generated[name] != committed[name]).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && changed.Count == 0,
            $"{hint}{Environment.NewLine}Files to add: {List(missing)}; files to delete: {List(extra)}; files that differ: {List(changed)} (first difference: {FirstDifference(changed.FirstOrDefault(), generated, committed)}).");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void HostConfiguration_GivesEachProviderItsOwnCompiledModel(string provider)
    {
        using var db = HostConfiguredContext(provider);

        // The model EF runs with is the generated one (not built from the configuration classes at start), for this provider.
        var expected = provider == "Sqlite" ? Core.Data.CompiledModels.Sqlite.CollabBotDbContextModel.Instance : Core.Data.CompiledModels.Postgres.CollabBotDbContextModel.Instance;
        Assert.Same(expected, db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Model);
        Assert.IsAssignableFrom<RuntimeModel>(db.Model);

        // Design-time work (migrations, has-pending-model-changes) still sees the model built from the configuration.
        Assert.IsNotAssignableFrom<RuntimeModel>(db.GetService<IDesignTimeModel>().Model);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void CompiledModel_ComparedWithTheModelBuiltAtRunTime_MapsTheSameTablesColumnsKeysAndIndexes(string provider)
    {
        using var db = HostConfiguredContext(provider);

        // EF's design-time model is built from the configuration classes, as the running service built its model before.
        var built = Describe(db.GetService<IDesignTimeModel>().Model);
        var compiled = Describe(db.Model);
        Assert.True(built.Count > 400, "The description should cover every entity's properties.");
        var at = Enumerable.Range(0, Math.Max(built.Count, compiled.Count))
            .FirstOrDefault(i => i >= built.Count || i >= compiled.Count || built[i] != compiled[i], -1);
        Assert.True(at < 0,
            $"The {provider} compiled model does not map what the configuration classes map; regenerate it from the repository root: " +
            $"dotnet tool restore && {RegenerateCommand(provider)}{Environment.NewLine}" +
            $"First difference: configured `{(at >= 0 && at < built.Count ? built[at] : "(nothing)")}`, compiled `{(at >= 0 && at < compiled.Count ? compiled[at] : "(nothing)")}`.");
    }

    /// <summary>
    /// What a query, a save and the audit depend on, one line per fact: table and column, type and converter, keys,
    /// foreign keys, indexes with their filters, query filters, and our own annotations (audit secrets).
    /// </summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            lines.Add($"{entity.Name} -> {table.DisplayName()} filter={entity.GetDeclaredQueryFilters().Count}");
            foreach (var p in entity.GetProperties())
            {
                var mapping = p.GetRelationalTypeMapping();
                lines.Add($"  {p.Name}: {p.ClrType.Name} -> {p.GetColumnName(table)} {p.GetColumnType()} null={p.IsNullable} max={p.GetMaxLength()} " +
                          $"converter={Converts(p.GetValueConverter() ?? mapping.Converter)} provider={p.GetProviderClrType()?.Name} " +
                          $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken} computed={p.GetComputedColumnSql()} " +
                          $"secret={p.FindAnnotation("CollabBot:AuditSecret")?.Value}");
            }

            lines.AddRange(entity.GetKeys().Select(k => $"  key {string.Join(",", k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"));
            lines.AddRange(entity.GetForeignKeys().Select(f =>
                $"  fk {string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior} required={f.IsRequired} unique={f.IsUnique} {f.GetConstraintName()}"));
            lines.AddRange(entity.GetIndexes().Select(i =>
                $"  index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}"));
        }

        return lines;
    }

    /// <summary>
    /// What a converter does, not its class (the generator inlines a converter class's lambdas): its types, and what it
    /// stores for sample values of its model type.
    /// </summary>
    private static string Converts(ValueConverter? converter)
    {
        if (converter is null)
        {
            return "none";
        }

        var type = Nullable.GetUnderlyingType(converter.ModelClrType) ?? converter.ModelClrType;
        object[] samples = type.IsEnum ? [.. Enum.GetValues(type).Cast<object>()]
            : type == typeof(DateTimeOffset) ? [new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(2))]
            : type == typeof(List<string>) ? [new List<string>(), new List<string> { "a", "b c" }]
            : [];
        return $"{converter.ModelClrType.Name}->{converter.ProviderClrType.Name} [{string.Join(", ", samples.Select(v => converter.ConvertToProvider(v)))}]";
    }

    /// <summary>What <c>dotnet ef dbcontext optimize</c> writes, from the design-time model, as the tool builds it.</summary>
    private Dictionary<string, string> Generate(string provider)
    {
        using var db = HostConfiguredContext(provider);
        var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
        ProviderDesignTimeServices(provider).ConfigureDesignTimeServices(services);
        using var designServices = services.BuildServiceProvider();

        var output = Path.Combine(scratch.FullName, provider);
        designServices.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
            db.GetService<IDesignTimeModel>().Model,
            output,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(CollabBotDbContext),
                ModelNamespace = $"CollabBot.Core.Data.CompiledModels.{provider}",
                Language = "C#",
                UseNullableReferenceTypes = true,
            });
        return ReadFolder(output);
    }

    /// <summary>The provider's design-time services, found as the EF tools find them: by the provider assembly's attribute.</summary>
    private static IDesignTimeServices ProviderDesignTimeServices(string provider)
    {
        var assembly = provider == "Sqlite" ? typeof(SqliteDbContextOptionsBuilderExtensions).Assembly : typeof(NpgsqlDbContextOptionsBuilderExtensions).Assembly;
        var attribute = assembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
        return (IDesignTimeServices)Activator.CreateInstance(assembly.GetType(attribute.TypeName, throwOnError: true)!)!;
    }

    /// <summary>A context configured as the host configures it (no connection is opened).</summary>
    private static CollabBotDbContext HostConfiguredContext(string provider)
    {
        var options = new DbContextOptionsBuilder<CollabBotDbContext>();
        DatabaseSetup.Configure(options, provider, provider == "Sqlite" ? "Data Source=:memory:" : "Host=127.0.0.1;Port=1;Database=none;Username=none");
        return new CollabBotDbContext(options.Options);
    }

    /// <summary>
    /// A compiled model's files by name, without the assembly attribute the tool also writes (not compiled: see
    /// CollabBot.Core.csproj).
    /// </summary>
    private static Dictionary<string, string> ReadFolder(string folder) =>
        Directory.GetFiles(folder, "*.cs")
            .Where(f => !f.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), f => ModelId().Replace(File.ReadAllText(f).ReplaceLineEndings("\n"), "modelId: new Guid(\"(any)\")"), StringComparer.Ordinal);

    /// <summary>The generator gives every run a new random model id; it identifies nothing the code depends on.</summary>
    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();

    private static string List(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static string FirstDifference(string? name, Dictionary<string, string> generated, Dictionary<string, string> committed)
    {
        if (name is null)
        {
            return "none";
        }

        var a = generated[name].Split('\n');
        var b = committed[name].Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end of file)";
            var y = i < b.Length ? b[i] : "(end of file)";
            if (x != y)
            {
                return $"{name} line {i + 1}: generated `{x.Trim()}`, committed `{y.Trim()}`";
            }
        }

        return name;
    }

    public void Dispose() => scratch.Delete(recursive: true);
}
