using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Data;

/// <summary>
/// The <c>Database</c> settings section, and the connection string <c>ConnectionStrings:CollabBot</c> (.NET's own
/// place for it), which the host hands over with <see cref="UseConnectionString"/>. The string may hold a password:
/// it is never logged or shown.
/// </summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "CollabBot";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>From <c>ConnectionStrings:CollabBot</c>; a SQLite file in the working directory when unset.</summary>
    public string ConnectionString { get; private set; } = DatabaseSetup.DefaultConnection;

    /// <summary>The provider <see cref="Provider"/> names; <see cref="DatabaseProvider.Sqlite"/> until validation has refused an unknown one.</summary>
    public DatabaseProvider Kind => DatabaseSetup.ParseProvider(Provider) ?? DatabaseProvider.Sqlite;

    public bool IsPostgres => Kind == DatabaseProvider.Postgres;

    /// <summary>Takes <c>ConnectionStrings:CollabBot</c> from <paramref name="configuration"/>.</summary>
    public void UseConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        ConnectionString = string.IsNullOrWhiteSpace(connectionString) ? DatabaseSetup.DefaultConnection : connectionString;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DatabaseSetup.ParseProvider(Provider) is null)
        {
            yield return new ValidationResult($"Database:Provider '{Provider}' is not supported; use Sqlite or Postgres.", [nameof(Provider)]);
        }
    }
}

[OptionsValidator]
public sealed partial class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>;
