using System.Data.Common;

namespace ContinualDash.Core.Data;

/// <summary>Adds named parameters to hand-written commands in a provider-neutral way.</summary>
internal static class DbCommandParameters
{
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
