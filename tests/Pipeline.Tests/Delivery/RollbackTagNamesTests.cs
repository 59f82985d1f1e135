using Pipeline.Delivery;

namespace Pipeline.Tests.Delivery;

public sealed class RollbackTagNamesTests
{
    [Fact]
    public void Names_are_utc_seconds_with_a_sequence_suffix_from_the_second()
    {
        var at = new DateTimeOffset(2026, 11, 23, 15, 30, 0, 999, TimeSpan.FromHours(1));
        Assert.Equal("rollback-20261123-143000", RollbackTagNames.For(at, 1));
        Assert.Equal("rollback-20261123-143000-3", RollbackTagNames.For(at, 3));
        Assert.Equal((new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.Zero), 3), RollbackTagNames.Parse("rollback-20261123-143000-3"));
        Assert.Null(RollbackTagNames.Parse("rollback-latest"));
    }

    [Fact]
    public void Nearest_prefers_time_then_spelling()
    {
        string[] tags = ["rollback-20250101-000000", "rollback-20261123-143000", "rollback-20261122-090000", "rollback-20261123-150000"];
        Assert.Equal(["rollback-20261123-143000", "rollback-20261123-150000", "rollback-20261122-090000"], RollbackTagNames.Nearest("rollback-20261123-143001", tags));
        Assert.Contains("rollback-20261123-143000", RollbackTagNames.Nearest("rollbak-20261123-143000", tags));
    }
}
