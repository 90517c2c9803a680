using ContinualDash.Core.Series;
using ContinualDash.Testing;
using ContinualDash.Web.Compare;

namespace ContinualDash.Web.Tests.Compare;

public sealed class CompareBuilderTests
{
    private static CompareQuery Query(IReadOnlyList<long> runs, string? group = null, double? from = null, double? to = null, int smooth = 1) =>
        new(runs, "acc", 0, group, from, to, smooth);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task BuildAsync_TwoRuns_OneTracePerRunKeepingTheDip(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var db = await database.CreateMigratedContextAsync();
        var a = await CompareSeed.AddRunAsync(db, "er-0", "er", 0, 0.9, points: 5000);
        var b = await CompareSeed.AddRunAsync(db, "ft-0", "finetune", 0, 0.5);

        var view = await new CompareBuilder(db, new CurveReader(db, new SeriesPointCache())).BuildAsync(Query([a, b, 999]), default);

        Assert.Equal([a, b], view.Runs.Select(r => r.Id));
        Assert.Equal([999L], view.Missing);
        Assert.Equal(2, view.Traces.Count);
        Assert.True(view.Traces[0].X.Length <= CompareBuilder.PointsPerTrace);
        Assert.Equal(0.05, view.Traces[0].Y.Min());
        Assert.Equal(100, view.Traces[1].X.Length);
    }

    [Fact]
    public async Task BuildAsync_GroupedByStrategy_MeanWithMinMaxBandPerGroup()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        long[] ids = [await CompareSeed.AddRunAsync(db, "er-0", "er", 0, 0.8), await CompareSeed.AddRunAsync(db, "er-1", "er", 1, 0.6),
            await CompareSeed.AddRunAsync(db, "ft-0", "finetune", 0, 0.4)];

        var view = await new CompareBuilder(db, new CurveReader(db, new SeriesPointCache())).BuildAsync(Query(ids, group: "config.strategy", from: 10, to: 20), default);

        var er = Assert.Single(view.Traces, t => t.Name == "er");
        Assert.Equal(2, er.Seeds);
        Assert.Equal(10, er.X[0]);
        Assert.Equal(20, er.X[^1]);
        Assert.All(er.Y, y => Assert.Equal(0.7, y, 9));
        Assert.All(er.Lower!, y => Assert.Equal(0.6, y, 9));
        Assert.All(er.Upper!, y => Assert.Equal(0.8, y, 9));
        Assert.Equal(1, Assert.Single(view.Traces, t => t.Name == "finetune").Seeds);
    }

    [Fact]
    public async Task BuildAsync_GroupOfLongRuns_ReducesMeanAndBandKeepingTheDip()
    {
        await using var database = TestDatabase.Create("Sqlite");
        await using var db = await database.CreateMigratedContextAsync();
        long[] ids = [await CompareSeed.AddRunAsync(db, "er-0", "er", 0, 0.8, points: 5000), await CompareSeed.AddRunAsync(db, "er-1", "er", 1, 0.6, points: 5000)];

        var view = await new CompareBuilder(db, new CurveReader(db, new SeriesPointCache())).BuildAsync(Query(ids, group: "config.strategy"), default);

        var er = Assert.Single(view.Traces);
        Assert.InRange(er.X.Length, 4, CompareBuilder.PointsPerTrace);
        Assert.Equal([er.X.Length, er.X.Length], new[] { er.Lower!.Length, er.Upper!.Length });
        Assert.Equal((0.0, 4999.0), (er.X[0], er.X[^1]));
        var dip = Array.IndexOf(er.X, 50.0);
        Assert.Equal((0.05, 0.05, 0.05), (er.Y[dip], er.Lower[dip], er.Upper[dip]));
        Assert.All(er.X.Select((x, i) => (x, i)).Where(p => p.x != 50), p => Assert.Equal((0.7, 0.6, 0.8), (Math.Round(er.Y[p.i], 9), er.Lower[p.i], er.Upper[p.i])));
    }

    [Fact]
    public async Task BuildAsync_Smoothing_AveragesTheTrailingWindow()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var id = await CompareSeed.AddRunAsync(db, "er-0", "er", 0, 0.9);

        var view = await new CompareBuilder(db, new CurveReader(db, new SeriesPointCache())).BuildAsync(Query([id], from: 49, to: 52, smooth: 2), default);

        Assert.Equal([0.9, 0.475, 0.475, 0.9], view.Traces[0].Y.Select(y => Math.Round(y, 9)));
    }

    [Fact]
    public void TracesQuery_FullView_KeepsEverythingButTheRange()
    {
        var query = CompareQuery.FromQueryString(["3,1"], "acc", 2, "config.strategy", 10, 20, 5);

        Assert.Equal("runs=3,1&metric=acc&task=2&group=config.strategy&smooth=5", Uri.UnescapeDataString(query.TracesQuery()));
    }

    [Theory]
    [InlineData(new[] { "1,2", "3" }, new long[] { 1, 2, 3 })]
    [InlineData(new[] { "2, x, -1, 2" }, new long[] { 2 })]
    public void ParseRuns_CommaListsAndRepeats_DistinctPositiveIds(string[] values, long[] expected) =>
        Assert.Equal(expected, CompareQuery.ParseRuns(values));
}
