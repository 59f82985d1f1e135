namespace App.Hosting;

/// <summary>
/// Where the server listens when neither <c>ASPNETCORE_URLS</c>/<c>--urls</c> nor <c>ASPNETCORE_HTTP_PORTS</c> says:
/// every interface inside a container (it is the container's own network), loopback only elsewhere.
/// </summary>
public static class ListenAddress
{
    static readonly string[] Keys = ["urls", "http_ports", "https_ports"];

    /// <summary>True when the configuration already names the addresses.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        Keys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    /// <summary><c>http://0.0.0.0:PORT</c> in a container, else <c>http://127.0.0.1:PORT</c>.</summary>
    public static string Default(int port) => $"http://{(InContainer ? "0.0.0.0" : "127.0.0.1")}:{port}";

    static bool InContainer =>
        string.Equals(Environment.GetEnvironmentVariable("DOTNET_RUNNING_IN_CONTAINER"), "true", StringComparison.OrdinalIgnoreCase)
        || File.Exists("/.dockerenv") || File.Exists("/run/.containerenv");
}
