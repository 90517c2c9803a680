using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContinualDash.Web.Tests.Tracking;

namespace ContinualDash.Web.Tests.Runs;

/// <summary>The runs page and <c>GET /api/runs</c> are one listing: same runs, same order, same total.</summary>
public sealed partial class RunsApiAndPageTests
{
    // The same query string on both: every filter, the text search, and sort keys of each kind.
    private static readonly string[] Queries =
    [
        "",
        "?sort=-created",
        "?sort=created",
        "?sort=name",
        "?sort=name&dir=desc",
        "?sort=-id",
        "?sort=seed&dir=asc&filter=" + Uri.EscapeDataString("strategy = ER"),
        "?sort=strategy&dir=asc&filter=" + Uri.EscapeDataString("config.lr <= 0.01 or tag = baseline"),
        "?sort=-seed&filter=" + Uri.EscapeDataString("name ~ \"SEED\" and not status = running"),
        "?q=SEED-0",
        "?q=seed&sort=name",
        "?status=failed",
        "?status=RUNNING&sort=-name",
        "?tag=baseline&sort=started",
        "?experiment=split-fmnist-er&sort=name&dir=asc",
        "?sort=acc",
        "?sort=-min_acc",
        "?sort=wc_acc&dir=desc",
        "?sort=bwt&dir=asc",
        "?sort=-forgetting",
        // Only finished runs: a running run's duration grows between the two requests.
        "?sort=duration&dir=asc&filter=" + Uri.EscapeDataString("status != running"),
        "?filter=" + Uri.EscapeDataString("final.wc_acc > 0.5"),
    ];

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ListAsync_SameQuery_PageAndApiListSameRunsInSameOrder(string provider)
    {
        await using var host = await TrackingHost.StartAsync(provider);
        await CreateRunsAsync(host);

        foreach (var query in Queries)
        {
            var api = JsonDocument.Parse(await host.Client.GetStringAsync("/api/runs" + query)).RootElement;
            var html = await host.Client.GetStringAsync("/" + query);

            var apiIds = api.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
            var pageIds = RowIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(apiIds.SequenceEqual(pageIds), $"{query}: API [{string.Join(",", apiIds)}], page [{string.Join(",", pageIds)}]");
            var total = api.GetProperty("total").GetInt32();
            if (total > 0) Assert.Contains($"of {total}</span>", html);
            else Assert.Contains("data-testid=\"no-match\"", html);
        }
    }

    [Fact]
    public async Task ListAsync_InvalidFilter_PageShowsTheMessageTheApiAnswersWith400()
    {
        await using var host = await TrackingHost.StartAsync();
        await host.CreateRunAsync();
        var filter = "?filter=" + Uri.EscapeDataString("strategy = ER extra");

        var api = await TrackingHost.AssertProblemAsync(await host.Client.GetAsync("/api/runs" + filter), System.Net.HttpStatusCode.BadRequest, "filter");
        var html = await host.Client.GetStringAsync("/" + filter);

        var message = api.GetProperty("errors").GetProperty("filter")[0].GetString()!;
        Assert.StartsWith("at column 15:", message);
        Assert.Contains("Invalid expression " + message, System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task ListAsync_BadSortAndPaging_ApiAnswers400AndPageFallsBackToValidValues()
    {
        await using var host = await TrackingHost.StartAsync();
        var id = await host.CreateRunAsync(new { name = "only" });
        const string query = "?sort=size&dir=up&page=abc";

        var api = await TrackingHost.AssertProblemAsync(await host.Client.GetAsync("/api/runs" + query), System.Net.HttpStatusCode.BadRequest);
        var html = await host.Client.GetStringAsync("/" + query + "&size=100000");

        Assert.Equal(["dir", "page", "sort"], api.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal([id], RowIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    // Six runs through the tracking API, three finished; their final metrics are whatever the server computed.
    private static async Task CreateRunsAsync(TrackingHost host)
    {
        var runs = new (string Name, string Strategy, int Seed, double Lr, string? Tag, string? Finish)[]
        {
            ("er-seed-0", "ER", 0, 0.01, "baseline", "succeeded"),
            ("er-seed-1", "ER", 1, 0.1, null, "failed"),
            ("Finetune-seed-0", "Finetune", 0, 0.001, "baseline", null),
            ("finetune-seed-1", "Finetune", 1, 0.01, null, "cancelled"),
            ("ewc-seed-0", "EWC", 0, 0.05, null, null),
            ("lwf", "LwF", 2, 0.01, "other", null),
        };
        foreach (var r in runs)
        {
            var id = await host.CreateRunAsync(new
            {
                name = r.Name,
                experiment = r.Strategy == "ER" ? "split-fmnist-er" : null,
                config = new { strategy = r.Strategy, seed = r.Seed, lr = r.Lr, benchmark = "split-fmnist" },
                tags = r.Tag is null ? Array.Empty<string>() : [r.Tag],
                tasks = new[] { new { name = "t0" }, new { name = "t1" } },
            });
            await Ok(host.Client.PostAsJsonAsync($"/api/runs/{id}/metrics", new
            {
                points = new object[]
                {
                    new { name = "accuracy", task = 0, iteration = 1, value = 0.5 + r.Seed / 10.0 },
                    new { name = "accuracy", task = 0, iteration = 2, value = 0.4 },
                    new { name = "accuracy", task = 1, iteration = 2, value = 0.3 + r.Lr },
                },
            }));
            await Ok(host.Client.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = 0, iteration = 1 }));
            if (r.Finish is not null)
            {
                await Ok(host.Client.PostAsJsonAsync($"/api/runs/{id}/boundaries", new { task = 1, iteration = 2 }));
                await Ok(host.Client.PostAsJsonAsync($"/api/runs/{id}/finish", new { status = r.Finish }));
            }
        }
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<tr data-run-id=\"(\\d+)\"")]
    private static partial Regex RowIds();
}
