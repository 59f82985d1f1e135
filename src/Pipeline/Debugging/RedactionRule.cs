namespace Pipeline.Debugging;

/// <summary>The rules a snapshot is redacted by; the redaction report counts the values each one masked.</summary>
public static class RedactionRule
{
    /// <summary>The value of a variable, key or <c>NAME=value</c> whose name says it is a secret (TOKEN, SECRET, PASSWORD, PASSWD, KEY, CREDENTIAL).</summary>
    public const string SecretName = "secret-name";

    /// <summary>A value learned from a secret-named variable, found anywhere else (a log line, a command line, a label).</summary>
    public const string SecretValue = "secret-value";

    /// <summary>The password of a URL with credentials, <c>scheme://user:password@host</c>.</summary>
    public const string UrlCredentials = "url-credentials";

    /// <summary>An <c>Authorization</c>-style <c>Bearer</c> or <c>Basic</c> credential.</summary>
    public const string BearerToken = "bearer-token";

    /// <summary>A PEM private key block.</summary>
    public const string PrivateKey = "private-key";

    /// <summary>An email address (the sanitizer's fakes, <c>@example.invalid</c>, are kept).</summary>
    public const string Email = "email";

    /// <summary>An international phone number, <c>+&lt;country&gt; ...</c> with 8 digits or more, also with the plus JSON-escaped as <c>\u002B</c> (the sanitizer's fakes, <c>+1-555-...</c>, are kept).</summary>
    public const string Phone = "phone";

    /// <summary>Every rule, in the order they apply.</summary>
    public static IReadOnlyList<string> All { get; } = [SecretName, SecretValue, UrlCredentials, BearerToken, PrivateKey, Email, Phone];
}
