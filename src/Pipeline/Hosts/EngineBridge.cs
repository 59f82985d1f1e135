using System.Net.Sockets;
using CliWrap;

namespace Pipeline.Hosts;

/// <summary>
/// A local Unix socket that reaches a remote host's Docker engine: each connection is piped, both ways, through
/// <c>ssh … docker system dial-stdio</c> on the master connection. One such ssh is always started ahead, so a new
/// connection does not wait for a process to start on either side. Any Engine API client or <c>docker</c> CLI can use it.
/// </summary>
public sealed class EngineBridge : IAsyncDisposable
{
    readonly SshMaster master;
    readonly Socket listener;
    readonly CancellationTokenSource stopping = new();
    readonly List<Task> connections = [];
    readonly Task accepting;
    Spare spare;

    EngineBridge(SshMaster master, string socketPath)
    {
        this.master = master;
        SocketPath = socketPath;
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(64);
        spare = StartSpare();
        accepting = AcceptAsync();
    }

    /// <summary>The local socket's path.</summary>
    public string SocketPath { get; }

    /// <summary>The endpoint for Engine API clients and <c>DOCKER_HOST</c>: <c>unix:///…/docker.sock</c>.</summary>
    public Uri Endpoint => new("unix://" + SocketPath);

    /// <summary>Opens the bridge in the master's private folder.</summary>
    public static EngineBridge Open(SshMaster master)
    {
        ArgumentNullException.ThrowIfNull(master);
        return new EngineBridge(master, Path.Combine(master.Folder, "docker.sock"));
    }

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var taken = spare.Run.IsCompleted ? StartSpare() : spare;
            spare = StartSpare();
            taken.Client.SetResult(client);
            lock (connections)
            {
                connections.RemoveAll(task => task.IsCompleted);
                connections.Add(taken.Run);
            }
        }
    }

    Spare StartSpare()
    {
        var client = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new Spare(client, RunAsync(client.Task));
    }

    async Task RunAsync(Task<Socket> client)
    {
        try
        {
            await Cli.Wrap("ssh")
                .WithArguments(master.CommandArguments("docker", "system", "dial-stdio"))
                .WithValidation(CommandResultValidation.None)
                .WithStandardInputPipe(PipeSource.Create(async (stdin, token) => await ToEngineAsync(client, stdin, token)))
                .WithStandardOutputPipe(PipeTarget.Create(async (stdout, token) => await ToClientAsync(stdout, client, token)))
                .ExecuteAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (client.IsCompletedSuccessfully)
                client.Result.Dispose();
        }
    }

    static async Task ToEngineAsync(Task<Socket> client, Stream stdin, CancellationToken token)
    {
        var socket = await client.WaitAsync(token);
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, token)) > 0)
            {
                await stdin.WriteAsync(buffer.AsMemory(0, read), token);
                await stdin.FlushAsync(token);
            }
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
        }
    }

    static async Task ToClientAsync(Stream stdout, Task<Socket> client, CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var first = stdout.ReadAsync(buffer, token).AsTask();
        if (await Task.WhenAny(first, client) == first && await first == 0)
            return;
        var socket = await client;
        var read = await first;
        try
        {
            while (read > 0)
            {
                await socket.SendAsync(buffer.AsMemory(0, read), token);
                read = await stdout.ReadAsync(buffer, token);
            }
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
        }
    }

    /// <summary>Stops accepting, ends every piped connection and its ssh, and removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        await accepting;
        Task[] running;
        lock (connections)
            running = [.. connections, spare.Run];
        await Task.WhenAll(running);
        stopping.Dispose();
        File.Delete(SocketPath);
    }

    sealed record Spare(TaskCompletionSource<Socket> Client, Task Run);
}
