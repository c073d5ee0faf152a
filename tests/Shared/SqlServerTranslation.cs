using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Tests.Shared;

/// <summary>One query the app compiled, as SQL Server would run it, and where it came from.</summary>
public sealed record SqlServerQuery(string Origin, string Linq, string Sql);

/// <summary>
/// Proves, without a server, that every query the app runs translates for SQL Server. Added to the test
/// SQLite contexts, it sees each query shape as EF compiles it (the first time only: EF caches compiled
/// shapes) and compiles the same expression against the SQL Server model. A query SQL Server could not
/// translate fails the SQLite test that ran it, with the reason. The SQL is then rendered by running the
/// compiled query against a connection that never opens: the command is captured and answered with no rows.
/// Queries written in raw SQL (the SQLite trigram index) are provider-specific by construction and skipped.
/// </summary>
public sealed class SqlServerTranslation : IQueryExpressionInterceptor
{
    public static readonly SqlServerTranslation Instance = new();

    /// <summary>The page or job running, set by tests that want each query attributed (flows with async calls).</summary>
    public static readonly AsyncLocal<string?> Origin = new();

    public static readonly ConcurrentQueue<SqlServerQuery> Seen = new();

    public static DbContextOptions<PhotoRepositoryDbContext> SqlServerOptions { get; } =
        new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlServer("Server=no-server-here;Database=PhotoRepository;User Id=nobody;Password=none;TrustServerCertificate=True;Connect Timeout=1",
                o => o.MigrationsAssembly("PhotoRepository.Migrations.SqlServer"))
            .AddInterceptors(new NeverConnect())
            .Options;

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        var query = Translate(queryExpression);
        if (query is not null) Seen.Enqueue(query with { Origin = Origin.Value ?? "" });
        return queryExpression;
    }

    /// <summary>The SQL Server SQL of a query expression, or null for raw SQL; throws when SQL Server cannot translate it.</summary>
    public static SqlServerQuery? Translate(Expression expression)
    {
        using var db = new PhotoRepositoryDbContext(SqlServerOptions);
        var swap = new ModelSwap(db.Model);
        var rewritten = swap.Visit(expression);
        if (swap.RawSql) return null;

        var elementType = QueryableElementType(rewritten.Type);
        var resultType = elementType is null ? rewritten.Type : typeof(IEnumerable<>).MakeGenericType(elementType);
        var compile = typeof(IDatabase).GetMethod(nameof(IDatabase.CompileQuery))!.MakeGenericMethod(resultType);
        Delegate executor;
        try
        {
            executor = (Delegate)compile.Invoke(db.GetService<IDatabase>(), [rewritten, false])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException("SQL Server cannot translate this query: " + e.InnerException.Message
                + Environment.NewLine + rewritten.Print(), e.InnerException);
        }

        var context = db.GetService<IQueryContextFactory>().Create();
        foreach (var parameter in new ParameterFinder().Find(rewritten))
            context.Parameters[parameter.Name] = Placeholder(parameter.Type);
        var capture = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.OfType<NeverConnect>().Single();
        capture.Commands.Value = [];
        try
        {
            var result = executor.DynamicInvoke(context);
            if (result is IEnumerable rows)
                foreach (var _ in rows) { }
        }
        catch (Exception)
        {
            // Expected: the captured command was answered with no rows, which First() or Count() refuse.
        }
        return new SqlServerQuery("", rewritten.Print(), string.Join(Environment.NewLine + "-- then" + Environment.NewLine, capture.Commands.Value));
    }

    private static Type? QueryableElementType(Type type) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IQueryable<>) ? type : null)
        ?.GetGenericArguments()[0]
        ?? type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQueryable<>))?.GetGenericArguments()[0];

    private static object? Placeholder(Type type)
    {
        if (type == typeof(string)) return "x";
        if (type.IsArray) return Array.CreateInstance(type.GetElementType()!, 0);
        if (Nullable.GetUnderlyingType(type) is not null) return null;
        if (type.IsValueType) return Activator.CreateInstance(type);
        if (typeof(IEnumerable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null) return Activator.CreateInstance(type);
        return null;
    }

    /// <summary>Replaces the SQLite model's entity types with the SQL Server model's.</summary>
    private sealed class ModelSwap(IModel model) : ExpressionVisitor
    {
        public bool RawSql { get; private set; }

        protected override Expression VisitExtension(Expression node)
        {
            switch (node)
            {
                case QueryRootExpression when node.GetType().Name is "FromSqlQueryRootExpression" or "SqlQueryRootExpression":
                    RawSql = true;
                    return node;
                case EntityQueryRootExpression root:
                    var entityType = model.FindEntityType(root.EntityType.Name)
                        ?? throw new InvalidOperationException($"{root.EntityType.Name} is not in the SQL Server model.");
                    return new EntityQueryRootExpression(entityType);
                default:
                    return base.VisitExtension(node);
            }
        }
    }

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private readonly Dictionary<string, QueryParameterExpression> _found = [];

        public IEnumerable<QueryParameterExpression> Find(Expression expression)
        {
            Visit(expression);
            return _found.Values;
        }

        protected override Expression VisitExtension(Expression node)
        {
            if (node is QueryParameterExpression p) _found[p.Name] = p;
            return base.VisitExtension(node);
        }
    }

    /// <summary>Never opens the connection; records each command and answers it with nothing.</summary>
    private sealed class NeverConnect : IDbConnectionInterceptor, IDbCommandInterceptor
    {
        public readonly AsyncLocal<List<string>> Commands = new();

        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            (Commands.Value ??= []).Add(command.CommandText);
            return InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader());
        }

        public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            (Commands.Value ??= []).Add(command.CommandText);
            return InterceptionResult<int>.SuppressWithResult(0);
        }

        public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            (Commands.Value ??= []).Add(command.CommandText);
            return InterceptionResult<object>.SuppressWithResult(0);
        }
    }
}
