using Pipeline.Model;

namespace Pipeline.Hosts;

/// <summary>Turns what <c>ssh</c> printed when it failed into a <see cref="HostConnectionException"/> naming the host and the fix.</summary>
static class SshErrors
{
    /// <summary>The exception for a failed connection, judged from ssh's standard error; <paramref name="endpoint"/> is where ssh connected.</summary>
    public static HostConnectionException Classify(Host host, SshOptions options, string standardError, SshEndpoint endpoint)
    {
        var said = SshMaster.LastLine(standardError);
        var ssh = SshMaster.CommandLine(host, options);
        if (standardError.Contains("IDENTIFICATION HAS CHANGED", StringComparison.Ordinal))
            return new(host, HostFailure.UnknownHostKey,
                $"The SSH host key of {host} differs from the one in known_hosts ({said}). If the server was reinstalled, check its new fingerprint, remove the old key with 'ssh-keygen -R {endpoint.KnownHostsName}' and connect once with '{ssh}'; otherwise do not connect.");
        if (standardError.Contains("Host key verification failed", StringComparison.Ordinal) || standardError.Contains("host key is known", StringComparison.Ordinal))
            return new(host, HostFailure.UnknownHostKey,
                $"The SSH host key of {host} is not in known_hosts ({said}). Check the server's fingerprint, then record it with 'ssh-keyscan -p {endpoint.Port} {endpoint.HostName} >> ~/.ssh/known_hosts' or by connecting once with '{ssh}'.");
        if (standardError.Contains("Permission denied", StringComparison.Ordinal))
            return new(host, HostFailure.AuthenticationRefused,
                $"{host} refused every SSH key offered ({said}). Authorise your public key on the server ('ssh-copy-id {host.SshDestination}') or load it into your agent ('ssh-add'), then check with '{ssh} true'.");
        return new(host, HostFailure.Unreachable,
            $"Cannot reach {host} over SSH ({said}). Check that the server is up, that {endpoint.HostName} resolves and that sshd listens on port {endpoint.Port} there, then check with '{ssh} true'.");
    }

    /// <summary>The exception for a host whose sshd works but whose Docker engine does not answer.</summary>
    public static HostConnectionException NoEngine(Host host, SshOptions options, string said) =>
        new(host, HostFailure.NoEngine,
            $"{host} answers over SSH but no Docker engine answers there ({said}). Install and start Docker on the server (as root on Debian/Ubuntu: 'apt-get install docker.io && systemctl enable --now docker'), let the SSH user use it ('usermod -aG docker USER'), then check with '{SshMaster.CommandLine(host, options)} docker version'.");
}
