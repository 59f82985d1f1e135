using System.Diagnostics;
using System.Reflection;
using Serilog;

namespace Targets;

/// <summary>Runs a plan: conditions, failures, ProceedAfterFailure, AssuredAfterFailure, and cancellation.</summary>
internal sealed class TargetExecutor(NukeBuild build, BuildOutput output, ILogger log, CancellationTokenSource cancellation)
{
    /// <summary>How long a cancelled target may take to stop (it sees the token) before assured targets run beside it.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>Runs the plan and returns true when every target succeeded or was skipped.</summary>
    public async Task<bool> RunAsync(IReadOnlyList<ExecutableTarget> plan)
    {
        var scheduled = plan.ToHashSet();
        var stop = false;
        foreach (var target in plan)
        {
            if (target.Status == TargetStatus.Skipped)
            {
                log.Information("Skipping {Target:l}: {Reason:l}", target.Name, target.Reason);
                continue;
            }
            var blocker = Hard(target, scheduled).FirstOrDefault(d => d.Status is not (TargetStatus.Succeeded or TargetStatus.Skipped));
            var reason = cancellation.IsCancellationRequested ? "cancelled"
                : stop ? "an earlier target failed"
                : blocker is not null ? $"{blocker.Name} {blocker.Status}"
                : null;
            if (reason is not null && !target.Assured)
            {
                (target.Status, target.Reason) = (TargetStatus.NotRun, reason);
                continue;
            }
            await RunTargetAsync(target);
            if (target.Status == TargetStatus.Failed && !target.Proceeds)
                stop = true;
        }
        return plan.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
    }

    static IEnumerable<ExecutableTarget> Hard(ExecutableTarget target, HashSet<ExecutableTarget> scheduled) =>
        target.DependencyList.Concat(target.TriggeredByList.Where(scheduled.Contains));

    async Task RunTargetAsync(ExecutableTarget target)
    {
        try
        {
            if (target.DynamicConditions.FirstOrDefault(c => !c.Holds()) is { } failed)
            {
                (target.Status, target.Reason) = (TargetStatus.Skipped, $"condition false: {failed.Text}");
                log.Information("Skipping {Target:l}: {Reason:l}", target.Name, target.Reason);
                return;
            }
        }
        catch (Exception e)
        {
            target.Status = TargetStatus.Failed;
            Report(target, e);
            return;
        }

        var afterCancel = cancellation.IsCancellationRequested;
        using var assured = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var token = afterCancel ? assured.Token : cancellation.Token;
        build.CurrentTarget = target;
        build.CancellationToken = token;
        output.TargetStarted(target);
        var watch = Stopwatch.StartNew();
        var work = Task.Run(async () =>
        {
            foreach (var action in target.Actions)
            {
                token.ThrowIfCancellationRequested();
                await action(token);
            }
        }, CancellationToken.None);

        await Task.WhenAny(work, Task.Delay(Timeout.Infinite, token));
        if (!work.IsCompleted && !afterCancel)
            await Task.WhenAny(work, Task.Delay(Grace, CancellationToken.None));

        target.Duration = watch.Elapsed;
        var interrupted = !afterCancel && cancellation.IsCancellationRequested;
        if (work.IsCompletedSuccessfully)
            target.Status = TargetStatus.Succeeded;
        else if (interrupted)
        {
            (target.Status, target.Reason) = (TargetStatus.Aborted, "cancelled");
            if (work.Exception?.GetBaseException() is { } error and not OperationCanceledException)
                log.Error("Target {Target:l} was cancelled: {Message:l}", target.Name, error.Message);
        }
        else
        {
            target.Status = TargetStatus.Failed;
            Report(target, work.Exception?.InnerException ?? new TimeoutException("did not finish in time after cancellation"));
        }
        build.CurrentTarget = null;
        output.TargetFinished(target);
    }

    void Report(ExecutableTarget target, Exception error)
    {
        while (error is TargetInvocationException or AggregateException && error.InnerException is not null)
            error = error.InnerException;
        target.Reason = error.Message.Split('\n')[0];
        log.Error("Target {Target:l} failed: {Message:l}", target.Name, error.Message);
        if (error is not BuildException)
            log.Debug(error, "Details of the failure of {Target:l}", target.Name);
    }
}
