using Pipeline.Environments;
using Pipeline.Model;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Environments;

/// <summary>deploy/environments.json read into typed environments: the defaults without it, its definitions with it, explicit ports winning.</summary>
public sealed class EnvironmentCatalogTests : IDisposable
{
    const string Fleet = """
        {
          "$schema": "./environments.schema.json",
          // staging on this laptop, production on two servers
          "environments": {
            "staging": { "hosts": ["local"], "port": 9081 },
            "production": {
              "hosts": ["ssh://deploy@web1.example.com", "ssh://deploy@web2.example.com:2222"],
              "port": 80,
              "hostName": "App.Example.com",
            },
            "qa": { "hosts": ["unix:///run/qa/docker.sock"], "port": 9082, "composeFiles": ["compose.yaml", "compose.qa.yaml"], "profile": "server" },
          },
        }
        """;

    readonly DeployFolder deploy = new();

    public void Dispose() => deploy.Dispose();

    [Fact]
    public void Without_a_file_staging_and_production_run_on_the_local_engine_on_8081_and_8080()
    {
        var catalog = EnvironmentCatalog.Load(deploy.Path);

        Assert.Same(EnvironmentCatalog.Defaults, catalog);
        Assert.Null(catalog.Source);
        Assert.Equal(["staging", "production"], catalog.Names);
        Assert.Equal((EnvironmentKind.Staging, 8081), (catalog.Find("staging").Environment.Kind, catalog.Find("staging").Environment.Port));
        Assert.Equal((EnvironmentKind.Production, 8080), (catalog.Find("production").Environment.Kind, catalog.Find("production").Environment.Port));
        Assert.All(catalog.Definitions, d => Assert.Equal(Host.Local, Assert.Single(d.Environment.Hosts)));
        Assert.All(catalog.Definitions, d => Assert.Equal(DeploymentProfile.Laptop, d.ProfileFor(null, dockerHost: null)));
        Assert.Equal(["compose.yaml", "compose.production.yaml"], catalog.Find("production").Environment.ComposeFiles);
    }

    [Fact]
    public void A_file_defines_hosts_ports_host_names_compose_files_and_profiles()
    {
        var catalog = deploy.Load(Fleet);

        Assert.Equal(deploy.FilePath, catalog.Source);
        Assert.Equal(["staging", "production", "qa"], catalog.Names);
        var production = catalog.Find("production");
        Assert.Equal(EnvironmentKind.Production, production.Environment.Kind);
        Assert.Equal(["deploy@web1.example.com", "deploy@web2.example.com:2222"], production.Environment.Hosts.Select(h => h.Name));
        Assert.Equal(80, production.Environment.Port);
        Assert.Equal("app.example.com", production.Environment.HostName);
        Assert.Equal("environments.json line 6", production.Origin);
        var qa = catalog.Find("qa");
        Assert.Equal(EnvironmentKind.Other, qa.Environment.Kind);
        Assert.Equal(HostKind.Unix, Assert.Single(qa.Environment.Hosts).Kind);
        Assert.Equal(["compose.yaml", "compose.qa.yaml"], qa.Environment.ComposeFiles);
        Assert.Equal(DeploymentProfile.Server, qa.Profile);
    }

    [Fact]
    public void Staging_and_production_keep_their_defaults_when_the_file_leaves_them_out()
    {
        var catalog = deploy.Load("""{ "environments": { "qa": { "hosts": ["local"], "port": 9082 } } }""");

        Assert.Equal(["staging", "production", "qa"], catalog.Names);
        Assert.Equal("default", catalog.Find("staging").Origin);
        Assert.Equal(8080, catalog.Find("production").Environment.Port);
    }

    [Theory]
    [InlineData(null, null, "local", DeploymentProfile.Laptop)]
    [InlineData(null, null, "unix:///run/docker.sock", DeploymentProfile.Laptop)]
    [InlineData(null, null, "ssh://deploy@web1", DeploymentProfile.Server)]
    [InlineData(null, "ssh://deploy@elsewhere", "local", DeploymentProfile.Server)]
    [InlineData(null, "ssh://deploy@elsewhere", "unix:///run/docker.sock", DeploymentProfile.Laptop)]
    [InlineData(DeploymentProfile.Laptop, null, "ssh://deploy@web1", DeploymentProfile.Laptop)]
    public void The_profile_follows_from_the_hosts_unless_asked(DeploymentProfile? requested, string? dockerHost, string host, DeploymentProfile expected) =>
        Assert.Equal(expected, new EnvironmentDefinition(DeployEnvironment.Production with { Hosts = [Host.Parse(host)] }, null, "test").ProfileFor(requested, dockerHost));

