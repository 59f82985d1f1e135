using Pipeline.Debugging;
using Pipeline.Images;

namespace Pipeline.Tests.Debugging;

public sealed class ReplayTests
{
    [Fact]
    public void Masked_values_are_omitted_and_named_and_the_debug_image_keeps_its_own_variables()
    {
        string[] snapshot = ["APP_SECRET_TOKEN=***", "DATABASE_URL=postgres://app:***@db/app", "ASPNETCORE_ENVIRONMENT=Production", "DEBUG_MODE=false", "PATH=/bin"];

        var (pass, omitted) = ReplayEnvironment.From(snapshot, ["PATH=/usr/bin:/bin", "DEBUG_MODE=true"]);

        Assert.Equal(["ASPNETCORE_ENVIRONMENT=Production"], pass);
        Assert.Equal(["APP_SECRET_TOKEN", "DATABASE_URL"], omitted);
    }

    [Fact]
    public void The_release_manifests_debug_digest_comes_first_when_its_version_matches()
    {
        var release = new ReleaseManifest("1.2.3", "abc", new Dictionary<string, string> { ["debug"] = "localhost:5000/app@sha256:11" });

        Assert.Equal(["localhost:5000/app@sha256:11", "localhost:5000/app:1.2.3-debug", "app:1.2.3-debug"], DebugImage.Candidates("1.2.3", release, "localhost:5000", "app"));
        Assert.Equal(["localhost:5000/app:1.2.2-debug", "app:1.2.2-debug"], DebugImage.Candidates("1.2.2", release, "localhost:5000", "app"));
    }
}
