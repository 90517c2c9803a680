using ContinualDash.Web.Runs;

namespace ContinualDash.Web.Tests.Runs;

public sealed class RunsRequestTests
{
    [Theory]
    [InlineData(null, null, "created", true)]
    [InlineData("-created", null, "created", true)]
    [InlineData("created", null, "created", false)]
    [InlineData(null, "asc", "created", false)]
    [InlineData("name", null, "name", false)]
    [InlineData("-name", null, "name", true)]
    [InlineData("-name", "desc", "name", true)]
    [InlineData("wc_acc", "desc", "wc_acc", true)]
    [InlineData(" Min_Acc ", "ASC", "min_acc", false)]
    [InlineData("-forgetting", null, "forgetting", true)]
    public void Bind_SortAndDir_GiveKeyAndDirection(string? sort, string? dir, string key, bool descending)
    {
        var query = new RunsRequest(Sort: sort, Dir: dir).Bind(out var errors);

        Assert.Empty(errors);
        Assert.Equal((key, descending), (query.Sort, query.Descending));
    }

    [Fact]
    public void Bind_ValuesWithSpaces_AreTrimmedAndBlanksIgnored()
    {
        var query = new RunsRequest(Status: " running ", Tag: " ", Experiment: " e1 ", Text: "", Filter: " seed = 1 ").Bind(out var errors);

        Assert.Empty(errors);
        Assert.Equal(new RunsQuery(Status: "Running", Experiment: "e1", Filter: "seed = 1"), query);
    }

    [Theory]
    [InlineData("status", "done", null, null, null, null)]
    [InlineData("sort", null, "size", null, null, null)]
    [InlineData("sort", null, "--name", null, null, null)]
    [InlineData("dir", null, "name", "up", null, null)]
    [InlineData("dir", null, "-name", "asc", null, null)]
    [InlineData("page", null, null, null, "0", null)]
    [InlineData("page", null, null, null, "2147483647", "500")]
    [InlineData("page", null, null, null, "two", null)]
    [InlineData("pageSize", null, null, null, null, "0")]
    [InlineData("pageSize", null, null, null, null, "501")]
    [InlineData("pageSize", null, null, null, null, "1.5")]
    public void Bind_BadValue_ReportsItsField(string field, string? status, string? sort, string? dir, string? page, string? pageSize)
    {
        new RunsRequest(Status: status, Sort: sort, Dir: dir, Page: page, PageSize: pageSize).Bind(out var errors);

        Assert.Equal([field], errors.Select(e => e.Field));
    }

    [Fact]
    public void Bind_UnknownSort_ListsEveryKeyAndFallsBackToNewestFirst()
    {
        var query = new RunsRequest(Sort: "size", PageSize: "1000", Page: "-3").Bind(out var errors);

        var sort = Assert.Single(errors, e => e.Field == "sort").Message;
        Assert.All(RunsSort.Keys, key => Assert.Contains(key, sort));
        // What the page uses instead of a 400.
        Assert.Equal(new RunsQuery(Sort: "created", Descending: true, Page: 1, Size: RunsQuery.MaxSize), query);
    }
}
