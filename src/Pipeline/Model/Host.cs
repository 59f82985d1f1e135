namespace Pipeline.Model;

/// <summary>How the pipeline reaches a host's engine.</summary>
public enum HostKind
{
    /// <summary>The pipeline's own engine (<c>DOCKER_HOST</c> or the local socket).</summary>
    Local,

    /// <summary>An engine on this machine behind a given Unix socket (<c>unix:///…</c>).</summary>
    Unix,

    /// <summary>A server reached with the user's <c>ssh</c> (<c>ssh://user@host[:port]</c>).</summary>
    Ssh,
}

/// <summary>Where an environment's containers run: an engine endpoint.</summary>
/// <param name="Name">A short name for messages and tables: <c>local</c>, <c>user@host</c>, <c>host:2222</c>, the socket path.</param>
/// <param name="Endpoint">The engine endpoint; null for the pipeline's own engine (<c>DOCKER_HOST</c> or the local socket).</param>
public sealed record Host(string Name, Uri? Endpoint)
{
    /// <summary>The pipeline's own engine.</summary>
    public static Host Local { get; } = new("local", null);

    /// <summary>How it is reached.</summary>
    public HostKind Kind => Endpoint?.Scheme switch
    {
        null => HostKind.Local,
        "unix" => HostKind.Unix,
        _ => HostKind.Ssh,
    };

    /// <summary>True when it is reached over SSH.</summary>
    public bool IsRemote => Kind == HostKind.Ssh;

    /// <summary>
    /// The host written as <c>local</c>, <c>unix:///path/to/docker.sock</c> or <c>ssh://[user@]host[:port]</c>.
    /// Throws <see cref="FormatException"/> saying which forms are accepted.
    /// </summary>
    public static Host Parse(string text)
    {
        var value = text?.Trim() ?? "";
        if (value == Local.Name)
            return Local;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            throw Invalid(value, "it is not an address");
        switch (uri.Scheme)
        {
            case "unix":
                if (uri.AbsolutePath is not { Length: > 1 } path)
                    throw Invalid(value, "it names no socket");
                return new Host(path, new Uri("unix://" + path));
            case "ssh":
                if (uri.Host.Length == 0)
                    throw Invalid(value, "it names no server");
                if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Contains(':', StringComparison.Ordinal))
                    throw Invalid(value, "only a user, a server and a port may be given (no password, path or query)");
                var name = (uri.UserInfo.Length > 0 ? uri.UserInfo + "@" : "") + uri.Host + (uri.IsDefaultPort || uri.Port == 22 ? "" : ":" + uri.Port);
                return new Host(name, new Uri("ssh://" + name));
            default:
                throw Invalid(value, $"the scheme '{uri.Scheme}' is not supported");
        }
    }

    /// <summary>The ssh destination (<c>[user@]host</c>) of a remote host.</summary>
    public string SshDestination => IsRemote
        ? (Endpoint!.UserInfo.Length > 0 ? Endpoint.UserInfo + "@" : "") + Endpoint.Host
        : throw new InvalidOperationException($"{Name} is not reached over SSH.");

    /// <summary>The ssh port of a remote host (22 unless given).</summary>
    public int SshPort => IsRemote && !Endpoint!.IsDefaultPort && Endpoint.Port > 0 ? Endpoint.Port : 22;

    static FormatException Invalid(string value, string why) =>
        new($"'{value}' is not a host ({why}): write 'local', 'unix:///path/to/docker.sock' or 'ssh://user@server[:port]'.");

    /// <inheritdoc />
    public override string ToString() => Name;
}
