using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace ContinualDash.Web.PythonClient;

/// <summary>
/// The Python client (clients/python, embedded in this assembly) as a source distribution that
/// <c>pip install URL</c> installs without a package index: its build backend is in the archive and needs
/// nothing else. The package carries the dashboard's version, written into <c>continualdash/_version.py</c>.
/// </summary>
public sealed class PythonClientPackage
{
    private const string ResourcePrefix = "python-client/";
    private readonly Lazy<byte[]> archive;

    public PythonClientPackage()
    {
        Version = ServerVersion();
        archive = new Lazy<byte[]>(Build);
    }

    /// <summary>The dashboard's version (<c>Version</c> of Directory.Build.props), without build metadata.</summary>
    public string Version { get; }

    /// <summary>The archive's file name: <c>continualdash-{Version}.tar.gz</c>.</summary>
    public string FileName => $"continualdash-{Version}.tar.gz";

    /// <summary>The gzipped tar archive, built once.</summary>
    public byte[] Archive => archive.Value;

    private byte[] Build()
    {
        var root = $"continualdash-{Version}/";
        var assembly = typeof(PythonClientPackage).Assembly;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var path = name[ResourcePrefix.Length..];
                using var resource = assembly.GetManifestResourceStream(name)!;
                var content = path == "continualdash/_version.py" ? VersionFile() : ReadAll(resource);
                Add(tar, root + path, content);
            }
            Add(tar, root + "PKG-INFO", Encoding.UTF8.GetBytes(
                $"Metadata-Version: 2.1\nName: continualdash\nVersion: {Version}\nRequires-Python: >=3.9\n"));
        }
        return buffer.ToArray();
    }

    private byte[] VersionFile() => Encoding.UTF8.GetBytes(
        $"\"\"\"The package's version: the version of the dashboard that served it.\"\"\"\n\n__version__ = \"{Version}\"\n");

    private static void Add(TarWriter tar, string path, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            DataStream = new MemoryStream(content),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            ModificationTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        tar.WriteEntry(entry);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ServerVersion()
    {
        var informational = typeof(PythonClientPackage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "0.0.0";
        return informational.Split('+')[0];
    }
}
