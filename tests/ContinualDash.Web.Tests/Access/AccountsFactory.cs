using System.Net;
using ContinualDash.Core.Access;
using ContinualDash.Web.Access;
using ContinualDash.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Access;

/// <summary>The app with local accounts (<c>Auth:Mode=accounts</c>, the production default) and helpers to
/// make users, their tokens and signed-in clients.</summary>
public sealed class AccountsFactory : DashFactory
{
    public const string Password = "correct-horse-1";

    public AccountsFactory()
    {
        Settings["Auth:Mode"] = AuthOptions.Accounts;
        Settings["Queue:CommandWorkerLabel"] = "commands";
    }

    /// <summary>The app's clock: share links expire by it.</summary>
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<User> CreateUserAsync(string name, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(name, Password, role, CancellationToken.None);
    }

    /// <summary>A user token owned by <paramref name="owner"/>.</summary>
    public async Task<string> CreateTokenAsync(User owner)
    {
        await using var scope = Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateForUserAsync("t", owner, CancellationToken.None);
        return secret;
    }

    /// <summary>A client that does not follow redirects and keeps cookies.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public HttpClient WithToken(string secret)
    {
        var client = Browser();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> through the sign-in form.</summary>
    public async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Browser();
        var response = await Forms.PostAsync(client, "/signin", "signin", new() { ["Input.UserName"] = user, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }
}
