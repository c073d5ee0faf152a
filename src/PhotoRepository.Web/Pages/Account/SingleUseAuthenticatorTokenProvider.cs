using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// Authenticator (TOTP, RFC 6238) codes that work once. Identity's own provider accepts any code of the last
/// or next two 30-second steps, as often as it is entered; this one accepts the previous, current and next step
/// only (so a code from a minute ago is refused) and remembers the last step used per account: a code, or an
/// older one, never signs in twice. The remembered step is saved with the user's concurrency stamp, so two
/// requests racing with one code cannot both succeed.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string Name = "SingleUseAuthenticator";
    private const string LoginProvider = "[PhotoRepository]";
    private const string LastStepName = "LastTotpStep";

    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !int.TryParse(token, out var code)) return false;
        var secret = FromBase32(key);
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        _ = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName), out var lastUsed);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= lastUsed || Code(secret, step) != code) continue;
            var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString());
            return saved.Succeeded;
        }
        return false;
    }

    public static int Code(byte[] secret, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.Replace(" ", "").TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c);
            if (value < 0) continue;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }
}
