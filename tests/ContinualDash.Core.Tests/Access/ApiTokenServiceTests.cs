using ContinualDash.Core.Access;
using ContinualDash.Testing;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Tests.Access;

public sealed class ApiTokenServiceTests
{
    [Fact]
    public async Task CreateAsync_StoresOnlyTheHashAndThePrefix()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var sut = new ApiTokenService(db, new ManualTimeProvider());

        var (token, secret) = await sut.CreateAsync("laptop", ApiTokenKind.User, null, "me", CancellationToken.None);

        Assert.Matches("^cd_[a-z0-9]{8}_[a-z0-9]{32}$", secret);
        Assert.Equal(secret[3..11], token.Prefix);
        var stored = await db.ApiTokens.AsNoTracking().SingleAsync();
        Assert.Equal(ApiTokenService.Hash(secret), stored.Hash);
        Assert.DoesNotContain(secret[12..], stored.Hash + stored.Prefix + stored.Name);
    }

    [Fact]
    public async Task FindAsync_LiveWrongAndRevokedTokens_OnlyLiveOneFound()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var clock = new ManualTimeProvider();
        var sut = new ApiTokenService(db, clock);
        var (token, secret) = await sut.CreateAsync("ci", ApiTokenKind.Worker, null, null, CancellationToken.None);

        Assert.Equal(token.Id, (await sut.FindAsync(secret, CancellationToken.None))?.Id);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, token.LastUsedAt);
        Assert.Null(await sut.FindAsync(secret + "x", CancellationToken.None));
        Assert.Null(await sut.FindAsync("Bearer nonsense", CancellationToken.None));

        Assert.True(await sut.RevokeAsync(token.Id, CancellationToken.None));
        Assert.False(await sut.RevokeAsync(token.Id, CancellationToken.None));
        db.ChangeTracker.Clear();
        Assert.Null(await sut.FindAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_UsedAgainWithinAMinute_DoesNotRewriteLastUsed()
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var clock = new ManualTimeProvider();
        var sut = new ApiTokenService(db, clock);
        var (_, secret) = await sut.CreateAsync("ci", ApiTokenKind.User, null, null, CancellationToken.None);
        var first = (await sut.FindAsync(secret, CancellationToken.None))!.LastUsedAt;

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(first, (await sut.FindAsync(secret, CancellationToken.None))!.LastUsedAt);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await sut.FindAsync(secret, CancellationToken.None))!.LastUsedAt);
    }

    [Theory]
    [InlineData("", ApiTokenKind.User, null)]
    [InlineData("x", "admin", null)]
    [InlineData("x", ApiTokenKind.Run, null)]
    [InlineData("x", ApiTokenKind.User, 5L)]
    public async Task CreateAsync_InvalidArguments_Throws(string name, string kind, long? runId)
    {
        await using var database = TestDatabase.Create();
        await using var db = await database.CreateMigratedContextAsync();
        var sut = new ApiTokenService(db, new ManualTimeProvider());

        await Assert.ThrowsAsync<ArgumentException>(() => sut.CreateAsync(name, kind, runId, null, CancellationToken.None));
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }
}
