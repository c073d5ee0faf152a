using System.Security.Cryptography;
using System.Text;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Tests.District;

/// <summary>A stored Helena demographics upload, for tests that need one to exist (e.g. the authorization matrix).</summary>
public static class DemographicsUploadSeed
{
    public static int HelenaUploadId(PhotoRepositoryDbContext db)
    {
        var helena = db.Districts.First(d => d.Code == "0101").Id;
        var existing = db.DemographicsUploads.Where(u => u.DistrictId == helena).Select(u => (int?)u.Id).FirstOrDefault();
        if (existing is { } id) return id;
        var bytes = Encoding.UTF8.GetBytes(DemographicsTemplate.Header + "\r\n");
        var upload = new DemographicsUpload
        {
            DistrictId = helena, FileName = "empty.csv", Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes,
            UploadedBy = "test", UploadedAt = DateTime.UtcNow,
        };
        db.DemographicsUploads.Add(upload);
        db.SaveChanges();
        return upload.Id;
    }
}
