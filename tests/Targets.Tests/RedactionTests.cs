using Targets.Tests.Fixtures;

namespace Targets.Tests;

public sealed class RedactionTests : IDisposable
{
    const string Secret = SecretBuild.Value;
    readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    BuildResult RunLeaky(Dictionary<string, string>? env = null)
    {
        var r = root.Run<SecretBuild>(["Throw", "--api-token", Secret, "--verbosity", "verbose"], env);
        Assert.Equal(BuildHost.Failed, r.ExitCode);
        Assert.Equal(["Leak", "Throw"], r.Ran);
        return r;
    }

    static void AssertMasked(string text)
    {
        Assert.DoesNotContain(Secret, text);
        Assert.Contains(Redactor.Mask, text);
    }

    [Fact]
    public void Plain_console_never_shows_the_secret()
    {
        var r = RunLeaky();

        AssertMasked(r.Output);
        Assert.Contains("Token as a property: ***", r.Output);
        Assert.Contains("Token in the template: ***", r.Output);
        Assert.Contains("Printed token ***", r.Output);
        Assert.Contains("Could not log in with ***", r.Output);
    }

    [Fact]
    public void Summary_notes_are_masked()
    {
        var r = RunLeaky();

        Assert.Equal("***", r.Target("Leak").Summary["token"]);
        Assert.Matches(@"(?m)^ ?Leak\s+Succeeded\s+\S+\s+token: \*\*\*", r.Output);
        Assert.Matches(@"(?m)^ ?Throw\s+Failed\s+\S+\s+Could not log in with \*\*\*", r.Output);
    }

    [Fact]
    public void GitHubActions_console_never_shows_the_secret()
    {
        var r = RunLeaky(new() { ["GITHUB_ACTIONS"] = "true" });

        AssertMasked(r.Output);
        Assert.Contains("::error::", r.Output);
    }

    [Fact]
    public void Json_console_never_shows_the_secret()
    {
        var r = RunLeaky(new() { ["LOG_FORMAT"] = "json" });

        AssertMasked(r.Output);
        Assert.Contains("\"@x\"", r.Output);
    }

    [Fact]
    public void Log_file_never_shows_the_secret_including_exception_details()
    {
        RunLeaky();

        var log = root.LogFiles();
        AssertMasked(log);
        Assert.Contains("Printed token ***", log);
        Assert.Contains("System.InvalidOperationException", log);
        Assert.Contains("inner ***", log);
    }

    [Fact]
    public void Log_file_is_named_after_the_first_target_under_logs_build()
    {
        RunLeaky();

        var file = Assert.Single(Directory.GetFiles(root.Combine("logs", "build")));
        Assert.Matches(@"^Throw-\d{8}\.log$", Path.GetFileName(file));
    }

    [Fact]
    public void Secret_given_through_the_environment_is_masked()
    {
        var r = root.Run<SecretBuild>(["Leak"], new() { ["API_TOKEN"] = Secret });

        Assert.Equal(0, r.ExitCode);
        AssertMasked(r.Output);
        AssertMasked(root.LogFiles());
    }

    [Fact]
    public void Environment_variables_named_like_secrets_are_masked()
    {
        const string token = "tok-abcdef-123456";
        var r = root.Run<SecretBuild>(["Leak", "--message", $"calling with {token}"], new() { ["MY_API_TOKEN"] = token });

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Message: calling with ***", r.Output);
        Assert.DoesNotContain(token, r.Output);
        Assert.DoesNotContain(token, root.LogFiles());
    }

    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("SSH_KEY")]
    public void Other_secret_words_are_masked(string variable)
    {
        var r = root.Run<SecretBuild>(["Leak", "--message", "value=abcdef123"], new() { [variable] = "abcdef123" });

        Assert.DoesNotContain("abcdef123", r.Output);
    }

    [Fact]
    public void Short_environment_values_and_ordinary_names_are_not_masked()
    {
        var r = root.Run<SecretBuild>(["Leak", "--message", "abc12 and plain-value-1"], new() { ["MY_TOKEN"] = "abc12", ["GREETING"] = "plain-value-1" });

        Assert.Contains("abc12 and plain-value-1", r.Output);
    }

    [Fact]
    public void Redactor_masks_the_longest_secret_first()
    {
        var redactor = new Redactor();
        redactor.Add("abc");
        redactor.Add("abcdef");
        redactor.Add("x");

        Assert.Equal("*** and *** and x", redactor.Redact("abcdef and abc and x"));
    }
}
