using System.Text;

namespace Pipeline.Registry;

/// <summary>A registry login; both parts null for a registry without auth. <see cref="ToString"/> never shows the password.</summary>
public sealed record RegistryCredentials(string? Username, string? Password)
{
    /// <summary>No login: for a registry without auth, such as the local one set-up starts.</summary>
    public static RegistryCredentials None { get; } = new(null, null);

    /// <summary>What is wrong with a user name and password given as parameters, or null: a user name needs a password.</summary>
    public static string? Problem(string? username, string? password) =>
        !string.IsNullOrEmpty(username) && string.IsNullOrEmpty(password)
            ? $"{Commands.Flags.RegistryUsername} needs {Commands.Flags.RegistryPassword} too (or the REGISTRY_PASSWORD environment variable)"
            : null;

    /// <summary>True when no user name is given.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Username);

    /// <summary>The user name for messages, or "no credentials".</summary>
    public override string ToString() => IsEmpty ? "no credentials" : $"user {Username} (password hidden)";

    /// <summary>The <c>Authorization</c> header value for basic auth, or null without credentials.</summary>
    internal string? BasicAuthorization => IsEmpty ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Replaces the password in text that came from elsewhere (engine or registry messages) before it is logged or thrown.</summary>
    internal string Redact(string text) =>
        Password is { Length: >= 3 } password ? text.Replace(password, "***", StringComparison.Ordinal) : text;
}
