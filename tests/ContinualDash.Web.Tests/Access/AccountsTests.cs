using System.Net;
using System.Net.Http.Json;
using ContinualDash.Core.Access;
using ContinualDash.Web.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ContinualDash.Web.Tests.Access;

public sealed class AccountsTests
{
    [Fact]
    public async Task FreshServer_AnyPage_RedirectsToSetupButHealthAndApiAnswer()
    {
        await using var app = new AccountsFactory();
        var client = app.Browser();

        var page = await client.GetAsync("/workers");

        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.EndsWith("/setup", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task Setup_FirstAdmin_CreatesHashedAdminSignsInAndClosesSetup()
    {
        await using var app = new AccountsFactory();
        var client = app.Browser();

        var post = await Forms.PostAsync(client, "/setup", "setup",
            new() { ["Input.UserName"] = "Ada", ["Input.Password"] = AccountsFactory.Password, ["Input.Confirm"] = AccountsFactory.Password });

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/users")).StatusCode);
        var again = await app.Browser().GetAsync("/setup");
        Assert.Equal(HttpStatusCode.Found, again.StatusCode);
        Assert.EndsWith("signin", again.Headers.Location!.OriginalString);
        await using var db = app.CreateDbContext();
        var admin = await db.Users.SingleAsync();
        Assert.Equal(("ada", UserRole.Admin), (admin.UserName, admin.Role));
        Assert.DoesNotContain(AccountsFactory.Password, admin.PasswordHash);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsMessageAndGrantsNothing()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        var client = app.Browser();

        var post = await Forms.PostAsync(client, "/signin", "signin", new() { ["Input.UserName"] = "ada", ["Input.Password"] = "wrong-password" });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("data-testid=\"signin-error\"", await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/workers")).StatusCode);
    }

    [Fact]
    public async Task SignIn_HostileReturnUrl_StaysOnThisSite()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        var client = app.Browser();

        var post = await Forms.PostAsync(client, "/signin?ReturnUrl=%2F%2Fevil.example%2F", "signin",
            new() { ["Input.UserName"] = "ada", ["Input.Password"] = AccountsFactory.Password });

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.DoesNotContain("evil.example", post.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DisableUser_SignedInWithToken_CookieAndTokenStopWorking()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        var bob = await app.CreateUserAsync("bob", UserRole.Member);
        var cookie = await app.SignedInAsync("bob");
        var token = app.WithToken(await app.CreateTokenAsync(bob));
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/workers")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().SetDisabledAsync(bob.Id, disabled: true, default);

        Assert.Equal(HttpStatusCode.Found, (await cookie.GetAsync("/workers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.PostAsJsonAsync("/api/runs", new { name = "r" })).StatusCode);
        await Assert.ThrowsAsync<Xunit.Sdk.EqualException>(() => app.SignedInAsync("bob"));
    }

    [Fact]
    public async Task UsersPage_AdminPromotesViewer_TheirTokenMayWrite()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        var vera = await app.CreateUserAsync("vera", UserRole.Viewer);
        var token = app.WithToken(await app.CreateTokenAsync(vera));
        Assert.Equal(HttpStatusCode.Forbidden, (await token.PostAsJsonAsync("/api/runs", new { name = "r" })).StatusCode);
        var admin = await app.SignedInAsync("ada");

        var post = await Forms.PostAsync(admin, "/settings/users", $"user-{vera.Id}", new() { ["Role"] = UserRole.Member, ["Action"] = "role" });

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await token.PostAsJsonAsync("/api/runs", new { name = "r" })).StatusCode);
    }

    [Fact]
    public async Task UsersPage_AdminAddsUser_StoresHashedMember()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        var admin = await app.SignedInAsync("ada");

        var post = await Forms.PostAsync(admin, "/settings/users", "add-user",
            new() { ["NewUser.UserName"] = "carl", ["NewUser.Password"] = "another-secret-9", ["NewUser.Role"] = UserRole.Member });

        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        await using var db = app.CreateDbContext();
        var carl = await db.Users.SingleAsync(u => u.UserName == "carl");
        Assert.Equal(UserRole.Member, carl.Role);
        Assert.DoesNotContain("another-secret-9", carl.PasswordHash);
    }

    [Fact]
    public async Task SetRole_LastAdmin_IsRefused()
    {
        await using var app = new AccountsFactory();
        var ada = await app.CreateUserAsync("ada", UserRole.Admin);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();

        await Assert.ThrowsAsync<AccountException>(() => accounts.SetRoleAsync(ada.Id, UserRole.Viewer, default));
        await Assert.ThrowsAsync<AccountException>(() => accounts.SetDisabledAsync(ada.Id, disabled: true, default));
    }

    [Fact]
    public async Task LaunchCommandJob_MemberByDefault_Returns403ButAdminMay()
    {
        await using var app = new AccountsFactory();
        var ada = await app.CreateUserAsync("ada", UserRole.Admin);
        var bob = await app.CreateUserAsync("bob", UserRole.Member);
        var job = new { command = new { argv = new[] { "true" } } };

        var member = await app.WithToken(await app.CreateTokenAsync(bob)).PostAsJsonAsync("/api/jobs", job);
        var admin = await app.WithToken(await app.CreateTokenAsync(ada)).PostAsJsonAsync("/api/jobs", job);

        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Jobs.CountAsync());
    }

    [Fact]
    public async Task OwnerlessUserToken_ActsAsMember()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("ada", UserRole.Admin);
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
            (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("old", ApiTokenKind.User, null, null, default);
        var client = app.WithToken(secret);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/runs", new { name = "r" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/jobs", new { command = new { argv = new[] { "true" } } })).StatusCode);
    }
}
