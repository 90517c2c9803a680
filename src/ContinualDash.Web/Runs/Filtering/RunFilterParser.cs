using System.Globalization;
using System.Linq.Expressions;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Runs.Filtering;

/// <summary>
/// Recursive descent over the filter grammar, building a LINQ predicate that EF Core translates with parameters:
/// <code>
/// or   := and ("or" and)*          and := not ("and" not)*          not := "not" not | atom
/// atom := "(" or ")" | field op value          op := = != &lt; &lt;= &gt; &gt;= ~ (contains)
/// </code>
/// Text comparisons ignore case. Values are numbers, quoted strings or bare words (<c>strategy = ER</c>).
/// </summary>
public sealed class RunFilterParser
{
    private static readonly ParameterExpression RunParameter = Expression.Parameter(typeof(Run), "r");
    private readonly IReadOnlyList<FilterToken> tokens;
    private readonly bool sqlite;
    private int next;

    private RunFilterParser(IReadOnlyList<FilterToken> tokens, bool sqlite)
    {
        this.tokens = tokens;
        this.sqlite = sqlite;
    }

    /// <summary>Parses <paramref name="text"/> into a predicate for <paramref name="sqlite"/> or PostgreSQL.</summary>
    /// <exception cref="FilterException">The expression is invalid; the message says where and why.</exception>
    public static Expression<Func<Run, bool>> Parse(string text, bool sqlite)
    {
        var parser = new RunFilterParser(FilterTokenizer.Tokenize(text), sqlite);
        if (parser.Peek.Kind == FilterTokenKind.End) throw new FilterException(1, "the expression is empty");
        var body = parser.Or();
        if (parser.Peek.Kind != FilterTokenKind.End)
            throw new FilterException(parser.Peek.Position, $"expected 'and', 'or' or the end, found '{parser.Peek.Text}'");
        return Expression.Lambda<Func<Run, bool>>(body, RunParameter);
    }

    private FilterToken Peek => tokens[next];

    private FilterToken Take() => tokens[next++];

    private bool TakeKeyword(string word)
    {
        if (Peek.Kind != FilterTokenKind.Word || !Peek.Text.Equals(word, StringComparison.OrdinalIgnoreCase)) return false;
        next++;
        return true;
    }

    private Expression Or()
    {
        var left = And();
        while (TakeKeyword("or")) left = Expression.OrElse(left, And());
        return left;
    }

    private Expression And()
    {
        var left = Not();
        while (TakeKeyword("and")) left = Expression.AndAlso(left, Not());
        return left;
    }

    private Expression Not() => TakeKeyword("not") ? Expression.Not(Not()) : Atom();

    private Expression Atom()
    {
        var token = Take();
        if (token.Kind == FilterTokenKind.OpenParen)
        {
            var inner = Or();
            var close = Take();
            if (close.Kind != FilterTokenKind.CloseParen) throw new FilterException(close.Position, "expected ')' to close the '(' at column " + token.Position);
            return inner;
        }
        if (token.Kind != FilterTokenKind.Word)
            throw new FilterException(token.Position, token.Kind == FilterTokenKind.End ? "expected a field such as strategy, tag, final.wc_acc or config.lr" : $"expected a field name, found '{token.Text}'");
        var op = Take();
        if (op.Kind != FilterTokenKind.Operator)
            throw new FilterException(op.Position, $"expected an operator (= != < <= > >= ~) after '{token.Text}'");
        var value = Take();
        if (value.Kind is not (FilterTokenKind.Word or FilterTokenKind.Number or FilterTokenKind.String))
            throw new FilterException(value.Position, $"expected a value after '{op.Text}'");
        return RunFilterComparison.Build(token, op, value, RunParameter, sqlite);
    }

    internal static bool IsNumber(FilterToken value, out double number)
    {
        number = 0;
        return value.Kind == FilterTokenKind.Number && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
