using System.Text;

namespace Pipeline.Tests.Support.Servers;

/// <summary>One <c>Host</c> entry of an ssh client config file, as the test servers need it: no prompt, strict host keys, one key.</summary>
/// <param name="Alias">The name ssh is given (<c>ssh://Alias</c>).</param>
/// <param name="Address">The server's address.</param>
/// <param name="IdentityFile">The private key offered.</param>
/// <param name="KnownHostsFile">The known_hosts file that must hold the server's host key.</param>
/// <param name="Port">The sshd port.</param>
public sealed record SshClientConfig(string Alias, string Address, string IdentityFile, string KnownHostsFile, int Port = 22)
{
    /// <summary>The entry's text.</summary>
    public override string ToString() => new StringBuilder()
        .AppendLine($"Host {Alias}")
        .AppendLine($"  HostName {Address}")
        .AppendLine($"  Port {Port}")
        .AppendLine("  User root")
        .AppendLine($"  IdentityFile {IdentityFile}")
        .AppendLine("  IdentitiesOnly yes")
        .AppendLine($"  UserKnownHostsFile {KnownHostsFile}")
        .AppendLine("  GlobalKnownHostsFile /dev/null")
        .AppendLine("  StrictHostKeyChecking yes")
        .AppendLine("  BatchMode yes")
        .ToString();

    /// <summary>Writes <paramref name="entries"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<SshClientConfig> entries) =>
        File.WriteAllText(path, string.Concat(entries.Select(entry => entry.ToString())));
}
