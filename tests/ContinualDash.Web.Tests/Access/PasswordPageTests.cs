using System.Net;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Tests.Access;

public sealed class PasswordPageTests
{
    [Fact]
    public async Task Change_ViewerWrongCurrentThenRight_OnlyTheRightOneChangesThePassword()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        await app.CreateUserAsync("mia", UserRole.Viewer);
        var mia = await app.SignedInAsync("mia");
        const string NewPassword = "battery-staple-2";

        var wrong = await Forms.PostAsync(mia, "/settings/password", "password",
            new() { ["Input.Current"] = "not-my-password", ["Input.Password"] = NewPassword, ["Input.Confirm"] = NewPassword });
        var stillOld = await Forms.PostAsync(app.Browser(), "/signin", "signin",
            new() { ["Input.UserName"] = "mia", ["Input.Password"] = AccountsFactory.Password });
        var right = await Forms.PostAsync(mia, "/settings/password", "password",
            new() { ["Input.Current"] = AccountsFactory.Password, ["Input.Password"] = NewPassword, ["Input.Confirm"] = NewPassword });

        Assert.Contains("The current password is wrong.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, stillOld.StatusCode);
        Assert.Contains("data-testid=\"password-changed\"", await right.Content.ReadAsStringAsync());
        var withOld = await Forms.PostAsync(app.Browser(), "/signin", "signin",
            new() { ["Input.UserName"] = "mia", ["Input.Password"] = AccountsFactory.Password });
        var withNew = await Forms.PostAsync(app.Browser(), "/signin", "signin",
            new() { ["Input.UserName"] = "mia", ["Input.Password"] = NewPassword });
        Assert.Contains("Wrong user name or password", await withOld.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, withNew.StatusCode);
    }

    [Fact]
    public async Task Change_TooShortOrMismatched_ShowsMessageNextToField()
    {
        await using var app = new AccountsFactory();
        await app.CreateUserAsync("admin", UserRole.Admin);
        var admin = await app.SignedInAsync("admin");

        var tooShort = await Forms.PostAsync(admin, "/settings/password", "password",
            new() { ["Input.Current"] = AccountsFactory.Password, ["Input.Password"] = "short", ["Input.Confirm"] = "short" });
        var mismatched = await Forms.PostAsync(admin, "/settings/password", "password",
            new() { ["Input.Current"] = AccountsFactory.Password, ["Input.Password"] = "long-enough-1", ["Input.Confirm"] = "long-enough-2" });

        Assert.Contains("A password has at least 8 characters.", await tooShort.Content.ReadAsStringAsync());
        Assert.Contains("The two new passwords differ.", await mismatched.Content.ReadAsStringAsync());
        var signIn = await Forms.PostAsync(app.Browser(), "/signin", "signin",
            new() { ["Input.UserName"] = "admin", ["Input.Password"] = AccountsFactory.Password });
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
    }
}
