using Pipeline.Delivery;
using Pipeline.Model;
using Pipeline.Proxy;

namespace Pipeline.Operations;

/// <summary>Maintenance mode of an environment of <paramref name="delivery"/>: the edge proxy answers every request 503 with a message and Retry-After.</summary>
public sealed class MaintenanceOperations(PipelineContext run, DeliveryOptions delivery)
{
    /// <summary>What the proxy tells clients to wait before they try again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Turns maintenance of <paramref name="environment"/> on (with <paramref name="message"/>, or the default one) or off, and records it in the
    /// audit log. Exactly one of <paramref name="on"/> and <paramref name="off"/> must be set; a bad message changes nothing.
    /// </summary>
    public async Task SetAsync(DeployEnvironment environment, bool on, bool off, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (on == off)
            throw new OperationFailedException($"Say what to do: {Commands.Maintenance.With(Commands.Flags.Environment, environment.Name).With(Commands.Flags.On)} [--message \"...\"], or {Commands.Flags.Off}. Nothing was changed.");
        if (off && message is not null)
            throw new OperationFailedException($"{Commands.Flags.Message} goes with {Commands.Flags.On} (it is what clients read while maintenance is on). Nothing was changed.");
        using var log = run.Output.AreaLog("deploy", "maintenance");
        var text = on ? message ?? Maintenance.DefaultMessage : null;
        if (text is not null && (text.Contains('\n', StringComparison.Ordinal) || text.Trim().Length == 0))
            throw new OperationFailedException($"{Commands.Flags.Message} must be one non-empty line. Nothing was changed.");
        var settings = delivery.Environment(environment, run.Settings.DeployDirectory);
        var route = delivery.RouteOf(settings);
        var hosts = new EnvironmentHosts(run, delivery, log);
        var states = await hosts.EachAsync(settings, async (connection, token) =>
        {
            var proxy = await hosts.ProxyAsync(connection, token);
            await proxy.EnsureAsync([route], token);
            return await proxy.MaintenanceAsync(route.Name, text, RetryAfter, token);
        }, cancellationToken);
        var state = states[0];
        var target = await LockOperations.TargetAsync(run, delivery, environment, cancellationToken);
        await run.Settings.AuditTrail.OnTarget(target, log).AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, AuditAction.Maintenance, environment.Name, AuditOutcome.Succeeded)
        {
            Message = on ? $"maintenance on: {text}" : "maintenance off",
        }.By(DeployUser.Current()), cancellationToken);
        var where = environment.Hosts.Count == 1 ? $"{route.Binding}" : $"port {route.Port} on {environment.Hosts.Count} hosts";
        run.Output.Report("", on ? $"maintenance on: {where} answers 503 (Retry-After {RetryAfter.TotalSeconds:0} s)" : $"maintenance off: {where} serves {state.Target?.Container ?? "nothing yet"}");
    }
}
