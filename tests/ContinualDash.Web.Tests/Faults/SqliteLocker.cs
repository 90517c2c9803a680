using System.Diagnostics;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>
/// Another process holding a SQLite file locked: Debian's python3 opens it, runs <c>BEGIN EXCLUSIVE</c> and
/// keeps the transaction open until <see cref="ReleaseAsync"/>, as a backup tool or a sqlite3 shell would.
/// </summary>
internal sealed class SqliteLocker : IDisposable
{
    private const string Script = """
        import sqlite3, sys
        db = sqlite3.connect(sys.argv[1], isolation_level=None)
        db.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
        sys.stdin.readline()
        db.execute("COMMIT")
        print("released", flush=True)
        """;

    private readonly Process process;

    private SqliteLocker(Process process) => this.process = process;

    /// <summary>Returns once the other process holds the lock.</summary>
    public static async Task<SqliteLocker> LockAsync(string file)
    {
        // Debian's interpreter, as CI has it; PYTHON overrides for other machines.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("PYTHON") ?? "/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "-c", Script, file }) start.ArgumentList.Add(arg);
        var locker = new SqliteLocker(Process.Start(start)!);
        var line = await locker.process.StandardOutput.ReadLineAsync();
        if (line != "locked")
            throw new InvalidOperationException($"python3 could not lock {file}: {line} {await locker.process.StandardError.ReadToEndAsync()}");
        return locker;
    }

    /// <summary>Commits the other process's transaction and waits for it to exit.</summary>
    public async Task ReleaseAsync()
    {
        await process.StandardInput.WriteLineAsync();
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync();
        await process.WaitForExitAsync();
        if (line != "released" || process.ExitCode != 0)
            throw new InvalidOperationException($"python3 did not release the lock: {line} {await process.StandardError.ReadToEndAsync()}");
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.Dispose();
    }
}
