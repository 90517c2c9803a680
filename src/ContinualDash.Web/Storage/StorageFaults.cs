using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ContinualDash.Web.Storage;

/// <summary>Recognises full-disk and lock-timeout errors of both providers anywhere in an exception chain
/// (EF wraps them in DbUpdateException; raw commands throw them directly).</summary>
internal static class StorageFaults
{
    // SQLite result codes (primary code in the low byte): https://sqlite.org/rescode.html
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;

    public static bool TryClassify(Exception error, [NotNullWhen(true)] out StorageFault? fault, [NotNullWhen(true)] out string? reason)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: SqliteFull } s:
                    (fault, reason) = (StorageFault.Full, s.Message);
                    return true;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } s:
                    (fault, reason) = (StorageFault.Busy, s.Message);
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull } p:
                    (fault, reason) = (StorageFault.Full, p.MessageText);
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } p:
                    (fault, reason) = (StorageFault.Busy, p.MessageText);
                    return true;
            }
        }
        (fault, reason) = (null, null);
        return false;
    }
}
