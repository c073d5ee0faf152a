using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>The people the tests act as, by role.</summary>
public enum Who
{
    Anonymous,
    Clerk,
    State,
    Doj,
    Admin,
}

public static class WhoExtensions
{
    public static string? Email(this Who who) => who switch
    {
        Who.Clerk => DemoData.HelenaClerk,
        Who.State => DemoData.StateStaff,
        Who.Doj => DemoData.DojStaff,
        Who.Admin => DemoData.Administrator,
        _ => null,
    };
}
