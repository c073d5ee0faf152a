using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>The child the state already knows under a state student ID.</summary>
public readonly record struct KnownChild(string LastName, DateOnly BirthDate);

/// <summary>
/// Claiming a state student ID the state already knows (creating a student, correcting an ID, uploading
/// demographics) needs the same last name and birth date, ignoring case, accents and punctuation. A real
/// move carries the same child; a typo or a guess does not, and would otherwise hand another district's
/// child a wrong photo or overturn their parent's Opt Out.
/// </summary>
public static class StateIdClaim
{
    /// <summary>No IDs known: for callers that claim nothing the state could know.</summary>
    public static readonly ILookup<string, KnownChild> NoneKnown = Array.Empty<(string Id, KnownChild Child)>().ToLookup(x => x.Id, x => x.Child);

    public static bool SameChild(KnownChild known, string lastName, DateOnly birthDate) =>
        known.BirthDate == birthDate && SearchText.SameName(known.LastName, lastName);

    /// <summary>Null when the claim may be saved; otherwise what the clerk is told (never the other child's details).</summary>
    public static string? Refusal(string stateStudentId, IEnumerable<KnownChild> known, string lastName, DateOnly birthDate) =>
        known.All(k => SameChild(k, lastName, birthDate))
            ? null
            : $"State student ID {stateStudentId} belongs to a child with another last name or birth date in the state repository. "
              + "Check the ID and the student's details; if they are right, contact state AIM staff to resolve it.";
}
