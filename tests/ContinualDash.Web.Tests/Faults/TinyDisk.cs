using System.Diagnostics;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>
/// A size-limited tmpfs mounted on a fresh folder: a disk that really fills up (ENOSPC), without touching the
/// machine's disks. Mounting needs root (CI runs as root); without it the test fails and says why rather
/// than skipping, because a silently skipped fault test would look like a passing one.
/// </summary>
internal sealed class TinyDisk : IDisposable
{
    private TinyDisk(string path) => Path = path;

    public string Path { get; }

    public static TinyDisk Mount(int kilobytes)
    {
        var path = Directory.CreateTempSubdirectory("cdash-disk-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0777", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException(
                $"cannot mount a {kilobytes} KB tmpfs for the full-disk test (needs root or CAP_SYS_ADMIN, as in CI): {error}");
        }
        return new TinyDisk(path);
    }

    /// <summary>Takes <paramref name="kilobytes"/> of the disk, to be given back with <see cref="File.Delete"/> later.</summary>
    public string Fill(int kilobytes)
    {
        var file = System.IO.Path.Combine(Path, "filler.bin");
        File.WriteAllBytes(file, new byte[kilobytes * 1024]);
        return file;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static (int Code, string Error) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}
