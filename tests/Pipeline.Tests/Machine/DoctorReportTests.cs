using Pipeline.Machine;

namespace Pipeline.Tests.Machine;

public sealed class DoctorReportTests
{
    private static readonly PrerequisiteCheck Git = PrerequisiteCheck.Ok("git", "2.39.5");
    private static readonly PrerequisiteCheck LowDisk = new("Disk space", "3.0 GB free", CheckStatus.Warning, true, "docker system prune -f", "under 5 GB free");
    private static readonly PrerequisiteCheck NoRegistry = PrerequisiteCheck.Missing("Registry", "localhost:5000", "./build.sh Setup", "connection refused");

    [Fact]
    public void Warnings_and_optional_misses_keep_the_requirements_satisfied()
    {
        var optional = NoRegistry with { Required = false };

        Assert.True(new DoctorReport([Git, LowDisk, optional]).RequiredSatisfied);
        Assert.False(new DoctorReport([Git, LowDisk, NoRegistry]).RequiredSatisfied);
    }

    [Fact]
    public void Table_aligns_columns_and_explains_each_failure()
    {
        using var text = new StringWriter();

        new DoctorReport([Git, LowDisk, NoRegistry]).Write(text);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Prerequisite  Version         Status   Fix", lines[0]);
        Assert.StartsWith("------------  --------------  -------  ---", lines[1]);
        Assert.Equal("git           2.39.5          OK", lines[2]);
        Assert.Equal("Disk space    3.0 GB free     WARNING  docker system prune -f", lines[3]);
        Assert.Equal("Registry      localhost:5000  MISSING  ./build.sh Setup", lines[4]);
        Assert.Contains("  Registry: connection refused", lines);
        Assert.Contains("  Disk space: under 5 GB free", lines);
        Assert.StartsWith("1 required prerequisite(s) missing", lines[^1]);
    }
}
