using System.Diagnostics;
using Serilog;

namespace Targets;

/// <summary>Runs a plan: conditions, failures, ProceedAfterFailure, AssuredAfterFailure, and cancellation.</summary>
internal sealed class TargetExecutor(NukeBuild build, BuildOutput output, ILogger log, CancellationTokenSource cancellation)
{
    /// <summary>How long a cancelled target may take to stop (it sees the token) before assured targets run beside it.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public async Task<bool> RunAsync(IReadOnlyList<ExecutableTarget> plan)
    {
        var stop = false;
        foreach (var target in plan)
        {
            var blocker = target.DependencyList.Concat(build.AllTargets.Where(t => t.TriggerList.Contains(target) && plan.Contains(t)))
                .FirstOrDefault(d => d.Status is not (TargetStatus.Succeeded or TargetStatus.Skipped));
            var reason = cancellation.IsCancellationRequested ? "cancelled"
                : stop ? "an earlier target failed"
                : blocker is not null ? $"{blocker.Name} {blocker.Status}"
                : null;
            if (target.Status != TargetStatus.Skipped && reason is not null && !target.Assured)
                (target.Status, target.Reason) = (TargetStatus.NotRun, reason);
            else if (target.Status != TargetStatus.Skipped)
                await RunTargetAsync(target);
            if (target.Status == TargetStatus.Skipped)
                log.Information("Skipping {Target:l}: {Reason:l}", target.Name, target.Reason);
            stop |= target.Status == TargetStatus.Failed && !target.Proceeds;
        }
        return plan.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
    }

    async Task RunTargetAsync(ExecutableTarget target)
    {
        try
        {
            if (target.DynamicConditions.FirstOrDefault(c => !c.Holds()) is { } failed)
            {
                (target.Status, target.Reason) = (TargetStatus.Skipped, $"condition false: {failed.Text}");
                return;
            }
        }
        catch (Exception e)
        {
            Fail(target, e);
            return;
        }

        var afterCancel = cancellation.IsCancellationRequested;
        using var assured = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var token = afterCancel ? assured.Token : cancellation.Token;
        build.CurrentTarget = target;
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
        if (work.IsCompletedSuccessfully)
            target.Status = TargetStatus.Succeeded;
        else if (!afterCancel && cancellation.IsCancellationRequested)
        {
            (target.Status, target.Reason) = (TargetStatus.Aborted, "cancelled");
            if (work.Exception?.GetBaseException() is { } error and not OperationCanceledException)
                log.Error("Target {Target:l} was cancelled: {Message:l}", target.Name, error.Message);
        }
        else
            Fail(target, work.Exception?.InnerException ?? new TimeoutException("did not finish in time after cancellation"));
        build.CurrentTarget = null;
        output.TargetFinished(target);
    }

    void Fail(ExecutableTarget target, Exception error)
    {
        while (error is AggregateException && error.InnerException is not null)
            error = error.InnerException;
        (target.Status, target.Reason) = (TargetStatus.Failed, error.Message.Split('\n')[0]);
        log.Error("Target {Target:l} failed: {Message:l}", target.Name, error.Message);
        if (error is not BuildException)
            log.Debug(error, "Details of the failure of {Target:l}", target.Name);
    }
}
