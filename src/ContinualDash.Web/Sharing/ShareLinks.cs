using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using ContinualDash.Core.Sharing;
using ContinualDash.Web.Access;
using ContinualDash.Web.Compare;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Sharing;

/// <summary>
/// View-only share links. A link's URL is <c>/share/{token}</c>, where the token is the link's id protected
/// by ASP.NET Core Data Protection (encrypted and HMAC-signed with the persisted key ring), so it cannot be
/// guessed or altered; the stored row makes it revocable and lets it expire.
/// </summary>
public sealed class ShareLinks(DashDbContext db, TimeProvider time, IDataProtectionProvider protection)
{
    public const int MaxLifetimeDays = 365;

    private readonly IDataProtector protector = protection.CreateProtector("ContinualDash.ShareLinks.v1");

    /// <summary>Creates a link to a run (<c>target</c> = run id), an experiment (experiment id) or a comparison
    /// (the compare page's query string), valid for <paramref name="days"/> or until revoked when null.</summary>
    public async Task<(ShareLink Link, string Token)> CreateAsync(
        string? kind, string? target, int? days, ClaimsPrincipal creator, CancellationToken ct)
    {
        if (!ShareLinkKind.IsKnown(kind)) throw new ShareLinkException("kind", "must be run, experiment or compare");
        if (days is < 1 or > MaxLifetimeDays) throw new ShareLinkException("days", $"must be 1 to {MaxLifetimeDays}, or empty for no expiry");
        var normalized = await NormalizeTargetAsync(kind!, target ?? "", ct);
        var now = time.GetUtcNow().UtcDateTime;
        var link = new ShareLink
        {
            Kind = kind!,
            Target = normalized,
            UserId = creator.UserId(),
            CreatedBy = creator.Identity?.Name ?? AccessClaims.LocalUserName,
            CreatedAt = now,
            ExpiresAt = days is { } d ? now.AddDays(d) : null,
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return (link, TokenOf(link));
    }

    public string TokenOf(ShareLink link) => protector.Protect(link.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The link a token names, live or not; null for a token that is not ours.</summary>
    public async Task<ShareLink?> FindAsync(string token, CancellationToken ct)
    {
        string id;
        try
        {
            id = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var linkId = long.Parse(id, CultureInfo.InvariantCulture);
        return await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, ct);
    }

    /// <summary>The links <paramref name="user"/> may see and revoke: their own, or all for an admin.</summary>
    public Task<List<ShareLink>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var links = db.ShareLinks.AsNoTracking();
        if (!user.IsInRole(UserRole.Admin)) links = links.Where(l => l.UserId == user.UserId());
        return links.OrderByDescending(l => l.Id).ToListAsync(ct);
    }

    /// <summary>Revokes a live link <paramref name="user"/> may see; false otherwise.</summary>
    public async Task<bool> RevokeAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var links = db.ShareLinks.Where(l => l.Id == id && l.RevokedAt == null);
        if (!user.IsInRole(UserRole.Admin)) links = links.Where(l => l.UserId == user.UserId());
        return await links.ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct) == 1;
    }

    /// <summary>Where the link opens, relative to the site root.</summary>
    public static string ViewUrl(ShareLink link) => link.Kind switch
    {
        ShareLinkKind.Run => $"runs/{link.Target}",
        ShareLinkKind.Experiment => $"experiments/{link.Target}",
        _ => $"compare?{link.Target}",
    };

    private async Task<string> NormalizeTargetAsync(string kind, string target, CancellationToken ct)
    {
        if (kind == ShareLinkKind.Compare)
        {
            var query = target.TrimStart('?');
            if (query.Length > 2000) throw new ShareLinkException("target", "a comparison's query is at most 2000 characters");
            var runs = CompareQuery.ParseRuns(QueryHelpers.ParseQuery(query).GetValueOrDefault("runs").ToArray());
            if (runs.Count == 0) throw new ShareLinkException("target", "a comparison names its runs: runs=1,2,3");
            return query;
        }
        if (!long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new ShareLinkException("target", $"must be the {kind}'s id");
        var exists = kind == ShareLinkKind.Run
            ? await db.Runs.AnyAsync(r => r.Id == id, ct)
            : await db.Experiments.AnyAsync(e => e.Id == id, ct);
        if (!exists) throw new ShareLinkException("target", $"there is no {kind} {id}");
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
