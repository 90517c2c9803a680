using ContinualDash.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Access;

/// <summary>
/// Whether the first admin exists, so that every page can redirect to <c>/setup</c> until then without a
/// query per request. Accounts are never deleted, so once true it stays true.
/// </summary>
public sealed class AccountsState
{
    private volatile bool hasUsers;

    public async ValueTask<bool> HasUsersAsync(DashDbContext db, CancellationToken ct)
    {
        if (!hasUsers && await db.Users.AnyAsync(ct)) hasUsers = true;
        return hasUsers;
    }

    public void MarkHasUsers() => hasUsers = true;
}
