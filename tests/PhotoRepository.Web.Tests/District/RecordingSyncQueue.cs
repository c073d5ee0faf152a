using System.Collections.Concurrent;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Tests.District;

/// <summary>Stands in for the Hangfire queue: remembers which students were sent to the state early.</summary>
public sealed class RecordingSyncQueue : IStateSyncQueue
{
    public ConcurrentQueue<string> Requested { get; } = new();

    public void SyncStudentSoon(string stateStudentId) => Requested.Enqueue(stateStudentId);
}
