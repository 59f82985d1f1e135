namespace Pipeline.Hosts;

/// <summary>An address and port that reaches something; disposing it removes the SSH forward behind it (nothing for a local host).</summary>
public sealed class PortForward : IAsyncDisposable
{
    readonly Func<ValueTask> remove;

    internal PortForward(string address, int port, Func<ValueTask>? remove = null)
    {
        Address = address;
        Port = port;
        this.remove = remove ?? (() => ValueTask.CompletedTask);
    }

    /// <summary>The address to connect to, such as <c>127.0.0.1</c>.</summary>
    public string Address { get; }

    /// <summary>The port to connect to.</summary>
    public int Port { get; }

    /// <summary>An HTTP address for a path on it, such as <c>http://127.0.0.1:41234/health</c>.</summary>
    public Uri Http(string path = "/") => new UriBuilder("http", Address, Port, path).Uri;

    /// <summary>Removes the forward.</summary>
    public ValueTask DisposeAsync() => remove();

    /// <inheritdoc />
    public override string ToString() => $"{Address}:{Port}";
}
