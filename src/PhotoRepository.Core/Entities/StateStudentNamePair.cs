namespace PhotoRepository.Core.Entities;

/// <summary>
/// One two-letter piece of an opted-in state student's search name, with the student's place in the DOJ result
/// order (last name, first name, birth date). SQLite only: kept by triggers from StateStudents (the
/// DojNamePairs migration), read by a DOJ search whose name parts are too short for trigrams. Never written by the
/// app; see docs/decisions/0012-two-letter-name-parts.md.
/// </summary>
public class StateStudentNamePair
{
    public required string Pair { get; set; }
    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public DateOnly BirthDate { get; set; }
    public int StateStudentId { get; set; }
}
