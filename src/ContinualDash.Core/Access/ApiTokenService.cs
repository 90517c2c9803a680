using System.Security.Cryptography;
using System.Text;
using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Core.Access;

/// <summary>
/// Creates, checks and revokes API tokens. A token reads <c>cd_&lt;prefix&gt;_&lt;secret&gt;</c>; only the
/// SHA-256 of the whole string is stored, so a leaked database does not leak usable tokens, and the secret
/// is shown once, at creation. The prefix is stored in clear so people can tell their tokens apart.
/// </summary>
public sealed class ApiTokenService(DashDbContext db, TimeProvider time)
{
    /// <summary>How stale <see cref="ApiToken.LastUsedAt"/> may get before a request refreshes it: not every
    /// request should write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates a token and returns it with its secret, which is never shown again.</summary>
    public Task<(ApiToken Token, string Secret)> CreateAsync(
        string name, string kind, long? runId, string? createdBy, CancellationToken ct) =>
        CreateAsync(name, kind, runId, createdBy, userId: null, ct);

    /// <summary>Creates a user token owned by <paramref name="owner"/>: it acts with the owner's role, and stops
    /// working when the owner is disabled.</summary>
    public Task<(ApiToken Token, string Secret)> CreateForUserAsync(string name, User owner, CancellationToken ct) =>
        CreateAsync(name, ApiTokenKind.User, runId: null, owner.UserName, owner.Id, ct);

    private async Task<(ApiToken Token, string Secret)> CreateAsync(
        string name, string kind, long? runId, string? createdBy, long? userId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            throw new ArgumentException("a token name must be 1 to 200 characters", nameof(name));
        if (!ApiTokenKind.IsKnown(kind))
            throw new ArgumentException($"unknown token kind '{kind}'", nameof(kind));
        if ((kind == ApiTokenKind.Run) != runId.HasValue)
            throw new ArgumentException("a run token needs a run id, and only a run token has one", nameof(runId));

        var prefix = RandomString(8);
        var secret = $"cd_{prefix}_{RandomString(32)}";
        var token = new ApiToken
        {
            Name = name.Trim(),
            Prefix = prefix,
            Hash = Hash(secret),
            Kind = kind,
            RunId = runId,
            CreatedBy = createdBy,
            UserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>The live (not revoked) token matching <paramref name="presented"/>, or null.</summary>
    public async Task<ApiToken?> FindAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith("cd_", StringComparison.Ordinal) || presented.Length > 100) return null;
        var hash = Hash(presented);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
        if (token is null) return null;

        var now = time.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token;
    }

    /// <summary>Revokes a token; false if there is no such live token.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
    }

    /// <summary>Lower-case hex SHA-256 of the token string.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // Letters and digits only, so a token survives copy-paste, shells and URLs unquoted.
    private static string RandomString(int length) =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz23456789", length);
}
