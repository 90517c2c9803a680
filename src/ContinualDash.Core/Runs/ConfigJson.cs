using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Runs;

/// <summary>
/// Reads one top-level key of <see cref="Run.ConfigJson"/> inside a query, so the runs table filters on
/// configuration in the database. The key travels as a SQL parameter: SQLite's <c>json_extract</c> on SQLite,
/// <c>jsonb_extract_path_text</c> on PostgreSQL. The methods only exist in LINQ queries.
/// </summary>
public static class ConfigJson
{
    /// <summary>The key's value as text (numbers and booleans as their JSON text), or null when absent.</summary>
    public static string? Text(string json, string key) => throw Outside();

    /// <summary>The key's value as a number, or null when absent.</summary>
    public static double? Number(string json, string key) => throw Outside();

    /// <summary>The SQLite JSON path for a top-level key; quoted so dots and spaces in keys stay one key.</summary>
    public static string SqlitePath(string key) => "$.\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static void Map(ModelBuilder model, string? providerName)
    {
        var postgres = providerName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        model.HasDbFunction(Method(nameof(Text))).HasTranslation(args => Extract(args, postgres, typeof(string), null));
        model.HasDbFunction(Method(nameof(Number))).HasTranslation(args => postgres
            ? new SqlUnaryExpression(ExpressionType.Convert, Extract(args, postgres, typeof(string), new StringTypeMapping("text", null)),
                typeof(double), new DoubleTypeMapping("double precision"))
            : Extract(args, postgres, typeof(double), null));
    }

    private static SqlExpression Extract(IReadOnlyList<SqlExpression> args, bool postgres, Type type, RelationalTypeMapping? mapping)
    {
        // Text columns on both providers: PostgreSQL needs the document cast to jsonb first.
        var document = postgres
            ? new SqlUnaryExpression(ExpressionType.Convert, args[0], typeof(string), new StringTypeMapping("jsonb", null))
            : args[0];
        return new SqlFunctionExpression(postgres ? "jsonb_extract_path_text" : "json_extract", [document, args[1]],
            nullable: true, argumentsPropagateNullability: [true, true], type, mapping);
    }

    private static MethodInfo Method(string name) => typeof(ConfigJson).GetMethod(name, [typeof(string), typeof(string)])!;

    private static InvalidOperationException Outside() =>
        new("ConfigJson methods translate to SQL; call them only inside a database query");
}
