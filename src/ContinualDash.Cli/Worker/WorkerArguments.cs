using System.Globalization;
using ContinualDash.Core.Queue;
using ContinualDash.Training.Data;

namespace ContinualDash.Cli.Worker;

/// <summary>The parsed options of <c>continualdash worker</c>; <see cref="Parse"/> throws ArgumentException with a one-line reason.</summary>
/// <param name="DataDirectory">Where builtin jobs read their IDX files (<c>--data</c>).</param>
internal sealed record WorkerArguments(Uri Server, string Token, IReadOnlyList<string> Labels, int Slots, string Name, string DataDirectory)
{
    public static WorkerArguments Parse(string[] args, string? tokenFromEnvironment)
    {
        string? server = null, token = tokenFromEnvironment, name = null;
        var data = ImageDatasetFiles.DefaultDirectory;
        var labels = new List<string>();
        var slots = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (i + 1 >= args.Length) throw new ArgumentException($"{option} needs a value");
            var value = args[++i];
            switch (option)
            {
                case "--server": server = value; break;
                case "--token": token = value; break;
                case "--labels": labels.AddRange(value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)); break;
                case "--name": name = value; break;
                case "--data": data = value; break;
                case "--slots":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out slots) || slots is < 1 or > 64)
                        throw new ArgumentException($"--slots must be a whole number from 1 to 64, not '{value}'");
                    break;
                default: throw new ArgumentException($"unknown option '{option}'");
            }
        }
        if (server is null) throw new ArgumentException("--server URL is required (e.g. --server http://dash:5000)");
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--server must be an http(s) URL, not '{server}'");
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("--token TOKEN is required (or set CONTINUALDASH_TOKEN)");
        try
        {
            JobLabels.Normalize(labels, "--labels");
        }
        catch (QueueException e)
        {
            throw new ArgumentException($"{e.Field}: {e.Message}");
        }
        name ??= Environment.MachineName;
        if (name.Length is 0 or > 200) throw new ArgumentException("--name must be 1 to 200 characters");
        if (string.IsNullOrWhiteSpace(data)) throw new ArgumentException("--data must name a directory");
        return new WorkerArguments(uri, token.Trim(), labels, slots, name, data);
    }
}
