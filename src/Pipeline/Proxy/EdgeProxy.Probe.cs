namespace Pipeline.Proxy;

public sealed partial class EdgeProxy
{
    /// <summary>Looks at the proxy without changing it: whether it exists, runs and answers, and what each route serves.</summary>
    public async Task<ProxyProbe> ProbeAsync(CancellationToken ct)
    {
        const string Repair = "The next deploy starts or repairs it";
        var existing = await container.InspectAsync(ct);
        if (existing is null)
            return new ProxyProbe(ProxyStatus.NotCreated, $"No container {options.ContainerName}: the first deploy creates it", null, []);
        if (existing.State?.Running != true)
            return new ProxyProbe(ProxyStatus.Stopped, $"{options.ContainerName} is {existing.State?.Status}", $"{Repair}, or: docker start {options.ContainerName}", []);
        if (!await api.AnswersAsync(ct))
            return new ProxyProbe(ProxyStatus.NotAnswering, $"{options.ContainerName} runs but its runtime API does not answer on 127.0.0.1:{options.ApiPort}",
                $"{Repair}, or: docker rm -f {options.ContainerName} and deploy again", []);
        var states = await StatesAsync(ct);
        return new ProxyProbe(ProxyStatus.Answering, states.Count == 0 ? "answering, no routes yet" : string.Join("; ", states), null, states);
    }
}
