using Microsoft.AspNetCore.Identity;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// Refuses the 10,000 most common passwords (Resources/common-passwords.txt, shipped with the app), also when
/// only decorated with digits or symbols around them ("Password123!" is "password" with a suffix) or the
/// account's own email. Length (12+) and character classes are Identity's options (AccountsSetup).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (password is null || !IsCommon(password, user.Email)) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "CommonPassword",
            Description = "This password is one of the most common passwords (or one with only digits or symbols added), so it is easy to guess. Choose another, for example three or four unrelated words.",
        }));
    }

    public static bool IsCommon(string password, string? email = null)
    {
        var lower = password.Trim().ToLowerInvariant();
        var core = lower.Trim("0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~ ".ToCharArray());
        var local = email?.Split('@')[0].ToLowerInvariant();
        return Common.Value.Contains(lower) || (core.Length > 0 && Common.Value.Contains(core)) || (!string.IsNullOrEmpty(local) && core == local);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
