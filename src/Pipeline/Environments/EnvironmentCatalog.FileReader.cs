using System.Globalization;
using System.Text.Json;
using Pipeline.Model;

namespace Pipeline.Environments;

public sealed partial class EnvironmentCatalog
{
    /// <summary>Reads the document's environments, collecting every problem with where it is.</summary>
    sealed class FileReader(string source, Dictionary<string, (int Line, int Position)> positions)
    {
        /// <summary>Each problem with where it is (line 0 when nowhere in particular).</summary>
        public List<((int Line, int Position) At, string Message)> Problems { get; } = [];

        public void Problem(string path, string message) => Problems.Add((positions.GetValueOrDefault(path), message));

        string Origin(string path) =>
            Path.GetFileName(source) + (positions.TryGetValue(path, out var at) ? string.Create(CultureInfo.InvariantCulture, $" line {at.Line}") : "");

        public List<EnvironmentDefinition> Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problem("", $"the top level is {Kind(root)}, not an object; write {Example}");
                return [];
            }
            Unknown("", root, TopLevel, "the top level");
            if (!root.TryGetProperty("environments", out var environments) || environments.ValueKind != JsonValueKind.Object)
            {
                Problem(environments.ValueKind == JsonValueKind.Undefined ? "" : "environments", $"\"environments\" must be an object naming each environment; write {Example}");
                return [];
            }
            var result = new List<EnvironmentDefinition>();
            foreach (var environment in environments.EnumerateObject())
            {
                var path = Child("environments", environment.Name);
                if (!NamePattern().IsMatch(environment.Name))
                    Problem(path, $"'{environment.Name}' is not a valid environment name: use lowercase letters, digits, '-' and '_', starting with a letter or digit (such as qa or eu-production)");
                else if (environment.Name == "development")
                    Problem(path, "'development' is the development loop's environment (DevStart): choose another name");
                else if (result.Any(d => d.Name == environment.Name))
                    Problem(path, $"'{environment.Name}' is defined twice: keep one definition");
                else if (Definition(path, environment.Name, environment.Value) is { } definition)
                    result.Add(definition);
            }
            return result;
        }

        EnvironmentDefinition? Definition(string path, string name, JsonElement value)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Problem(path, $"environment '{name}' is {Kind(value)}, not an object; write {{ \"hosts\": [\"local\"], \"port\": 8081 }}");
                return null;
            }
            var before = Problems.Count;
            Unknown(path, value, Properties, $"environment '{name}'");
            var hosts = Hosts(path, name, value);
            var port = Port(path, name, value);
            var hostName = HostName(path, name, value);
            var publish = Publish(path, name, value);
            var composeFiles = ComposeFiles(path, name, value);
            var profile = Profile(path, name, value);
            if (Problems.Count > before)
                return null;
            var environment = DeployEnvironment.Named(name) with { Hosts = hosts, Port = port, HostName = hostName, Publish = publish };
            return new(composeFiles is null ? environment : environment with { ComposeFiles = composeFiles }, profile, Origin(path));
        }

        void Unknown(string path, JsonElement value, IReadOnlyList<string> allowed, string what)
        {
            foreach (var property in value.EnumerateObject().Where(p => !allowed.Contains(p.Name)))
            {
                var hint = allowed.FirstOrDefault(a => a.Equals(property.Name, StringComparison.OrdinalIgnoreCase)) is { } near ? $" (did you mean '{near}'?)" : "";
                Problem(Child(path, property.Name), $"unknown property '{property.Name}' in {what}{hint}; allowed: {string.Join(", ", allowed)}");
            }
        }

        List<Host> Hosts(string path, string name, JsonElement value)
        {
            const string Write = "write \"hosts\": [\"local\"] (this machine's engine), [\"unix:///path/to/docker.sock\"] or [\"ssh://user@server\"]";
            var at = Child(path, "hosts");
            if (!value.TryGetProperty("hosts", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                Problem(list.ValueKind == JsonValueKind.Undefined ? path : at, $"environment '{name}' has no hosts: {Write}");
                return [];
            }
            var hosts = new List<Host>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemAt = string.Create(CultureInfo.InvariantCulture, $"{at}[{index++}]");
                try
                {
                    var host = Host.Parse(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                    if (hosts.Any(h => SameMachine(h, host)))
                        Problem(itemAt, $"environment '{name}' lists {host} twice: list each host once");
                    else
                        hosts.Add(host);
                }
                catch (FormatException e)
                {
                    Problem(itemAt, $"environment '{name}': {e.Message.TrimEnd('.')}");
                }
            }
            return hosts;
        }

        int Port(string path, string name, JsonElement value)
        {
            var at = Child(path, "port");
            if (!value.TryGetProperty("port", out var port))
                Problem(path, $"environment '{name}' has no port: add \"port\": N, the port its proxy publishes on each host (1-65535)");
            else if (port.ValueKind != JsonValueKind.Number || !port.TryGetInt32(out var number))
                Problem(at, $"the port of '{name}' must be a whole number 1-65535, not {port.GetRawText()}");
            else if (number is < 1 or > 65535)
                Problem(at, string.Create(CultureInfo.InvariantCulture, $"port {number} of '{name}' is out of range: use 1-65535"));
            else
                return number;
            return 0;
        }

        string? HostName(string path, string name, JsonElement value)
        {
            if (!value.TryGetProperty("hostName", out var hostName))
                return null;
            var text = hostName.ValueKind == JsonValueKind.String ? hostName.GetString()! : hostName.GetRawText();
            if (Uri.CheckHostName(text) == UriHostNameType.Dns)
                return text.ToLowerInvariant();
            Problem(Child(path, "hostName"), $"the hostName of '{name}', {text}, is not a host name: write one like app.example.com, without scheme or port");
            return null;
        }

        string Publish(string path, string name, JsonElement value)
        {
            if (!value.TryGetProperty("publish", out var publish))
                return DeployEnvironment.LoopbackOnly;
            var text = publish.ValueKind == JsonValueKind.String ? publish.GetString()! : publish.GetRawText();
            if (System.Net.IPAddress.TryParse(text, out var address))
                return address.ToString();
            Problem(Child(path, "publish"), $"the publish address of '{name}', {text}, is not an IP address: write 0.0.0.0 (every interface of each host), a host's own address, or leave it out for 127.0.0.1");
            return DeployEnvironment.LoopbackOnly;
        }

        List<string>? ComposeFiles(string path, string name, JsonElement value)
        {
            if (!value.TryGetProperty("composeFiles", out var list))
                return null;
            var at = Child(path, "composeFiles");
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String || f.GetString()!.Trim().Length == 0))
            {
                Problem(at, $"the composeFiles of '{name}' must list file names relative to deploy/, such as [\"compose.yaml\", \"compose.{name}.yaml\"]; leave it out for those two");
                return null;
            }
            var files = list.EnumerateArray().Select(f => f.GetString()!.Trim()).ToList();
            var folder = Path.GetDirectoryName(Path.GetFullPath(source))!;
            foreach (var missing in files.Where(f => Path.IsPathRooted(f) || !File.Exists(Path.Combine(folder, f))))
                Problem(at, $"compose file '{missing}' of '{name}' is not in {folder}: name a file there (relative to deploy/), or create it");
            return files;
        }

        DeploymentProfile? Profile(string path, string name, JsonElement value)
        {
            if (!value.TryGetProperty("profile", out var profile))
                return null;
            switch (profile.ValueKind == JsonValueKind.String ? profile.GetString() : null)
            {
                case "laptop":
                    return DeploymentProfile.Laptop;
                case "server":
                    return DeploymentProfile.Server;
                default:
                    Problem(Child(path, "profile"), $"the profile of '{name}' is {profile.GetRawText()}: write \"laptop\" or \"server\", or leave it out to follow from the hosts (ssh:// means server)");
                    return null;
            }
        }

        static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            JsonValueKind.Undefined => "missing",
            var other => "a " + other.ToString().ToLowerInvariant(),
        };
    }
}
