using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>The people the tests act as, by role.</summary>
public enum Who
{
    Anonymous,
    Clerk,
    /// <summary>A clerk of another district (Missoula) than the records the tests name (Helena).</summary>
    OtherClerk,
    State,
    Doj,
    Admin,
}

public static class WhoExtensions
{
    public static string? Email(this Who who) => who switch
    {
        Who.Clerk => DemoData.HelenaClerk,
        Who.OtherClerk => DemoData.MissoulaClerk,
        Who.State => DemoData.StateStaff,
        Who.Doj => DemoData.DojStaff,
        Who.Admin => DemoData.Administrator,
        _ => null,
    };
}
