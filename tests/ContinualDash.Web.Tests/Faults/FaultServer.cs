using ContinualDash.Core.Access;
using ContinualDash.Testing;

namespace ContinualDash.Web.Tests.Faults;

/// <summary>Shared set-up of the fault tests: an API token on a migrated database and clients that carry it.</summary>
internal static class FaultServer
{
    public static async Task<string> CreateTokenAsync(TestDatabase database)
    {
        await using var db = await database.CreateMigratedContextAsync();
        var (_, secret) = await new ApiTokenService(db, TimeProvider.System)
            .CreateAsync("faults", ApiTokenKind.User, null, null, CancellationToken.None);
        return secret;
    }

    public static HttpClient Client(string url, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
