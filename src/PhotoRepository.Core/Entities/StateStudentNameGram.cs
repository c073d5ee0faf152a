namespace PhotoRepository.Core.Entities;

/// <summary>
/// One three-character piece of a state student's stored search name (SQL Server's name index; SQLite uses
/// its FTS5 trigram index instead). Kept by <see cref="Data.NameGramKeeper"/> from the stored SearchName.
/// </summary>
public class StateStudentNameGram
{
    public required string Gram { get; set; }
    public int StateStudentId { get; set; }
    public StateStudent? StateStudent { get; set; }
}
