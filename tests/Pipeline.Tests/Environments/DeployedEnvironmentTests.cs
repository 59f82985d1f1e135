using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.Environments;
using Pipeline.Model;
using Xunit.Abstractions;

namespace Pipeline.Tests.Environments;

[Collection(StagingDeploymentCollection.Name)]
public sealed class DeployedEnvironmentTests(StagingDeployment deployment, ITestOutputHelper output)
{
    ComposeEnvironment Environment => deployment.Test.Environment;

    [Fact]
    public async Task Status_shows_the_release_labels_of_the_running_healthy_container()
    {
        var status = await Environment.StatusAsync(CancellationToken.None);
        var text = new StringWriter();
        status.Write(text);
        output.WriteLine($"up {deployment.UpTime.TotalSeconds:0.0} s, healthy after {deployment.HealthyTime.TotalSeconds:0.0} s more\n{text}");

        var app = Assert.Single(status.Containers);
        Assert.False(status.IsEmpty);
        Assert.Equal(("app", "running", "healthy"), (app.Service, app.State, app.Health));
        Assert.Equal(deployment.Release.Version, app.Version);
        Assert.Equal(deployment.Release.Commit, app.Revision);
        Assert.Equal(deployment.Release.Digest(Service.DefaultName), app.Digest);
        Assert.StartsWith("sha256:", app.Digest);
        Assert.Equal("staging", app.Labels["org.app-pipeline.environment"]);
        Assert.Equal(deployment.Release.Images[Service.DefaultName], app.Image);
        Assert.InRange(app.StartedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains(deployment.Release.Version, text.ToString());
        Assert.Contains(deployment.Test.Settings.ProjectName, text.ToString());
    }

    [Fact]
    public async Task A_release_publishes_no_port_and_runs_in_its_own_slot()
    {
        var app = Assert.Single((await Environment.StatusAsync(CancellationToken.None)).Containers);
        Assert.Empty(app.Ports);
        var inspected = await deployment.Test.Client.Containers.InspectContainerAsync(app.Id);
        Assert.True(inspected.HostConfig!.PortBindings is null or { Count: 0 });
        Assert.Equal(Pipeline.Cutover.ReleaseSlot.ProjectFor(deployment.Test.Settings, deployment.Release), app.Project);
    }

    [Fact]
    public async Task The_real_app_answers_with_the_release_version_and_keeps_data_on_the_named_volume()
    {
        using var http = new HttpClient();
        var address = Assert.Single((await Environment.StatusAsync(CancellationToken.None)).Containers).Addresses.Values.First();
        var version = await http.GetFromJsonAsync<JsonElement>($"http://{address}:8080/version");
        Assert.Equal(deployment.Release.Version, version.GetProperty("version").GetString());
        Assert.Equal(deployment.Release.Commit, version.GetProperty("commit").GetString());
        Assert.Equal("production", version.GetProperty("mode").GetString());

        var app = Assert.Single((await Environment.StatusAsync(CancellationToken.None)).Containers);
        var inspected = await deployment.Test.Client.Containers.InspectContainerAsync(app.Id);
        var data = Assert.Single(inspected.Mounts!, m => m.Destination == "/data");
        Assert.Equal(("volume", $"{deployment.Test.Settings.ProjectName}_data"), (data.Type, data.Name));
        Assert.Equal(1_000_000_000, inspected.HostConfig!.NanoCPUs);
        Assert.Equal(512L * 1024 * 1024, inspected.HostConfig.Memory);
    }

    [Fact]
    public async Task Current_image_is_the_deployed_digest_reference()
    {
        Assert.Equal(deployment.Release.Images[Service.DefaultName], await Environment.CurrentImageAsync(CancellationToken.None));
        Assert.Equal(deployment.Manifest.Images["production"], deployment.Release.Images[Service.DefaultName]);
    }

    [Fact]
    public async Task Deploying_the_same_release_again_keeps_the_container()
    {
        var before = Assert.Single((await Environment.StatusAsync(CancellationToken.None)).Containers);
        await deployment.Test.DeployAsync(deployment.Release);
        await Environment.WaitHealthyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        var after = Assert.Single((await Environment.StatusAsync(CancellationToken.None)).Containers);
        Assert.Equal(before.Id, after.Id);
    }
}
