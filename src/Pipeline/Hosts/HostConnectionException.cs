using Pipeline.Model;

namespace Pipeline.Hosts;

/// <summary>Why a host could not be used.</summary>
public enum HostFailure
{
    /// <summary>Nothing answered: the name does not resolve, nothing listens on the ssh port, or the network drops the packets.</summary>
    Unreachable,

    /// <summary>sshd answered but refused every key offered.</summary>
    AuthenticationRefused,

    /// <summary>The server's host key is not in known_hosts, or differs from the one recorded there.</summary>
    UnknownHostKey,

    /// <summary>SSH works but no Docker engine answers on the server.</summary>
    NoEngine,

    /// <summary>A port could not be forwarded to or from the server.</summary>
    ForwardRefused,
}

/// <summary>A host could not be reached or used: names the host, what failed, and the exact fix.</summary>
/// <param name="host">The host.</param>
/// <param name="failure">What failed.</param>
/// <param name="message">What failed, why, and what to run next.</param>
public sealed class HostConnectionException(Host host, HostFailure failure, string message) : Exception(message)
{
    /// <summary>The host.</summary>
    public Host Host { get; } = host;

    /// <summary>What failed.</summary>
    public HostFailure Failure { get; } = failure;
}
