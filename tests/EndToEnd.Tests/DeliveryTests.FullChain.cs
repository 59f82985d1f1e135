namespace EndToEnd.Tests;

public sealed partial class DeliveryTests
{
    /// <summary>The issue's done-when path, without --skip: the whole chain twice, then every kind of rollback.</summary>
    [Fact]
    public async Task The_full_chain_promotes_twice_and_every_rollback_mode_works()
    {
        await using var site = await DeliverySite.CreateAsync();
        var release = Path.Combine(site.Folder, "release.json");
        string[] promote = ["PromoteToProduction", .. site.SiteArguments, "--release-manifest-file", release];

        var first = await BuildScript.RunAsync(promote);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("first promotion", first.Output);
        foreach (var gate in new[] { "ValidateProduction", "PushImages", "DeployStaging", "SyncProductionData", "HealthCheck", "WorkflowTests", "PromoteToProduction" })
            Assert.Matches($@"{gate}\s+Succeeded", first.Output);

        var second = await BuildScript.RunAsync(promote);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Copied", second.Output, StringComparison.OrdinalIgnoreCase);
        var tag = Assert.Single(await site.OriginTagsAsync());

        var list = await site.RollbackAsync("--list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(tag, list.Output);

        var back = await site.RollbackAsync("--tag", tag);
        Assert.True(back.ExitCode == 0, back.ToString());
        var emergency = await site.RollbackAsync("--emergency");
        Assert.True(emergency.ExitCode == 0, emergency.ToString());
        Assert.Equal("healthy", (await site.GetJsonAsync("/health"))["status"]!.GetValue<string>());
    }
}
