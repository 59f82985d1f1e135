using Docker.DotNet.Models;
using Pipeline.Docker;

namespace Pipeline.Proxy;

public sealed partial class EdgeProxy
{
    /// <summary>
    /// Makes the proxy serve <paramref name="routes"/> (besides the routes it already has): builds its image when missing, creates its network,
    /// and creates, repairs (missing, stopped, old recipe, not answering) or recreates (a port not yet published) its container, keeping every
    /// target and maintenance state from its record. New routes on published ports are added with a reload, which drops no connection.
    /// </summary>
    public async Task<ProxyEnsureResult> EnsureAsync(IReadOnlyCollection<ProxyRoute> routes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes.Where(r => r.Port == options.ApiPort || r.Port == HaproxyConfig.ApiPort))
            throw new ProxyException($"Route {route.Name} asks for port {route.Port}, which the proxy's runtime API uses: choose another port for the route.");
        await EnsureImage(docker, log, ct);
        if (await container.EnsureNetworkAsync(ct))
            log.Information("Proxy: created the network {Network:l}", options.NetworkName);
        await container.EnsureVolumeAsync(ct);

        var existing = await container.InspectAsync(ct);
        var problem = await ProblemAsync(existing, ct);
        if (problem is null)
        {
            var record = await files.ReadRecordAsync(ct) ?? ProxyRecord.Empty;
            var merged = record.Merge(routes);
            var missing = merged.Bindings.Except(ProxyContainer.Published(existing!)).ToList();
            if (missing.Count == 0)
                return merged.Routes.SequenceEqual(record.Routes)
                    ? new ProxyEnsureResult(ProxyAction.Unchanged, merged.Routes, null)
                    : await ReloadAsync(merged, ct);
            var reason = $"port {string.Join(", ", missing)} is not published, and published ports are fixed when a container is created";
            log.Information("Proxy: recreating {Container:l}: {Reason:l} (targets and maintenance are kept; connections open now are drained for up to {Seconds:0} s)", options.ContainerName, reason, options.Drain.TotalSeconds);
            await container.StopAndRemoveAsync(ct);
            return await CreateAsync(routes, ProxyAction.Recreated, reason, ct);
        }
        if (existing is not null)
            await container.RemoveAsync(ct);
        var result = await CreateAsync(routes, existing is null ? ProxyAction.Created : ProxyAction.Repaired, problem, ct);
        if (result.Action == ProxyAction.Repaired)
            log.Warning("Proxy: the proxy {Container:l} was {Problem:l}; repaired: it serves {Routes}", options.ContainerName, problem, result.Routes.Select(r => r.ToString()));
        else
            log.Information("Proxy: created {Container:l} serving {Routes}", options.ContainerName, result.Routes.Select(r => r.ToString()));
        return result;
    }

    async Task<string?> ProblemAsync(ContainerInspectResponse? existing, CancellationToken ct) =>
        existing is null ? "missing"
        : existing.State?.Running != true ? $"stopped ({existing.State?.Status})"
        : existing.Config?.Image != ProxyImage.Tag ? $"built from an older recipe ({existing.Config?.Image})"
        : !await AnswersAsync(TimeSpan.FromSeconds(3), ct) ? $"not answering its runtime API on 127.0.0.1:{options.ApiPort}"
        : null;

    async Task<ProxyEnsureResult> CreateAsync(IReadOnlyCollection<ProxyRoute> routes, ProxyAction action, string reason, CancellationToken ct)
    {
        var bindings = routes.Select(r => r.Binding).Distinct().ToList();
        await container.CreateAsync(bindings, ct);
        var stored = await files.ReadRecordAsync(ct);
        var merged = (stored ?? ProxyRecord.Empty).Merge(routes);
        if (merged.Bindings.Except(bindings).Any())
        {
            await container.RemoveAsync(ct);
            await container.CreateAsync(merged.Bindings, ct);
        }
        await files.WriteAsync(HaproxyConfig.Files(merged, options), ct);
        await container.StartAsync(ct);
        if (!await AnswersAsync(options.StartTimeout, ct))
            throw new ProxyException($"The edge proxy {options.ContainerName} was started but its runtime API did not answer on 127.0.0.1:{options.ApiPort} within {options.StartTimeout.TotalSeconds:0} s. Its log:\n  {await container.LogTailAsync(ct)}\nIf the port is taken, set another runtime API port; else remove the container (docker rm -f {options.ContainerName}) and deploy again.");
        return new ProxyEnsureResult(action == ProxyAction.Created && stored is not null ? ProxyAction.Repaired : action, merged.Routes, reason);
    }

    async Task<ProxyEnsureResult> ReloadAsync(ProxyRecord merged, CancellationToken ct)
    {
        var added = string.Join(", ", merged.Routes.Select(r => r.Route.Name));
        await files.WriteAsync(HaproxyConfig.Files(merged, options), ct);
        await container.ReloadAsync(ct);
        var names = merged.Routes.Select(r => r.Route.Name).ToList();
        var loaded = await Poll.UntilTrueAsync(async token => await ServesAsync(names, token), new PollOptions(TimeSpan.FromMilliseconds(100), options.StartTimeout), ct);
        if (!loaded)
            throw new ProxyException($"The edge proxy {options.ContainerName} did not load its new configuration (routes {added}) within {options.StartTimeout.TotalSeconds:0} s; it still serves the old one. Its log:\n  {await container.LogTailAsync(ct)}");
        log.Information("Proxy: reloaded {Container:l} with routes {Routes:l} (no connection dropped)", options.ContainerName, added);
        return new ProxyEnsureResult(ProxyAction.Reloaded, merged.Routes, "new routes on published ports");
    }

    async Task<bool> ServesAsync(IReadOnlyList<string> backends, CancellationToken ct)
    {
        try
        {
            var listed = (await api.SendAsync("show backend", ct)).Split('\n', StringSplitOptions.TrimEntries);
            return backends.All(listed.Contains);
        }
        catch (RuntimeApiException)
        {
            return false;
        }
    }

    Task<bool> AnswersAsync(TimeSpan timeout, CancellationToken ct) =>
        Poll.UntilTrueAsync(api.AnswersAsync, new PollOptions(TimeSpan.FromMilliseconds(100), timeout), ct);
}
