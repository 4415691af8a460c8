using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CollabBot.Core.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) kept per EF model. EF keeps one executor in each compiled query and
/// swaps it when a context of another model runs the query, so two models used at once in one process (the test
/// suites run SQLite and PostgreSQL contexts side by side) could run one provider's executor on the other's context.
/// The service has one model, so this is one compilation, as before.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    /// <summary>The query compiled for this context's model.</summary>
    public TQuery For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
