using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Disclosure;

/// <summary>The case a DOJ user is working on: attached to every disclosure they cause.</summary>
public sealed record CaseContext(string CaseNumber, string Agency, LegalBasis LegalBasis);

/// <summary>The form a DOJ user fills in before any search.</summary>
public class CaseContextInput
{
    [Required(ErrorMessage = "Enter the case number."), StringLength(40, ErrorMessage = "The case number is at most 40 characters.")]
    [Display(Name = "Case number")]
    public string CaseNumber { get; set; } = "";

    [Required(ErrorMessage = "Enter the requesting law enforcement agency."), StringLength(200, ErrorMessage = "The agency is at most 200 characters.")]
    [Display(Name = "Requesting agency")]
    public string Agency { get; set; } = "";

    [Required(ErrorMessage = "Choose the legal basis.")]
    [EnumDataType(typeof(LegalBasis), ErrorMessage = "Choose one of the listed legal bases.")]
    [Display(Name = "Legal basis")]
    public LegalBasis? LegalBasis { get; set; }
}

/// <summary>
/// Keeps the case context in a cookie protected with data protection, whose keys live in the
/// database: it works across app instances and cannot be forged or read by the browser. The payload
/// carries the user name so a context never follows a different user on the same browser.
/// </summary>
public sealed class CaseContextStore(IDataProtectionProvider protection)
{
    public const string CookieName = "PhotoRepository.Case";
    private readonly IDataProtector _protector = protection.CreateProtector("PhotoRepository.CaseContext.v1");

    private sealed record Payload(string User, string CaseNumber, string Agency, LegalBasis LegalBasis);

    public CaseContext? Read(HttpContext http)
    {
        var user = http.User.Identity?.Name;
        if (user is null || !http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(value));
            if (payload is null || payload.User != user || !Enum.IsDefined(payload.LegalBasis)) return null;
            return new CaseContext(payload.CaseNumber, payload.Agency, payload.LegalBasis);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Write(HttpContext http, CaseContext context)
    {
        var payload = new Payload(http.User.Identity?.Name ?? "", context.CaseNumber.Trim(), context.Agency.Trim(), context.LegalBasis);
        http.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(payload)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
    }

    public void Clear(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
