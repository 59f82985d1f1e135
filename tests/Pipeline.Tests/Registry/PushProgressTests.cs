using System.Text.Json;
using Docker.DotNet.Models;
using Pipeline.Registry;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class PushProgressTests
{
    private const string Digest = "sha256:3f2a0000000000000000000000000000000000000000000000000000000000aa";

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static JSONMessage Layer(string id, string status, long? current = null, long? total = null) =>
        new() { ID = id, Status = status, Progress = current is null ? null : new JSONProgress { Current = current, Total = total } };

    [Fact]
    public void Logs_each_layer_state_change_once_and_upload_progress_at_most_every_two_seconds()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var clock = new ManualClock();
        var progress = new PushProgress(log, RegistryCredentials.None, clock);
        progress.Begin("1.2.3");

        progress.Report(new JSONMessage { Status = "The push refers to repository [localhost:5000/app]" });
        progress.Report(Layer("3f2a1b2c3d4e", "Preparing"));
        progress.Report(Layer("9b8c7d6e5f4a", "Preparing"));
        progress.Report(Layer("9b8c7d6e5f4a", "Layer already exists"));
        for (var i = 1; i <= 100; i++)
        {
            progress.Report(Layer("3f2a1b2c3d4e", "Pushing", i * 456_000, 45_600_000));
            clock.Now += TimeSpan.FromMilliseconds(50);
        }
        progress.Report(Layer("3f2a1b2c3d4e", "Pushed"));
        progress.Report(new JSONMessage { Status = $"1.2.3: digest: {Digest} size: 527" });

        var lines = sink.Messages.ToList();
        Assert.Equal("Push 1.2.3: The push refers to repository [localhost:5000/app]", lines[0]);
        Assert.Contains("Push 1.2.3: 3f2a1b2c3d4e Pushing 456.0 kB/45.6 MB", lines);
        Assert.Contains("Push 1.2.3: 3f2a1b2c3d4e Pushing 18.7 MB/45.6 MB", lines);
        Assert.Equal(3, lines.Count(l => l.Contains(" Pushing ")));
        Assert.Contains("Push 1.2.3: 3f2a1b2c3d4e Pushed", lines);
        Assert.Contains("Push 1.2.3: 9b8c7d6e5f4a Layer already exists", lines);
        Assert.Equal(9, lines.Count);
        Assert.Equal(1, progress.LayersPushed);
        Assert.Equal(1, progress.LayersAlreadyPresent);
        Assert.Equal(Digest, progress.Digest);
        Assert.Null(progress.Error);
    }

    [Fact]
    public void Takes_the_digest_from_aux_counts_mounted_layers_as_present_and_keeps_errors_without_the_password()
    {
        var (log, sink) = InMemorySink.CreateLogger();
        var progress = new PushProgress(log, new RegistryCredentials("ci", "s3cret-pass"));
        progress.Begin("2.0.0");

        progress.Report(Layer("aaaaaaaaaaaa", "Mounted from pipeline-test/other"));
        progress.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Tag"] = "2.0.0", ["Digest"] = JsonSerializer.SerializeToElement(Digest), ["Size"] = 527 } } });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "denied for s3cret-pass" } });

        Assert.Equal(Digest, progress.Digest);
        Assert.Equal(0, progress.LayersPushed);
        Assert.Equal(1, progress.LayersAlreadyPresent);
        Assert.Equal("denied for ***", progress.Error);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("s3cret-pass"));
        progress.Begin("2.0.0-abc1234");
        Assert.Null(progress.Digest);
        Assert.Null(progress.Error);
    }

    [Theory]
    [InlineData(999, "999 B")]
    [InlineData(12_345, "12.3 kB")]
    [InlineData(12_345_678, "12.3 MB")]
    [InlineData(1_234_567_890, "1.2 GB")]
    public void Sizes_use_decimal_units_like_the_engine(long bytes, string expected) => Assert.Equal(expected, PushProgress.Size(bytes));
}
