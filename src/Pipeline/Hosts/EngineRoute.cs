using System.Net.Sockets;

namespace Pipeline.Hosts;

/// <summary>
/// How a remote engine is reached from this machine: a local Unix socket in the master's private folder. When the
/// server's engine listens on a Unix socket (what its <c>docker context inspect</c> names, honouring its
/// <c>DOCKER_HOST</c>), the socket is an SSH stream forward to it: a connection costs one channel on the master.
/// Otherwise (a TCP engine, sshd refusing socket forwards) it is an <see cref="EngineBridge"/> through
/// <c>docker system dial-stdio</c>: a connection costs an ssh session and a process on the server.
/// </summary>
/// <param name="Endpoint">The local endpoint for Engine API clients and <c>DOCKER_HOST</c>.</param>
/// <param name="Description">Which way, for the log: <c>ssh socket forward to unix:///var/run/docker.sock</c> or <c>ssh docker system dial-stdio</c>.</param>
/// <param name="Bridge">The dial-stdio bridge, when that is the way.</param>
public sealed record EngineRoute(Uri Endpoint, string Description, EngineBridge? Bridge) : IAsyncDisposable
{
    /// <summary>Opens the fastest route the server allows.</summary>
    public static async Task<EngineRoute> OpenAsync(SshMaster master, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(master);
        var context = await master.RunAsync(["docker", "context", "inspect", "--format", "{{.Endpoints.docker.Host}}"], cancellationToken);
        if (context.Succeeded && context.StandardOutput.Trim() is var remote && remote.StartsWith("unix:///", StringComparison.Ordinal))
        {
            var socket = Path.Combine(master.Folder, "forward.sock");
            var specification = $"{socket}:{remote["unix://".Length..]}";
            if (await master.ControlForwardAsync("forward", "-L", specification, cancellationToken) is null)
            {
                if (await AnswersAsync(socket, cancellationToken))
                    return new EngineRoute(new Uri("unix://" + socket), $"ssh socket forward to {remote}", null);
                await master.ControlForwardAsync("cancel", "-L", specification, cancellationToken);
            }
        }
        var bridge = EngineBridge.Open(master);
        return new EngineRoute(bridge.Endpoint, "ssh docker system dial-stdio", bridge);
    }

    /// <summary>True when an engine answers <c>/_ping</c> through <paramref name="socket"/> (sshd may refuse the forwarded connection only when it is made).</summary>
    static async Task<bool> AnswersAsync(string socket, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), limit.Token);
            await client.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), limit.Token);
            var answer = new byte[5];
            var read = 0;
            while (read < answer.Length && await client.ReceiveAsync(answer.AsMemory(read), limit.Token) is var count and > 0)
                read += count;
            return "HTTP/"u8.SequenceEqual(answer.AsSpan(0, read));
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Closes the bridge; a socket forward ends with the master connection.</summary>
    public ValueTask DisposeAsync() => Bridge?.DisposeAsync() ?? ValueTask.CompletedTask;
}
