using Pipeline.Development;

namespace Pipeline.Tests.Development;

public sealed class DevStageFingerprintTests : IDisposable
{
    readonly string context = Directory.CreateTempSubdirectory("dev-fingerprint-").FullName;

    const string Dockerfile = """
        # comment
        ARG SDK_IMAGE=sdk:10
        FROM ${SDK_IMAGE} AS development
        ENV A=1
        COPY docker/watch.sh /usr/local/bin/watch
        CMD ["/bin/sh", "/usr/local/bin/watch"]

        FROM runtime AS production
        COPY bin/publish/ /app/
        """;

    string Compute(string dockerfile, params string[] baseImages)
    {
        File.WriteAllText(Path.Combine(context, "Dockerfile"), dockerfile);
        return DevStageFingerprint.Compute(Path.Combine(context, "Dockerfile"), context, baseImages);
    }

    public DevStageFingerprintTests()
    {
        Directory.CreateDirectory(Path.Combine(context, "docker"));
        File.WriteAllText(Path.Combine(context, "docker", "watch.sh"), "dotnet watch run\n");
    }

    [Fact]
    public void The_stage_is_the_global_args_and_its_own_lines()
    {
        Assert.Equal(
            ["ARG SDK_IMAGE=sdk:10", "FROM ${SDK_IMAGE} AS development", "ENV A=1", "COPY docker/watch.sh /usr/local/bin/watch", "CMD [\"/bin/sh\", \"/usr/local/bin/watch\"]"],
            DevStageFingerprint.StageLines(Dockerfile.Split('\n')));
    }

    [Fact]
    public void Changes_with_the_stage_the_files_it_copies_and_the_base_images_only()
    {
        var first = Compute(Dockerfile);
        Assert.Equal(first, Compute(Dockerfile + "\nENV PRODUCTION_ONLY=1\n# another comment"));
        Assert.NotEqual(first, Compute(Dockerfile.Replace("ENV A=1", "ENV A=2")));
        Assert.NotEqual(first, Compute(Dockerfile.Replace("sdk:10", "sdk:11")));
        Assert.NotEqual(first, Compute(Dockerfile, "SDK_IMAGE=my/sdk:1"));
        File.AppendAllText(Path.Combine(context, "docker", "watch.sh"), "# changed\n");
        Assert.NotEqual(first, Compute(Dockerfile));
    }

    [Fact]
    public void The_real_Dockerfile_has_the_stage()
    {
        var dockerfile = Path.Combine(Support.TestMachine.RepositoryRoot, "src", "App", "Dockerfile");
        Assert.Contains("FROM ${SDK_IMAGE} AS development", DevStageFingerprint.StageLines(File.ReadAllLines(dockerfile)));
        Assert.DoesNotContain(DevStageFingerprint.StageLines(File.ReadAllLines(dockerfile)), l => l.Contains("production", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => Directory.Delete(context, recursive: true);
}