    [Fact]
    public void Deploy_profile_wins_over_the_file_which_wins_over_the_hosts()
    {
        var qa = deploy.Load(Fleet).Find("qa");

        Assert.Equal(DeploymentProfile.Server, qa.ProfileFor(null, null));
        Assert.Equal(DeploymentProfile.Laptop, qa.ProfileFor(DeploymentProfile.Laptop, null));
    }

    [Fact]
    public void An_explicit_port_parameter_wins_over_the_file_and_says_so()
    {
        var catalog = deploy.Load(Fleet).WithPort(DeployEnvironment.Staging, 9181, "--staging-port");

        Assert.Equal(9181, catalog.Find("staging").Environment.Port);
        Assert.Equal("--staging-port", catalog.Find("staging").Origin);
        Assert.Equal("--staging-port 9181 wins over port 9081 of staging (environments.json line 5)", Assert.Single(catalog.Notes));
        Assert.Empty(deploy.Load(Fleet).WithPort(DeployEnvironment.Staging, 9081, "--staging-port").Notes);
    }

    [Fact]
    public void An_explicit_port_that_is_out_of_range_or_taken_is_refused_naming_the_parameter()
    {
        var catalog = EnvironmentCatalog.Defaults;

        Assert.Equal("--production-port 70000 is out of range: use 1-65535.",
            Assert.Throws<EnvironmentCatalogException>(() => catalog.WithPort(DeployEnvironment.Production, 70000, "--production-port")).Message);
        Assert.Equal("--staging-port 8080: staging and production (default) both use port 8080 on local: give each environment on a host its own port.",
            Assert.Throws<EnvironmentCatalogException>(() => catalog.WithPort(DeployEnvironment.Staging, 8080, "--staging-port")).Message);
    }

    [Fact]
    public void An_undefined_environment_is_refused_with_the_defined_names()
    {
        var message = Assert.Throws<EnvironmentCatalogException>(() => deploy.Load(Fleet).Find("nope")).Message;

        Assert.Equal($"--environment 'nope' is not defined: use one of staging, production, qa ({deploy.FilePath}), or add it there.", message);
        Assert.Contains("use one of staging, production, or define it in deploy/environments.json",
            Assert.Throws<EnvironmentCatalogException>(() => EnvironmentCatalog.Defaults.Find("nope")).Message);
    }

    [Fact]
    public void Environments_are_the_same_by_name_and_kind_and_deliver_their_compose_files_and_host_name()
    {
        var catalog = deploy.Load(Fleet);
        var delivery = new DeliveryOptions("app", catalog) { DockerHost = null };

        Assert.Equal(DeployEnvironment.Production, catalog.Find("production").Environment);
        Assert.Equal(catalog.Find("production"), catalog[DeployEnvironment.Production]);
        var qa = delivery.Environment(catalog.Find("qa").Environment, deploy.Path);
        Assert.Equal([Path.Combine(deploy.Path, "compose.yaml"), Path.Combine(deploy.Path, "compose.qa.yaml")], qa.ComposeFiles);
        Assert.Equal(9082, qa.HostPort);
        Assert.Equal("app.example.com", delivery.RouteOf(delivery.Environment(DeployEnvironment.Production, deploy.Path)).HostName);
        Assert.Equal((9081, 80), (delivery.StagingPort, delivery.ProductionPort));
        Assert.Equal(DeploymentProfile.Server, delivery.ProfileOf(DeployEnvironment.Production));
        Assert.Equal(DeploymentProfile.Laptop, (delivery with { RequestedProfile = DeploymentProfile.Laptop }).ProfileOf(DeployEnvironment.Production));
        Assert.Equal(3, delivery.Environment(DeployEnvironment.Staging, deploy.Path).ComposeFiles.Count);
    }

    [Fact]
    public void The_schema_lists_the_properties_the_loader_reads()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.DeployDirectory, "environments.schema.json")));
        var properties = schema.RootElement.GetProperty("definitions").GetProperty("environment").GetProperty("properties").EnumerateObject().Select(p => p.Name);

        Assert.Equal(EnvironmentCatalog.Properties.Order(), properties.Order());
    }

    [Fact]
    public void The_documented_example_loads_as_a_laptop_staging_and_a_two_server_production()
    {
        var docs = File.ReadAllText(Path.Combine(TestMachine.RepositoryRoot, "docs", "environments.md"));
        var example = docs.Split("```jsonc\n", 2)[1].Split("```", 2)[0];

        var catalog = deploy.Load(example);

        Assert.Equal(DeploymentProfile.Laptop, catalog.Find("staging").ProfileFor(null, null));
        Assert.Equal(2, catalog.Find("production").Environment.Hosts.Count(h => h.IsRemote));
        Assert.Equal(DeploymentProfile.Server, catalog.Find("production").ProfileFor(null, null));
        Assert.Equal("environments.json line 5", catalog.WithPort(DeployEnvironment.Staging, 9181, "--staging-port").Notes.Single().Split('(')[1].TrimEnd(')'));
    }
}
