using System.Linq.Expressions;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Runs.Filtering;

/// <summary>Builds one <c>field op value</c> comparison of a runs filter.</summary>
internal static class RunFilterComparison
{
    public static Expression Build(FilterToken field, FilterToken op, FilterToken value, ParameterExpression run, bool sqlite)
    {
        if (field.Text.Equals("tag", StringComparison.OrdinalIgnoreCase)) return Tag(op, value, run);
        var target = RunFilterFields.Resolve(field.Text, run, sqlite)
            ?? throw new FilterException(field.Position, $"unknown field '{field.Text}'; use one of {string.Join(", ", RunFilterFields.Names)}");
        var isNumber = RunFilterParser.IsNumber(value, out var number);
        if (target is RunFilterFields.ConfigKey key)
            target = key.As(isNumber && op.Text != "~" ? typeof(double?) : typeof(string));
        if (target.Type == typeof(double?))
        {
            if (!isNumber) throw new FilterException(value.Position, $"'{field.Text}' is a number: compare it with a number, not '{value.Text}'");
            if (op.Text == "~") throw new FilterException(op.Position, $"'~' (contains) works on text; '{field.Text}' is a number");
            var literal = Literal<double?>(number);
            return op.Text switch
            {
                "=" => Expression.Equal(target, literal),
                "!=" => Expression.OrElse(Expression.Equal(target, Expression.Constant(null, typeof(double?))), Expression.NotEqual(target, literal)),
                "<" => Expression.LessThan(target, literal),
                "<=" => Expression.LessThanOrEqual(target, literal),
                ">" => Expression.GreaterThan(target, literal),
                _ => Expression.GreaterThanOrEqual(target, literal),
            };
        }
        return Text(target, op, value.Text);
    }

    private static Expression Text(Expression target, FilterToken op, string value)
    {
        var lowered = Lower(target);
        var literal = Literal(value.ToLowerInvariant());
        var notNull = Expression.NotEqual(target, Expression.Constant(null, typeof(string)));
        return op.Text switch
        {
            "=" => Expression.AndAlso(notNull, Expression.Equal(lowered, literal)),
            "!=" => Expression.OrElse(Expression.Equal(target, Expression.Constant(null, typeof(string))), Expression.NotEqual(lowered, literal)),
            "~" => Expression.AndAlso(notNull, Expression.Call(lowered, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, literal)),
            _ => throw new FilterException(op.Position, $"'{op.Text}' compares numbers; use = != or ~ for text"),
        };
    }

    private static Expression Tag(FilterToken op, FilterToken value, ParameterExpression run)
    {
        if (op.Text is not ("=" or "!=" or "~")) throw new FilterException(op.Position, $"tags compare with = != or ~, not '{op.Text}'");
        var tag = Expression.Parameter(typeof(RunTag), "t");
        var match = Text(Expression.Property(tag, nameof(RunTag.Tag)), op.Text == "~" ? op : op with { Text = "=" }, value.Text);
        var any = Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(RunTag)],
            Expression.Property(run, nameof(Run.Tags)), Expression.Lambda<Func<RunTag, bool>>(match, tag));
        return op.Text == "!=" ? Expression.Not(any) : any;
    }

    private static Expression Lower(Expression text) => Expression.Call(text, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);

    private static Expression Literal<T>(T value) =>
        Expression.Property(Expression.Constant(new QueryValue<T>(value)), nameof(QueryValue<T>.Value));
}
