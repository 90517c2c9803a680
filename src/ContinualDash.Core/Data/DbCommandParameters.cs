using System.Data.Common;

namespace ContinualDash.Core.Data;

/// <summary>Adds a named parameter to a hand-written command (the few places that bypass EF for speed).</summary>
public static class DbCommandParameters
{
    /// <summary>Adds <paramref name="name"/> = <paramref name="value"/> and returns the parameter, so a loop can re-bind it.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
