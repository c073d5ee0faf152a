using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Disclosure;

/// <summary>Builds the record of a disclosure; <see cref="DisclosureWriter"/> commits it.</summary>
public static class DisclosureLog
{
    public static DisclosureRecord For(DisclosureKind kind, string user, CaseContext context, DateTime at, StateStudent? student = null) => new()
    {
        At = at,
        UserName = user,
        Kind = kind,
        StateStudentId = student?.Id,
        DistrictId = student?.DistrictId,
        StudentStateId = student?.StateStudentId ?? "",
        CaseNumber = context.CaseNumber,
        Agency = context.Agency,
        LegalBasis = context.LegalBasis,
    };
}
