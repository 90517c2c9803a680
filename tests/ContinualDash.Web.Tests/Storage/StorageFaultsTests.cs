using ContinualDash.Web.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ContinualDash.Web.Tests.Storage;

/// <summary>Classification of provider errors; the SQLite paths also run end to end in Faults/, the
/// PostgreSQL ones only here (filling a PostgreSQL volume is out of reach of the test suite).</summary>
public sealed class StorageFaultsTests
{
    public static TheoryData<Exception, string> Faults() => new()
    {
        { new SqliteException("database or disk is full", 13, 13), nameof(StorageFault.Full) },
        { new DbUpdateException("wrapped", new SqliteException("database or disk is full", 13, 13)), nameof(StorageFault.Full) },
        { new SqliteException("database is locked", 5, 5), nameof(StorageFault.Busy) },
        { new SqliteException("database table is locked", 6, 6), nameof(StorageFault.Busy) },
        { new DbUpdateException("wrapped", new PostgresException("could not extend file", "ERROR", "ERROR", PostgresErrorCodes.DiskFull)), nameof(StorageFault.Full) },
        { new PostgresException("could not obtain lock", "ERROR", "ERROR", PostgresErrorCodes.LockNotAvailable), nameof(StorageFault.Busy) },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void TryClassify_StorageError_AnywhereInTheChain_GivesItsFault(Exception error, string expected)
    {
        Assert.True(StorageFaults.TryClassify(error, out var fault, out var reason));
        Assert.Equal(expected, fault.ToString());
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public void TryClassify_OtherDatabaseErrors_AreNotStorageFaults()
    {
        Assert.False(StorageFaults.TryClassify(new SqliteException("constraint failed", 19, 19), out _, out _));
        Assert.False(StorageFaults.TryClassify(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation), out _, out _));
        Assert.False(StorageFaults.TryClassify(new InvalidOperationException("no"), out _, out _));
    }
}
