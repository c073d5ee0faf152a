using Hangfire;
using Hangfire.Server;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// How Hangfire runs the wizard's background check: retried with back-off, and when the last retry
/// fails too the batch is marked failed with a message, so it never stays "Checking" for ever.
/// </summary>
public sealed class PhotoImportChecks(PhotoImportCheckJob check, ILogger<PhotoImportChecks> log)
{
    public const int Retries = 3;

    public const string FailedMessage =
        "The photos in this ZIP could not be checked because of an error on the server. Nothing was stored: please upload the ZIP again, and tell the help desk if it happens again.";

    /// <summary>Hangfire's entry point: it passes its own context, which says which attempt this is.</summary>
    [AutomaticRetry(Attempts = Retries, DelaysInSeconds = [10, 60, 300])]
    public Task RunAsync(int batchId, PerformContext context, CancellationToken ct) =>
        RunAttemptAsync(batchId, lastAttempt: context.GetJobParameter<int>("RetryCount") >= Retries, ct);

    /// <summary>One attempt; on the last one a failure marks the batch failed before it is reported.</summary>
    public async Task RunAttemptAsync(int batchId, bool lastAttempt, CancellationToken ct)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            log.LogInformation("Photo import {BatchId}: checking the photos", batchId);
            await check.RunAsync(batchId, ct);
            log.LogInformation("Photo import {BatchId}: check ended in {Seconds:0.0} s", batchId, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException && lastAttempt)
        {
            log.LogError(e, "Photo import {BatchId}: the check failed on its last attempt", batchId);
            await check.FailAsync(batchId, FailedMessage, CancellationToken.None);
            throw;
        }
    }
}
