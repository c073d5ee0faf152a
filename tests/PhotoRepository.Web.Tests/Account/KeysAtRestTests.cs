using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Account;

/// <summary>With a certificate configured, a copy of the database does not hold usable sign-in keys.</summary>
public sealed class KeysAtRestTests : IDisposable
{
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.pfx");

    public void Dispose() => File.Delete(_pfx);

    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_with_the_configured_certificate()
    {
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=PhotoRepository keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(_pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }
        using var factory = new AppFactory();
        factory.Settings["DataProtection:CertificatePath"] = _pfx;
        factory.Settings["DataProtection:CertificatePassword"] = "test-password";

        // A sign-in page carries an antiforgery token, so a key is made and stored.
        var login = await factory.NewClient().GetAsync("/Account/Login");
        login.EnsureSuccessStatusCode();

        var stored = factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToList());
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public async Task Without_a_certificate_the_keys_are_stored_as_they_are_which_is_why_operations_asks_for_one()
    {
        using var factory = new AppFactory();
        (await factory.NewClient().GetAsync("/Account/Login")).EnsureSuccessStatusCode();
        Assert.Contains(factory.WithDb(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToList()), xml => xml.Contains("<masterKey"));
    }
}
