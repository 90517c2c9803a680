using ContinualDash.Core.Access;
using ContinualDash.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContinualDash.Web.Access;

/// <summary>
/// Local accounts: create, check or change a password, change a role, disable. Passwords are hashed with ASP.NET Core's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned, so stronger settings rehash on sign-in).
/// The last enabled admin can neither be demoted nor disabled, so the server never locks itself out.
/// </summary>
public sealed class UserAccounts(DashDbContext db, TimeProvider time, AccountsState state, BearerTokenCache tokenCache)
{
    public const int MinPasswordLength = 8;
    public const int MaxUserNameLength = 100;

    private static readonly PasswordHasher<User> Hasher = new();

    public async Task<User> CreateAsync(string? userName, string? password, string role, CancellationToken ct)
    {
        var name = (userName ?? "").Trim().ToLowerInvariant();
        if (name.Length is 0 or > MaxUserNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            throw new AccountException("UserName", "A user name is 1 to 100 letters, digits, '.', '-', '_' or '@'.");
        CheckNewPassword(password);
        if (!UserRole.IsKnown(role)) throw new AccountException("Role", "The role is admin, member or viewer.");
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
            throw new AccountException("UserName", $"There already is a user '{name}'.");

        var user = new User { UserName = name, Role = role, CreatedAt = time.GetUtcNow().UtcDateTime };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        state.MarkHasUsers();
        return user;
    }

    /// <summary>The first admin, only while no account exists (the <c>/setup</c> page).</summary>
    public async Task<User> CreateFirstAdminAsync(string? userName, string? password, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct)) throw new AccountException("UserName", "Setup is done: sign in instead.");
        return await CreateAsync(userName, password, UserRole.Admin, ct);
    }

    /// <summary>The enabled user with this name and password, or null (one answer for every failure, so a
    /// sign-in form does not tell which user names exist).</summary>
    public async Task<User?> VerifyAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = (userName ?? "").Trim().ToLowerInvariant();
        if (name.Length == 0 || string.IsNullOrEmpty(password)) return null;
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (user is null || user.DisabledAt is not null) return null;
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    /// <summary>Changes a user's own password after checking the current one.</summary>
    public async Task ChangePasswordAsync(long id, string? current, string? password, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DisabledAt == null, ct)
            ?? throw new AccountException("Current", "The account no longer exists or is disabled.");
        if (string.IsNullOrEmpty(current) || Hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
            throw new AccountException("Current", "The current password is wrong.");
        CheckNewPassword(password);
        user.PasswordHash = Hasher.HashPassword(user, password);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The user if it exists and is enabled.</summary>
    public Task<User?> FindEnabledAsync(long id, CancellationToken ct) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id && u.DisabledAt == null, ct);

    public async Task SetRoleAsync(long id, string role, CancellationToken ct)
    {
        if (!UserRole.IsKnown(role)) throw new AccountException("Role", "The role is admin, member or viewer.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new AccountException("Id", "No such user.");
        if (role != UserRole.Admin) await EnsureAnotherAdminAsync(user, ct);
        user.Role = role;
        await db.SaveChangesAsync(ct);
        tokenCache.Clear(); // the user's tokens act with the new role from now on
    }

    public async Task SetDisabledAsync(long id, bool disabled, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new AccountException("Id", "No such user.");
        if (disabled) await EnsureAnotherAdminAsync(user, ct);
        user.DisabledAt = disabled ? user.DisabledAt ?? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        tokenCache.Clear(); // a disabled user's tokens stop working now
    }

    private static void CheckNewPassword([System.Diagnostics.CodeAnalysis.NotNull] string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
            throw new AccountException("Password", $"A password has at least {MinPasswordLength} characters.");
    }

    private async Task EnsureAnotherAdminAsync(User user, CancellationToken ct)
    {
        if (user.Role != UserRole.Admin || user.DisabledAt is not null) return;
        if (!await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == UserRole.Admin && u.DisabledAt == null, ct))
            throw new AccountException("Id", $"'{user.UserName}' is the last admin: make another admin first.");
    }
}
