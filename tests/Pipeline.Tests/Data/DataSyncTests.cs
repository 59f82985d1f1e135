using Pipeline.Data;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Data;

public sealed class DataSyncTests(DataImage image) : IClassFixture<DataImage>, IDisposable
{
    readonly string root = TestMachine.TempDirectory("sync");
    readonly (Serilog.ILogger Logger, InMemorySink Sink) log = InMemorySink.CreateLogger();
    static readonly SanitizationRules Rules = SanitizationRules.Load(Path.Combine(TestMachine.RepositoryRoot, "deploy", "sanitize.json"));

    public void Dispose() => TestMachine.Delete(root);

    string Work => Path.Combine(root, "work");
    DataSync Sync => new(image.Client, log.Logger) { StopTimeout = TimeSpan.FromSeconds(2) };

    async Task<string> ContainerWithAsync(string purpose, IEnumerable<SampleUser> users, string extraSql = "")
    {
        var container = await image.StartAsync(purpose);
        var folder = Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N"))).FullName;
        await DataFiles.PutFileAsync(image.Client, container, SampleDatabase.Create(folder, users, extraSql: extraSql));
        return container;
    }

    [Fact]
    public async Task Production_data_reaches_staging_sanitized_owned_by_the_app_user_and_no_copy_is_left_behind()
    {
        var canaries = Enumerable.Range(0, 5).Select(_ => SampleUser.Canary()).ToList();
        var production = await ContainerWithAsync("prod", canaries);
        var staging = await ContainerWithAsync("stage", [SampleUser.Canary()]);
        await DataFiles.PutAsync(image.Client, staging, new Dictionary<string, byte[]> { ["app.db-journal"] = new byte[2048] });
        var productionBefore = (await DataFiles.ReadAsync(image.Client, production))["app.db"].Content;
        var stagingStarted = (await image.InspectAsync(staging)).State!.StartedAt;

        var report = await Sync.CopyAsync(production, staging, Rules, "sync-salt", Work, CancellationToken.None);

        Assert.Equal(SyncOutcome.Copied, report.Outcome);
        Assert.Equal(5, report.Sanitization!.Values[RuleKind.Email]);
        var files = await DataFiles.ReadAsync(image.Client, staging);
        Assert.All(files.Values, f => Assert.Equal((10001, 10001), (f.Uid, f.Gid)));
        Assert.Empty(files["app.db-journal"].Content);
        var copy = await DataFiles.CopyDatabaseAsync(image.Client, staging, root);
        Assert.Equal(5, SampleDatabase.Count(copy, "users"));
        Assert.Equal(5, SampleDatabase.Count(copy, "jobs"));
        foreach (var canary in canaries)
            foreach (var value in new[] { canary.Email, canary.Phone, canary.Name })
                Assert.False(SampleDatabase.Contains(copy, value), $"'{value}' reached staging");
        Assert.Equal(productionBefore, (await DataFiles.ReadAsync(image.Client, production))["app.db"].Content);
        Assert.True((await image.InspectAsync(production)).State!.Running);
        var stagingState = (await image.InspectAsync(staging)).State!;
        Assert.True(stagingState.Running);
        Assert.NotEqual(stagingStarted, stagingState.StartedAt);
        Assert.Contains(log.Sink.Messages, m => m.Contains("was paused for"));
        Assert.Empty(Directory.GetFileSystemEntries(Work));
    }

    [Fact]
    public async Task Without_a_production_database_nothing_is_copied_and_staging_is_untouched()
    {
        var production = await image.StartAsync("empty");
        var staging = await ContainerWithAsync("stage", [SampleUser.Canary()]);
        var before = (await DataFiles.ReadAsync(image.Client, staging))["app.db"].Content;
        var started = (await image.InspectAsync(staging)).State!.StartedAt;

        var report = await Sync.CopyAsync(production, staging, Rules, "sync-salt", Work, CancellationToken.None);

        Assert.Equal(SyncReport.NothingToCopy, report);
        Assert.Equal("production has no data yet; nothing copied", report.Message);
        Assert.Equal(before, (await DataFiles.ReadAsync(image.Client, staging))["app.db"].Content);
        Assert.Equal(started, (await image.InspectAsync(staging)).State!.StartedAt);
        Assert.Empty(Directory.GetFileSystemEntries(Work));
    }

    [Fact]
    public async Task A_refused_sanitization_leaves_staging_untouched_and_deletes_the_raw_copy()
    {
        var production = await ContainerWithAsync("prod", [SampleUser.Canary()], "ALTER TABLE users ADD COLUMN street TEXT;");
        var staging = await ContainerWithAsync("stage", [SampleUser.Canary()]);
        var before = (await DataFiles.ReadAsync(image.Client, staging))["app.db"].Content;
        var started = (await image.InspectAsync(staging)).State!.StartedAt;

        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, staging, Rules, "sync-salt", Work, CancellationToken.None));

        Assert.Contains("users.street looks personal but has no rule", error.Message);
        Assert.Equal(before, (await DataFiles.ReadAsync(image.Client, staging))["app.db"].Content);
        Assert.Equal(started, (await image.InspectAsync(staging)).State!.StartedAt);
        Assert.Empty(Directory.GetFileSystemEntries(Work));
    }

    [Fact]
    public async Task A_copy_taken_in_the_middle_of_a_write_is_rolled_back_with_its_hot_journal_before_it_is_sanitized()
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "torn")).FullName;
        var database = SampleDatabase.Create(folder, Enumerable.Range(0, 300).Select(_ => SampleUser.Canary()));
        var (torn, journal) = SampleDatabase.TornCopy(database);
        Assert.True(torn.AsSpan().IndexOf("half-written"u8) >= 0, "the open transaction should have spilled into the file, or this test proves nothing");
        Assert.NotEmpty(journal);
        var production = await image.StartAsync("torn");
        await DataFiles.PutAsync(image.Client, production, new Dictionary<string, byte[]> { ["app.db"] = torn, ["app.db-journal"] = journal });
        var staging = await ContainerWithAsync("stage", [SampleUser.Canary()]);

        await Sync.CopyAsync(production, staging, Rules, "sync-salt", Work, CancellationToken.None);

        var copy = await DataFiles.CopyDatabaseAsync(image.Client, staging, root);
        Assert.Equal(300, SampleDatabase.Count(copy, "users"));
        Assert.Equal("ok", SampleDatabase.Rows(copy, "PRAGMA integrity_check")[0][0]);
        Assert.Empty(SampleDatabase.Rows(copy, "SELECT id FROM users WHERE created_at LIKE 'half-written%' UNION ALL SELECT id FROM jobs WHERE created_at LIKE 'half-written%'"));
        Assert.DoesNotContain("app.db-journal", (await DataFiles.ReadAsync(image.Client, staging)).Keys);
    }

    [Fact]
    public async Task Copying_a_container_onto_itself_is_refused()
    {
        var production = await ContainerWithAsync("prod", [SampleUser.Canary()]);
        var name = (await image.InspectAsync(production)).Name.TrimStart('/');
        var error = await Assert.ThrowsAsync<DataException>(() => Sync.CopyAsync(production, name, Rules, "sync-salt", Work, CancellationToken.None));
        Assert.Contains("same container", error.Message);
    }
}
