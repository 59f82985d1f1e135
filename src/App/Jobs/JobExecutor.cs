using System.Security.Cryptography;
using System.Text;
using App.Data;

namespace App.Jobs;

/// <summary>Does the work of one job and returns its result; throws <see cref="JobFailedException"/> when it fails.</summary>
public sealed class JobExecutor(TimeProvider time)
{
    /// <summary>Runs the job; cancellation means the job was interrupted (shutdown), not that it failed.</summary>
    public async Task<string> RunAsync(Job job, CancellationToken ct) => job.Type switch
    {
        JobTypes.Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job.Payload ?? ""))),
        JobTypes.Sleep => await SleepAsync(JobTypes.ParseSleep(job.Payload) ?? 0, ct),
        JobTypes.Fail => throw new JobFailedException($"Job failed on purpose{(string.IsNullOrEmpty(job.Payload) ? "" : $": {job.Payload}")}"),
        _ => throw new JobFailedException($"Unknown job type '{job.Type}'."),
    };

    async Task<string> SleepAsync(int milliseconds, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, ct);
        return $"slept {milliseconds} ms";
    }
}

/// <summary>A job ended in failure; the message is stored as the job's error.</summary>
public sealed class JobFailedException(string message) : Exception(message);
