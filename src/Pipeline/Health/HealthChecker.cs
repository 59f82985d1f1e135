using System.Diagnostics;
using Docker.DotNet;
using Pipeline.Docker;
using Pipeline.Environments;
using Serilog;

namespace Pipeline.Health;

/// <summary>
/// Checks every container of an environment: running, Docker health, restart count, and <c>GET</c> of the health and ready
/// paths on <c>http://127.0.0.1:&lt;published port&gt;</c> with their latency. Retries until all pass, the retries run out or the timeout passes.
/// </summary>
public sealed class HealthChecker(DockerClient client, HttpClient http, ILogger log)
{
    /// <summary>The longest one request may take, so a hung endpoint still leaves time for the next round.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How the checker reaches an address on the engine's host: itself on this machine; through an SSH forward on a server.</summary>
    public Func<Uri, CancellationToken, Task<Uri>> Reach { get; init; } = (address, _) => Task.FromResult(address);

    /// <summary>Checks <paramref name="env"/>; an environment where nothing is deployed is unhealthy at once, saying what to run.</summary>
    public async Task<HealthReport> CheckAsync(EnvironmentSettings env, HealthOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        var attempt = 0;
        HealthReport? last = null;
        var clock = Stopwatch.StartNew();
        return await Poll.UntilAsync(
            async (elapsed, token) =>
            {
                attempt++;
                var containers = await ProjectContainers.ServingAsync(client, env.ProjectName, token);
                if (containers.Count == 0)
                    return new HealthReport(env.Name, env.ProjectName, [], attempt, clock.Elapsed) { Message = env.NothingDeployedMessage };
                var rows = await Task.WhenAll(containers.Select(c => ProbeAsync(c, env, options, options.Timeout - elapsed, token)));
                last = new HealthReport(env.Name, env.ProjectName, rows, attempt, clock.Elapsed);
                if (last.Healthy || attempt >= options.Retries || clock.Elapsed + options.Interval >= options.Timeout)
                    return last;
                log.Information("{Environment} not healthy yet (check {Attempt} of {Retries}): {Problems}; checking again in {Interval:0.#} s",
                    env.Name, attempt, options.Retries, string.Join("; ", rows.Where(r => !r.Passed).Select(r => $"{r.Container.Name}: {r.Problem}")), options.Interval.TotalSeconds);
                return null;
            },
            new PollOptions(options.Interval, options.Timeout),
            _ => Task.FromResult(last!),
            cancellationToken);
    }

    private async Task<ContainerHealth> ProbeAsync(ContainerStatus container, EnvironmentSettings env, HealthOptions options, TimeSpan remaining, CancellationToken ct)
    {
        var address = AddressOf(container, env) is { } seen && container.IsRunning ? await Reach(seen, ct) : AddressOf(container, env);
        var why = !container.IsRunning ? $"not asked: container {container.State}" : address is null ? "not asked: no published port and no network address" : null;
        var health = why is not null
            ? new ContainerHealth(container, address, EndpointProbe.NotAsked(options.HealthPath, why), EndpointProbe.NotAsked(options.ReadyPath, why))
            : new ContainerHealth(container, address, await GetAsync(address!, options.HealthPath, remaining, ct), await GetAsync(address!, options.ReadyPath, remaining, ct));
        return health with { DockerHealthCounts = options.DockerHealthCounts };
    }

    /// <summary>Its published port on 127.0.0.1 when it has one (an in-place deployment), else its address on its first network (a slot behind the proxy).</summary>
    private static Uri? AddressOf(ContainerStatus container, EnvironmentSettings env) =>
        (container.Ports.FirstOrDefault(p => p.ContainerPort == $"{env.ContainerPort}/tcp") ?? (container.Ports.Count > 0 ? container.Ports[0] : null)) is { } published
            ? new Uri($"http://127.0.0.1:{published.HostPort}")
            : container.Addresses.Values.FirstOrDefault() is { } ip ? new Uri($"http://{ip}:{env.ContainerPort}") : null;

    private async Task<EndpointProbe> GetAsync(Uri address, string path, TimeSpan remaining, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(remaining.TotalSeconds, 1, RequestTimeout.TotalSeconds)));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(address, path), HttpCompletionOption.ResponseHeadersRead, limit.Token);
            return new(path, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new(path, null, clock.Elapsed.TotalMilliseconds, e is OperationCanceledException ? $"no answer within {clock.Elapsed.TotalSeconds:0.#} s" : e.GetBaseException().Message);
        }
    }
}
