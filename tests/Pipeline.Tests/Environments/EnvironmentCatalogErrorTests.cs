namespace Pipeline.Tests.Environments;

/// <summary>A wrong deploy/environments.json is refused with the file, the line and position, and what to write instead.</summary>
public sealed class EnvironmentCatalogErrorTests : IDisposable
{
    readonly DeployFolder deploy = new();

    public void Dispose() => deploy.Dispose();

    static string Environment(string body) => $$"""
        {
          "environments": {
            {{body}}
          }
        }
        """;

    [Fact]
    public void Malformed_json_names_the_line_and_position()
    {
        var message = deploy.Error("""
            {
              "environments": {
                "staging": { "hosts": ["local"] "port": 8081 }
              }
            }
            """);

        Assert.StartsWith($"{deploy.FilePath}, line 3, position 37: not valid JSON (", message);
        Assert.Contains("comments and trailing commas are allowed", message);
    }

    [Theory]
    [InlineData("""
        "staging": { "hosts": ["local"], "Port": 8081 }
        """, "line 3, position 38: unknown property 'Port' in environment 'staging' (did you mean 'port'?); allowed: hosts, port, publish, hostName, composeFiles, profile.")]
    [InlineData("""
        "staging": { "hosts": [], "port": 8081 }
        """, "line 3, position 18: environment 'staging' has no hosts: write \"hosts\": [\"local\"]")]
    [InlineData("""
        "staging": { "port": 8081 }
        """, "line 3, position 5: environment 'staging' has no hosts")]
    [InlineData("""
        "production": { "hosts": ["ssh://deploy@web1", "http://web2"], "port": 80 }
        """, "line 3, position 52: environment 'production': 'http://web2' is not a host (the scheme 'http' is not supported): write 'local', 'unix:///path/to/docker.sock' or 'ssh://user@server[:port]'.")]
    [InlineData("""
        "production": { "hosts": ["ssh://deploy@web1", "ssh://root@WEB1:22"], "port": 80 }
        """, "line 3, position 52: environment 'production' lists root@web1 twice: list each host once.")]
    [InlineData("""
        "production": { "hosts": ["local"], "port": 70000 }
        """, "line 3, position 41: port 70000 of 'production' is out of range: use 1-65535.")]
    [InlineData("""
        "production": { "hosts": ["local"], "port": 80, "publish": "everywhere" }
        """, "the publish address of 'production', everywhere, is not an IP address: write 0.0.0.0")]
    [InlineData("""
        "production": { "hosts": ["local"], "port": "80" }
        """, "the port of 'production' must be a whole number 1-65535, not \"80\".")]
    [InlineData("""
        "qa": { "hosts": ["local"], "port": 8081 }
        """, "line 3, position 33: qa and staging (default) both use port 8081 on local: give each environment on a host its own port.")]
    [InlineData("""
        "production": { "hosts": ["ssh://a@web1", "ssh://b@web2"], "port": 80 }, "qa": { "hosts": ["ssh://c@web2:22"], "port": 80 }
        """, "qa and production (environments.json line 3) both use port 80 on c@web2: give each environment on a host its own port.")]
    [InlineData("""
        "QA": { "hosts": ["local"], "port": 9000 }
        """, "line 3, position 5: 'QA' is not a valid environment name: use lowercase letters")]
    [InlineData("""
        "development": { "hosts": ["local"], "port": 9000 }
        """, "'development' is the development loop's environment (DevStart): choose another name.")]
    [InlineData("""
        "qa": { "hosts": ["local"], "port": 9000, "profile": "cloud" }
        """, "the profile of 'qa' is \"cloud\": write \"laptop\" or \"server\"")]
    [InlineData("""
        "qa": { "hosts": ["local"], "port": 9000, "hostName": "https://app.example.com" }
        """, "the hostName of 'qa', https://app.example.com, is not a host name: write one like app.example.com, without scheme or port.")]
    [InlineData("""
        "qa": { "hosts": ["local"], "port": 9000, "composeFiles": ["compose.yaml", "compose.qa.yml"] }
        """, "compose file 'compose.qa.yml' of 'qa' is not in")]
    [InlineData("""
        "qa": { "hosts": ["local"], "port": 9000 }, "qa": { "hosts": ["local"], "port": 9001 }
        """, "line 3, position 49: 'qa' is defined twice: keep one definition.")]
    [InlineData("""
        "qa": ["local"]
        """, "environment 'qa' is an array, not an object")]
    public void A_wrong_definition_is_refused_where_it_is_with_what_to_write(string body, string expected)
    {
        var message = deploy.Error(Environment(body));

        Assert.StartsWith(deploy.FilePath, message);
        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData("[]", "the top level is an array, not an object")]
    [InlineData("""{ "environment": {} }""", "line 1, position 3: unknown property 'environment' in the top level; allowed: $schema, environments.")]
    [InlineData("{}", "\"environments\" must be an object naming each environment")]
    public void A_wrong_top_level_is_refused_with_the_shape_to_write(string json, string expected) =>
        Assert.Contains(expected, deploy.Error(json));

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var message = deploy.Error(Environment("""
            "staging": { "hosts": ["ftp://x"], "port": 8081 },
                "qa": { "hosts": ["local"], "port": 0, "extra": true }
            """));

        Assert.Equal($"""
            {deploy.FilePath} has 3 problems:
              line 3, position 28: environment 'staging': 'ftp://x' is not a host (the scheme 'ftp' is not supported): write 'local', 'unix:///path/to/docker.sock' or 'ssh://user@server[:port]'.
              line 4, position 33: port 0 of 'qa' is out of range: use 1-65535.
              line 4, position 44: unknown property 'extra' in environment 'qa'; allowed: hosts, port, publish, hostName, composeFiles, profile.
            """.Replace("\r", "", StringComparison.Ordinal), message);
    }
}
