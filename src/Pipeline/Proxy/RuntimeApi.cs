using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.Proxy;

/// <summary>
/// HAProxy's runtime API over TCP on 127.0.0.1: one command per connection, the reply read to the end.
/// A reply that HAProxy means as an error ("Unknown command", "No such server.", ...) throws <see cref="RuntimeApiException"/>.
/// </summary>
public sealed class RuntimeApi(int port, TimeSpan timeout)
{
    static readonly string[] Errors = ["Unknown", "No such", "Invalid", "Require", "Permission denied", "Key not found", "Missing", "Failed", "Error", "entry not found", "'"];

    /// <summary>Sends <paramref name="command"/> and returns the reply; throws <see cref="RuntimeApiException"/> on an error reply or when nothing answers.</summary>
    public async Task<string> SendAsync(string command, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        if (command.Contains('\n') || command.Contains(';'))
            throw new ArgumentException($"A runtime API command is one line without ';': {command}", nameof(command));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        string reply;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, limit.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), limit.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            reply = await reader.ReadToEndAsync(limit.Token);
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new RuntimeApiException(command, $"nothing answers on 127.0.0.1:{port} ({(e is OperationCanceledException ? $"no reply within {timeout.TotalSeconds:0.#} s" : e.Message)})", answered: false, e);
        }
        var trimmed = reply.Trim();
        if (Errors.Any(marker => trimmed.StartsWith(marker, StringComparison.Ordinal)))
            throw new RuntimeApiException(command, trimmed.Split('\n')[0], answered: true);
        return reply;
    }

    /// <summary>True when the API answers <c>show info</c>.</summary>
    public async Task<bool> AnswersAsync(CancellationToken ct)
    {
        try
        {
            return (await SendAsync("show info", ct)).Contains("Name: HAProxy", StringComparison.Ordinal);
        }
        catch (RuntimeApiException)
        {
            return false;
        }
    }
}

/// <summary>A runtime API command failed: <see cref="Answered"/> tells an error reply from no answer at all.</summary>
public sealed class RuntimeApiException(string command, string reason, bool answered, Exception? inner = null)
    : Exception($"The proxy's runtime API refused '{command}': {reason}", inner)
{
    /// <summary>The command sent.</summary>
    public string Command { get; } = command;

    /// <summary>HAProxy's error reply, or why nothing answered.</summary>
    public string Reason { get; } = reason;

    /// <summary>True when HAProxy answered with an error; false when it did not answer.</summary>
    public bool Answered { get; } = answered;
}
