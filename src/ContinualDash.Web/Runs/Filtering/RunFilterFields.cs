using System.Linq.Expressions;
using ContinualDash.Core.Runs;

namespace ContinualDash.Web.Runs.Filtering;

/// <summary>The fields a runs filter may name: columns, <c>final.*</c> metrics, <c>config.*</c> keys and <c>tag</c>.</summary>
public static class RunFilterFields
{
    private static readonly Dictionary<string, string> TextColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = nameof(Run.Name), ["status"] = nameof(Run.Status), ["strategy"] = nameof(Run.Strategy),
        ["benchmark"] = nameof(Run.Benchmark), ["notes"] = nameof(Run.Notes), ["worker"] = nameof(Run.WorkerName),
    };

    private static readonly Dictionary<string, string> NumberColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = nameof(Run.Id), ["seed"] = nameof(Run.Seed), ["attempt"] = nameof(Run.Attempt), ["experiment"] = nameof(Run.ExperimentId),
        ["final.acc"] = nameof(Run.FinalAvgAcc), ["final.avg_acc"] = nameof(Run.FinalAvgAcc), ["final.min_acc"] = nameof(Run.FinalMinAcc),
        ["final.wc_acc"] = nameof(Run.FinalWcAcc), ["final.bwt"] = nameof(Run.FinalBwt), ["final.forgetting"] = nameof(Run.FinalForgetting),
    };

    /// <summary>Every plain field name, for the help text and error messages.</summary>
    public static IEnumerable<string> Names => TextColumns.Keys.Concat(NumberColumns.Keys).Append("tag").Append("config.<key>");

    /// <summary>The field's value on a run, as a string or a number expression; null for an unknown field.</summary>
    internal static Expression? Resolve(string field, ParameterExpression run, bool sqlite)
    {
        if (TextColumns.TryGetValue(field, out var text)) return Expression.Property(run, text);
        if (NumberColumns.TryGetValue(field, out var number))
            return Expression.Convert(Expression.Property(run, number), typeof(double?));
        if (field.StartsWith("config.", StringComparison.OrdinalIgnoreCase) && field.Length > "config.".Length)
        {
            var key = field["config.".Length..];
            return new ConfigKey(Expression.Property(run, nameof(Run.ConfigJson)), sqlite ? ConfigJson.SqlitePath(key) : key);
        }
        return null;
    }

    /// <summary>A config key: compared as a number or as text depending on the literal it meets.</summary>
    internal sealed class ConfigKey(Expression json, string key) : Expression
    {
        public override ExpressionType NodeType => ExpressionType.Extension;
        public override Type Type => typeof(string);
        public Expression Json { get; } = json;
        public string Key { get; } = key;

        public Expression As(Type type) => Call(typeof(ConfigJson), type == typeof(double?) ? nameof(ConfigJson.Number) : nameof(ConfigJson.Text),
            null, Json, Property(Constant(new QueryValue<string>(Key)), nameof(QueryValue<string>.Value)));
    }
}
