using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinualDash.Core.Runs;

/// <summary>
/// Time between two timestamps inside a query, so the runs table sorts by duration in the database:
/// SQLite stores timestamps as text and EF cannot subtract them there, so it becomes <c>julianday(to) -
/// julianday(from)</c>; on PostgreSQL the difference of the two <c>date_part('epoch', ...)</c> values.
/// The method only exists in LINQ queries.
/// </summary>
public static class RunTime
{
    /// <summary>Days from <paramref name="from"/> to <paramref name="to"/>; null when either is null.</summary>
    public static double? Days(DateTime? from, DateTime? to) =>
        throw new InvalidOperationException("RunTime.Days translates to SQL; call it only inside a database query");

    internal static void Map(ModelBuilder model, string? providerName)
    {
        var postgres = providerName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        var method = typeof(RunTime).GetMethod(nameof(Days), [typeof(DateTime?), typeof(DateTime?)])!;
        model.HasDbFunction(method).HasTranslation(args =>
        {
            var days = new DoubleTypeMapping(postgres ? "double precision" : "REAL");
            var difference = new SqlBinaryExpression(ExpressionType.Subtract, Point(args[1], postgres, days), Point(args[0], postgres, days),
                typeof(double), days);
            return postgres
                ? new SqlBinaryExpression(ExpressionType.Divide, difference, new SqlConstantExpression(86400.0, days), typeof(double), days)
                : difference;
        });
    }

    /// <summary>A timestamp as a number on a linear scale: Julian days (SQLite) or Unix seconds (PostgreSQL).</summary>
    private static SqlExpression Point(SqlExpression timestamp, bool postgres, RelationalTypeMapping days) => postgres
        ? new SqlFunctionExpression("date_part", [new SqlConstantExpression("epoch", new StringTypeMapping("text", null)), timestamp],
            nullable: true, argumentsPropagateNullability: [false, true], typeof(double), days)
        : new SqlFunctionExpression("julianday", [timestamp], nullable: true, argumentsPropagateNullability: [true], typeof(double), days);
}
