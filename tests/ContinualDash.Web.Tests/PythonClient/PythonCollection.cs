namespace ContinualDash.Web.Tests.PythonClient;

/// <summary>The Python client's process tests train with PyTorch or install packages: they run one at a time
/// and after the parallel collections, alone, so they do not starve the browser tests of a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PythonCollection
{
    public const string Name = "Python processes";
}
