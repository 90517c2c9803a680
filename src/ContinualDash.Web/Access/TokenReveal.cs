using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ContinualDash.Web.Access;

/// <summary>
/// Carries a new token's secret across the POST-redirect-GET of the tokens page: the POST parks it under a
/// random one-time key, the GET takes it out. Nothing is stored on disk, and an untaken secret expires.
/// </summary>
public sealed class TokenReveal(TimeProvider time)
{
    /// <summary>How long a parked secret waits for its page load.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string Secret, DateTimeOffset Expires)> parked = new();

    /// <summary>Parks <paramref name="secret"/> and returns the key to put in the redirect.</summary>
    public string Park(string secret)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in parked)
            if (entry.Expires < now) parked.TryRemove(key, out _);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        parked[nonce] = (secret, now + Lifetime);
        return nonce;
    }

    /// <summary>The secret parked under <paramref name="key"/>, once; null when unknown, taken or expired.</summary>
    public string? Take(string? key) =>
        key is not null && parked.TryRemove(key, out var entry) && entry.Expires >= time.GetUtcNow() ? entry.Secret : null;
}
