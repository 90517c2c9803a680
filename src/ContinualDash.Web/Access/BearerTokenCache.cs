using System.Collections.Concurrent;
using System.Security.Claims;
using ContinualDash.Core.Access;

namespace ContinualDash.Web.Access;

/// <summary>
/// Remembers for <see cref="Lifetime"/> whom a bearer token authenticated, so that a logger posting several
/// batches a second costs one token lookup every few seconds instead of a database query per request (the
/// lookup was the largest part of a metric post, docs/PERFORMANCE.md). Revoking a token, or changing or
/// disabling a user, here clears it at once; a change made by another server process on the same database
/// takes effect within <see cref="Lifetime"/>. Keys are token hashes, never the secrets.
/// </summary>
public sealed class BearerTokenCache(TimeProvider time)
{
    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Tokens remembered at most; beyond it the cache starts over.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (IReadOnlyList<Claim> Claims, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    /// <summary>The claims the token had less than <see cref="Lifetime"/> ago, or null.</summary>
    public IReadOnlyList<Claim>? Find(string presented)
    {
        var key = ApiTokenService.Hash(presented);
        if (!entries.TryGetValue(key, out var entry)) return null;
        if (time.GetUtcNow() < entry.Until) return entry.Claims;
        entries.TryRemove(key, out _);
        return null;
    }

    public void Remember(string presented, IReadOnlyList<Claim> claims)
    {
        if (entries.Count >= MaxEntries) entries.Clear();
        entries[ApiTokenService.Hash(presented)] = (claims, time.GetUtcNow() + Lifetime);
    }

    /// <summary>Forgets everything: a token was revoked or a user changed.</summary>
    public void Clear() => entries.Clear();
}
