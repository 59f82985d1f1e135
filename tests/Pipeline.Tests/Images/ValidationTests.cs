using Pipeline.Images;
using Pipeline.Images.Validation;
using Xunit.Abstractions;
using static Pipeline.Tests.Images.ValidationFixtures;

namespace Pipeline.Tests.Images;

/// <summary>Images that run and answer: the passing image, and images failing a static check.</summary>
public sealed class ValidationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_production_like_image_passes_every_check()
    {
        var (dockerfile, files) = Service();
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.True(report.Passed, report.Describe());
        Assert.All(report.Checks, c => Assert.True(c.Passed, c.Name));
        Assert.Equal(
            ["no volumes", "HEALTHCHECK", "healthy", "health endpoint", "ready endpoint", "version endpoint", "non-root image user", "non-root process", "no forbidden files", "JSON logs"],
            report.Checks.Select(c => c.Name));
        Assert.Contains("uid 10001", report.Check("non-root process").Detail);
        Assert.NotEmpty(report.HealthLog);
        Assert.DoesNotContain("log lines", report.Describe());
    }

    [Fact]
    public async Task An_image_running_as_root_fails_the_non_root_checks()
    {
        var (dockerfile, files) = Service(user: "");
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.False(report.Passed);
        Assert.False(report.Check("non-root image user").Passed);
        Assert.Contains("uid 0", report.Check("non-root process").Detail);
        Assert.False(report.Check("non-root process").Passed);
        Assert.True(report.Check("healthy").Passed, report.Describe());
    }

    [Fact]
    public async Task An_image_with_source_files_fails_naming_them()
    {
        var (dockerfile, files) = Service(extra: "COPY Program.cs /app/Program.cs");
        files["Program.cs"] = "Console.WriteLine(\"hi\");";
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.False(report.Passed);
        Assert.False(report.Check("no forbidden files").Passed);
        Assert.Contains("/app/Program.cs", report.Check("no forbidden files").Detail);
    }

    [Fact]
    public async Task An_image_without_healthcheck_or_with_a_volume_fails_those_checks_only()
    {
        var (dockerfile, files) = Service(healthcheck: "", extra: "VOLUME /data");
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.Equal(["HEALTHCHECK", "no volumes"], report.Checks.Where(c => !c.Passed).Select(c => c.Name).Order());
        Assert.Contains("no HEALTHCHECK", report.Check("HEALTHCHECK").Detail);
        Assert.Contains("VOLUME /data", report.Check("no volumes").Detail);
    }

    [Fact]
    public void The_report_lists_every_check_and_on_failure_the_logs()
    {
        var report = new ValidationReport("app:1", [new("healthy", true, "after 1 s"), new("JSON logs", false, "line 1 is not JSON")], ["plain text"], ["12:00:00 exit 1: refused"]);
        var text = report.Describe();
        Assert.False(report.Passed);
        Assert.Contains("PASS  healthy    after 1 s", text);
        Assert.Contains("FAIL  JSON logs  line 1 is not JSON", text);
        Assert.Contains("  plain text", text);
        Assert.Contains("exit 1: refused", text);
        Assert.False(new ValidationReport("app:1", [], [], []).Passed);
    }

    [Fact]
    public async Task Cancellation_still_removes_the_container()
    {
        var (dockerfile, files) = Service(healthcheck: """HEALTHCHECK --interval=30s CMD ["true"]""");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ValidateAsync(output, dockerfile, files, Fast, cancelAfter: TimeSpan.FromSeconds(1)));
    }
}

/// <summary>Images whose process misbehaves; a separate class so xunit runs it alongside the one above.</summary>
public sealed class ValidationFailureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_container_that_exits_at_start_fails_with_its_exit_code_and_last_log_lines()
    {
        var (dockerfile, files) = Service();
        var report = await ValidateAsync(output, dockerfile.Replace("""CMD ["/bin/sh", "/start.sh"]""", """CMD ["sh", "-c", "echo '{\"msg\":\"bye\"}'; exit 3"]"""), files);
        Assert.False(report.Passed);
        Assert.Contains("exited with code 3", report.Check("healthy").Detail);
        Assert.Contains(report.LastLogLines, l => l.Contains("bye"));
        Assert.Equal("not checked: container not running", report.Check("health endpoint").Detail);
        Assert.True(report.Check("no forbidden files").Passed, report.Describe());
        Assert.Contains("bye", report.Describe());
    }

    [Fact]
    public async Task A_container_that_never_becomes_healthy_fails_with_its_health_log()
    {
        var (dockerfile, files) = Service(healthcheck: """HEALTHCHECK --interval=1s --timeout=1s --retries=2 CMD ["sh", "-c", "echo probe failed; exit 1"]""");
        var report = await ValidateAsync(output, dockerfile, files, Fast with { Timeout = TimeSpan.FromSeconds(8) });
        Assert.False(report.Passed);
        Assert.Matches("unhealthy|did not become healthy", report.Check("healthy").Detail);
        Assert.NotEmpty(report.HealthLog);
        Assert.Contains(report.HealthLog, l => l.Contains("probe failed"));
        Assert.Contains("Health log", report.Describe());
    }

    [Fact]
    public async Task Plain_text_logs_fail_the_json_log_check()
    {
        var (dockerfile, files) = Service(start: "echo 'server started on 8080'");
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.False(report.Passed);
        Assert.Contains("server started on 8080", report.Check("JSON logs").Detail);
        Assert.True(report.Check("healthy").Passed, report.Describe());
    }

    [Fact]
    public async Task A_service_exempt_from_json_logs_passes_with_the_check_waived_and_still_reported()
    {
        var (dockerfile, files) = Service(start: "echo 'server started on 8080'");
        var report = await ValidateAsync(output, dockerfile, files, Fast with { Waived = ["json-logs"] });
        Assert.True(report.Passed, report.Describe());
        var logs = report.Check("JSON logs");
        Assert.False(logs.Passed);
        Assert.True(logs.Waived);
        Assert.Contains("WAIVED  JSON logs", report.Describe());
        Assert.All(report.Checks.Where(c => c.Name != "JSON logs"), c => Assert.False(c.Waived, c.Name));
    }

    [Fact]
    public void A_waiver_covers_only_its_own_rule_and_unknown_or_safety_rules_are_refused()
    {
        var report = new ValidationReport("app:1", [new("JSON logs", false, "text") { Waived = true }, new("non-root process", false, "uid 0")], [], []);
        Assert.False(report.Passed);
        Assert.Equal(["non-root process"], report.Failures.Select(c => c.Name));
        Assert.Null(ValidationOptions.WaiverProblem(["json-logs", "forbidden-files", "no-volumes", "version-endpoint"]));
        Assert.Contains("'non-root' is not a validation rule that can be waived: use json-logs", ValidationOptions.WaiverProblem(["json-logs", "non-root"]));
        Assert.NotNull(ValidationOptions.WaiverProblem(["healthy"]));
    }

    [Fact]
    public async Task A_development_build_fails_the_version_check_saying_what_it_said()
    {
        var (dockerfile, files) = Service(version: """{"mode":"development","codeSource":"mounted"}""");
        var report = await ValidateAsync(output, dockerfile, files);
        Assert.False(report.Passed);
        Assert.Contains("mode=development, codeSource=mounted", report.Check("version endpoint").Detail);
    }
}
