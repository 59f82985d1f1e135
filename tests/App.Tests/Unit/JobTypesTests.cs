using App.Jobs;

namespace App.Tests.Unit;

public sealed class JobTypesTests
{
    [Theory]
    [InlineData("hash", "anything", true)]
    [InlineData("hash", null, true)]
    [InlineData("sleep", "250", true)]
    [InlineData("sleep", "9999999", true)]
    [InlineData("sleep", "1.5", false)]
    [InlineData("sleep", null, false)]
    [InlineData("fail", null, true)]
    [InlineData("HASH", "x", false)]
    [InlineData("dance", "x", false)]
    [InlineData(null, "x", false)]
    public void Validate(string? type, string? payload, bool valid) =>
        Assert.Equal(valid, JobTypes.Validate(type, payload) is null);

    [Fact]
    public void Sleep_is_capped_at_a_minute() =>
        Assert.Equal(JobTypes.MaxSleepMilliseconds, JobTypes.ParseSleep("86400000"));
}
