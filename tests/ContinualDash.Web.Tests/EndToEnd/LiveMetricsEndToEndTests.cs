using System.Diagnostics;
using System.Text.Json;
using ContinualDash.Core.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Tests.EndToEnd;

/// <summary>
/// A real Python process logs a 3-task run with clients/python against the real server and pauses in the
/// middle of task 2: the live metrics must equal the batch engine on the log so far and be on the run page
/// before the run ends, grow without a reload when it goes on, and land in the runs table when it finishes.
/// </summary>
public sealed class LiveMetricsEndToEndTests : IAsyncLifetime
{
    private readonly BrowserFixture browser = new();

    public Task InitializeAsync() => browser.InitializeAsync();

    public Task DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task PythonRun_MidTask2_LiveMetricsEqualBatchOnRunPageThenFinalInRunsTable()
    {
        using var api = await browser.ApiAsync();
        await using var python = PythonScript.Start("three_task_run.py", browser.BaseUrl, await browser.CreateTokenAsync("python"));
        var paused = await python.NextLineAsync();
        var runId = paused.GetProperty("runId").GetInt64();
        Assert.Equal(249, paused.GetProperty("paused").GetInt32());

        // The API: per-iteration rows equal the batch engine on the log so far with task 2 closed at 249.
        var live = JsonDocument.Parse(await api.GetStringAsync($"/api/runs/{runId}/cl-metrics")).RootElement;
        var log = AccuracyLogJson.Parse(await api.GetByteArrayAsync($"/api/runs/{runId}/accuracy-log"));
        Assert.Equal([99, 199], log.TaskBoundaries);
        var batch = ContinualMetrics.Compute(log with { TaskBoundaries = [99, 199, 249] });
        var rows = live.GetProperty("per_iteration");
        Assert.Equal(250, rows.GetArrayLength());
        for (var j = 0; j < batch.PerIteration.Count; j++)
        {
            var (e, a) = (batch.PerIteration[j], rows[j]);
            Assert.Equal(e.Iteration, a.GetProperty("iteration").GetInt32());
            Close(e.MinAcc, a.GetProperty("min_acc"));
            Close(e.WcAcc, a.GetProperty("wc_acc"));
            Close(e.Forg, a.GetProperty("forg"));
            Close(e.Wf, a.GetProperty("wf"));
        }
        Assert.Equal(2, live.GetProperty("boundary_metrics").GetArrayLength());
        Close(batch.BoundaryMetrics[1].WcAcc, live.GetProperty("boundary_metrics")[1].GetProperty("wc_acc"));
        Assert.Equal(JsonValueKind.Null, live.GetProperty("final").GetProperty("wc_acc").ValueKind);

        // The page, while the run is paused mid-task: min-ACC and WC-ACC traces with values, and the gap of
        // task 0 during task 1 (0.9 before the switch, 0.5 five iterations after it).
        await using var page = await browser.OpenAsync($"runs/{runId}");
        try
        {
            await page.Page.WaitForFunctionAsync("""
                () => ['min-ACC', 'WC-ACC'].every(name => (document.querySelector('[data-chart=summary]').data || [])
                  .some(t => t.name === name && t.y.some(v => v !== null)))
                """);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"no min-ACC and WC-ACC traces; page errors: {string.Join(" | ", page.Errors)}", e);
        }
        var gap = page.Page.Locator("[data-gap-table] tbody tr").First;
        Assert.Equal(["0", "1", "90.0 %", "50.0 %", "40.0 %", "104"], (await gap.Locator("td").AllInnerTextsAsync()).Take(6));
        Assert.Equal("250", await page.Page.Locator("[data-run-charts]").GetAttributeAsync("data-metric-rows"));
        await page.ScreenshotAsync("run-page-live-metrics");
        Assert.Empty(page.Errors);

        // The rest of task 2 arrives over the stream: the derived curves grow without a reload.
        await python.WriteLineAsync("go");
        await page.Page.WaitForFunctionAsync("() => Number(document.querySelector('[data-run-charts]').dataset.metricRows) > 250",
            null, new() { Timeout = 30_000 });
        Assert.True((await python.NextLineAsync()).GetProperty("done").GetBoolean());
        await python.ExitAsync();
        // (No check of page errors past this point: when the run ends, the browser may abort the stream's
        // reconnect that races with the page closing it, which is not an error of the page.)

        // Finished: the stored final metrics are the engine's, and the table and its filter show them.
        var final = JsonDocument.Parse(await api.GetStringAsync($"/api/runs/{runId}/cl-metrics")).RootElement.GetProperty("final");
        await using (var db = browser.App.CreateDbContext())
        {
            var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
            Assert.Equal(final.GetProperty("wc_acc").GetDouble(), run.FinalWcAcc!.Value, 9);
            Assert.Equal(final.GetProperty("avg_acc").GetDouble(), run.FinalAvgAcc!.Value, 9);
            Assert.Equal(final.GetProperty("min_acc").GetDouble(), run.FinalMinAcc!.Value, 9);
            Assert.Equal(final.GetProperty("bwt").GetDouble(), run.FinalBwt!.Value, 9);
            Assert.Equal(final.GetProperty("avg_forg").GetDouble(), run.FinalForgetting!.Value, 9);
        }
        await using var table = await browser.OpenAsync("?filter=" + Uri.EscapeDataString("final.wc_acc > 0"));
        var cells = await table.Page.Locator("table tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Contains("python 3-task", cells);
        Assert.Contains(Percent(final.GetProperty("wc_acc").GetDouble()), cells);
        await table.ScreenshotAsync("runs-table-final-metrics");
    }

    // As the runs table prints a metric.
    private static string Percent(double value) => value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    private static void Close(double? expected, JsonElement actual)
    {
        if (expected is { } x) Assert.Equal(x, actual.GetDouble(), 1e-9);
        else Assert.Equal(JsonValueKind.Null, actual.ValueKind);
    }

    /// <summary>A script of clients/python/tests run by Debian's python3, spoken to line by line.</summary>
    private sealed class PythonScript : IAsyncDisposable
    {
        private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);
        private readonly Process process;

        private PythonScript(Process process) => this.process = process;

        public static PythonScript Start(string script, params string[] args)
        {
            var start = new ProcessStartInfo(PythonClient.PythonProcess.Interpreter)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(PythonClient.PythonProcess.ClientDirectory, "tests", script));
            foreach (var a in args) start.ArgumentList.Add(a);
            return new PythonScript(Process.Start(start)!);
        }

        public async Task<JsonElement> NextLineAsync()
        {
            using var cts = new CancellationTokenSource(StepTimeout);
            var line = await process.StandardOutput.ReadLineAsync(cts.Token);
            if (line is null) throw new InvalidOperationException($"python ended early: {await process.StandardError.ReadToEndAsync()}");
            return JsonDocument.Parse(line).RootElement.Clone();
        }

        public async Task WriteLineAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        public async Task ExitAsync()
        {
            using var cts = new CancellationTokenSource(StepTimeout);
            await process.WaitForExitAsync(cts.Token);
            Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        }

        public ValueTask DisposeAsync()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
