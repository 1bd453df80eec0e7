using System.Security.Cryptography;
using System.Text;
using Archipelago.Kernel.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Archipelago.Kernel.Accounts;

public sealed record Account(long Id, string Username, string DisplayName, string Role, long? EnablerId, bool Disabled);

public sealed record TokenInfo(long Id, string Name, string CreatedAt, string? ExpiresAt, string? LastUsedAt);

/// <summary>
/// Local accounts and personal access tokens. Passwords are hashed with ASP.NET Core's <see cref="PasswordHasher{T}"/>;
/// tokens are random 256-bit strings shown once and stored only as their SHA-256 hash.
/// </summary>
public sealed class AccountStore(Database db, TimeProvider clock)
{
    static readonly PasswordHasher<string> Hasher = new();
    public const string TokenPrefix = "arch_";

    sealed class Row
    {
        public long id; public string username = ""; public string display_name = ""; public string role = "";
        public long? enabler_id; public string password_hash = ""; public long disabled;
        public Account ToAccount() => new(id, username, display_name, role, enabler_id, disabled != 0);
    }

    public async Task<Account> CreateAsync(string username, string displayName, string role, string password, long? enablerId, string actor, CancellationToken ct = default)
    {
        username = username?.Trim().ToLowerInvariant() ?? "";
        if (username.Length is < 2 or > 64 || !username.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-' or '@'))
            throw new DomainException("bad_username", "A username is 2–64 letters, digits, '.', '_', '-' or '@'.", "username");
        role = Role.Parse(role);
        CheckPassword(password);
        if (role == Role.Member && enablerId is null)
            throw new DomainException("member_needs_enabler", "A member organisation user must be bound to an enabler.", "enabler");
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_users WHERE username = @username", new { username }, tx) > 0)
            throw new DomainException("duplicate_username", $"The username '{username}' is taken.", "username");
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO kernel_users (username, display_name, role, enabler_id, password_hash, disabled, created_at) VALUES (@username, @displayName, @role, @enablerId, @hash, 0, @now) RETURNING id",
            new { username, displayName = string.IsNullOrWhiteSpace(displayName) ? username : displayName.Trim(), role, enablerId, hash = Hasher.HashPassword(username, password), now = clock.GetUtcNow().ToString("O") }, tx);
        await Audit.WriteAsync(c, tx, clock, actor, "create", "user", username, role);
        await tx.CommitAsync(ct);
        return new Account(id, username, displayName, role, enablerId, false);
    }

    public async Task SetPasswordAsync(string username, string password, string actor, CancellationToken ct = default)
    {
        CheckPassword(password);
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        var n = await c.ExecuteAsync("UPDATE kernel_users SET password_hash = @hash WHERE username = @username",
            new { username, hash = Hasher.HashPassword(username, password) }, tx);
        if (n == 0) throw new DomainException("not_found", $"No account '{username}'.", "username");
        await Audit.WriteAsync(c, tx, clock, actor, "password", "user", username);
        await tx.CommitAsync(ct);
    }

    /// <summary>The account when the password is right and the account enabled; otherwise null (no hint which).</summary>
    public async Task<Account?> VerifyPasswordAsync(string username, string password, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var r = await c.QuerySingleOrDefaultAsync<Row>("SELECT * FROM kernel_users WHERE username = @username", new { username = username.Trim().ToLowerInvariant() });
        if (r is null || r.disabled != 0) return null;
        return Hasher.VerifyHashedPassword(r.username, r.password_hash, password) == PasswordVerificationResult.Failed ? null : r.ToAccount();
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>("SELECT * FROM kernel_users ORDER BY username")).Select(r => r.ToAccount()).ToList();
    }

    public async Task<Account?> FindAsync(string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<Row>("SELECT * FROM kernel_users WHERE username = @username", new { username }))?.ToAccount();
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel_users");
    }

    /// <summary>Creates a token for the account and returns its secret, which is not stored and cannot be shown again.</summary>
    public async Task<string> CreateTokenAsync(long userId, string name, DateTimeOffset? expires, CancellationToken ct = default)
    {
        var secret = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var c = await db.OpenAsync(ct);
        await using var tx = await Database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync("INSERT INTO kernel_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (@userId, @name, @hash, @now, @expires)",
            new { userId, name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim(), hash = Hash(secret), now = clock.GetUtcNow().ToString("O"), expires = expires?.ToString("O") }, tx);
        var username = await c.ExecuteScalarAsync<string>("SELECT username FROM kernel_users WHERE id = @userId", new { userId }, tx);
        await Audit.WriteAsync(c, tx, clock, username ?? "?", "create", "token", name);
        await tx.CommitAsync(ct);
        return secret;
    }

    public async Task<IReadOnlyList<TokenInfo>> TokensAsync(long userId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, string Name, string Created, string? Expires, string? Used)>(
            "SELECT id, name, created_at, expires_at, last_used_at FROM kernel_tokens WHERE user_id = @userId ORDER BY id", new { userId }))
            .Select(r => new TokenInfo(r.Id, r.Name, r.Created, r.Expires, r.Used)).ToList();
    }

    public async Task<bool> RevokeTokenAsync(long userId, long tokenId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("DELETE FROM kernel_tokens WHERE id = @tokenId AND user_id = @userId", new { tokenId, userId }) > 0;
    }

    /// <summary>The account a token belongs to, if the token exists, has not expired and the account is enabled.</summary>
    public async Task<Account?> VerifyTokenAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        await using var c = await db.OpenAsync(ct);
        var hit = await c.QuerySingleOrDefaultAsync<(long TokenId, long UserId, string? Expires, string? Used)>(
            "SELECT id, user_id, expires_at, last_used_at FROM kernel_tokens WHERE token_hash = @hash", new { hash = Hash(secret) });
        if (hit.TokenId == 0) return null;
        var now = clock.GetUtcNow();
        if (hit.Expires is not null && DateTimeOffset.Parse(hit.Expires) < now) return null;
        var r = await c.QuerySingleOrDefaultAsync<Row>("SELECT * FROM kernel_users WHERE id = @UserId", new { hit.UserId });
        if (r is null || r.disabled != 0) return null;
        // Record use at most every five minutes, so API traffic does not turn every read into a write.
        if (hit.Used is null || DateTimeOffset.Parse(hit.Used) < now.AddMinutes(-5))
            await c.ExecuteAsync("UPDATE kernel_tokens SET last_used_at = @now WHERE id = @TokenId", new { now = now.ToString("O"), hit.TokenId });
        return r.ToAccount();
    }

    static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    static void CheckPassword(string? password)
    {
        if (password is null || password.Length < 10)
            throw new DomainException("weak_password", "A password needs at least 10 characters.", "password");
    }
}
