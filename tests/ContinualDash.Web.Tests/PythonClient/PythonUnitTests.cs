namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>The client's own unittest files (clients/python/tests/test_*.py): batching, 413 splitting,
/// Retry-After, the context manager, offline directories, the PyTorch helper and the Avalanche plugin
/// against stand-ins of Avalanche's objects (Avalanche cannot be installed here).</summary>
[Collection(PythonCollection.Name)]
public sealed class PythonUnitTests
{
    [Fact]
    public async Task ClientUnitTests_AllPass()
    {
        var (exit, stdout, stderr) = await PythonProcess.RunAsync(
            ["-m", "unittest", "discover", "-s", Path.Combine(PythonProcess.ClientDirectory, "tests"), "-p", "test_*.py", "-v"]);

        Assert.True(exit == 0, $"python -m unittest exited {exit}\n{stdout}\n{stderr}");
        Assert.Matches(@"Ran \d+ tests", stderr);
        Assert.Contains("OK", stderr);
    }
}
