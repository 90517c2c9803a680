using ContinualDash.Web.Launch;

namespace ContinualDash.Web.Tests.Launch;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("python train.py --lr 0.1", new[] { "python", "train.py", "--lr", "0.1" })]
    [InlineData("  a   'b c'  \"d \\\"e\\\"\" f\\ g ", new[] { "a", "b c", "d \"e\"", "f g" })]
    [InlineData("echo '' x''y", new[] { "echo", "", "xy" })]
    [InlineData("", new string[0])]
    public void Split_ShellQuoting_GivesShellArguments(string line, string[] expected)
    {
        var (argv, error) = CommandLine.Split(line);

        Assert.Null(error);
        Assert.Equal(expected, argv);
    }

    [Theory]
    [InlineData("echo 'open", "unclosed ' quote")]
    [InlineData("echo \"open", "unclosed \" quote")]
    [InlineData("echo x\\", "lone backslash")]
    public void Split_BadQuoting_ReturnsError(string line, string message)
    {
        var (argv, error) = CommandLine.Split(line);

        Assert.Empty(argv);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Join_ArgumentsWithSpacesAndQuotes_SplitsBackToSameArguments()
    {
        string[] argv = ["python", "-c", "print('hi there')", "", "a\"b", "--x=1"];

        var line = CommandLine.Join(argv);

        Assert.Equal(argv, CommandLine.Split(line).Argv);
        Assert.StartsWith("python -c ", line);
    }
}
