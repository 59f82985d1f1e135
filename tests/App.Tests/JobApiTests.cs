using System.Security.Cryptography;
using System.Text;
using App.Tests.Support;

namespace App.Tests;

[Collection(SharedServiceCollection.Name)]
public sealed class JobApiTests(SharedService service)
{
    AppProcess App => service.App;

    [Fact]
    public async Task Hash_job_succeeds_with_the_sha256_of_its_payload()
    {
        const string payload = "hello, pipeline ✓";
        var id = await App.SubmitAsync("hash", payload);

        var job = await App.WaitFinishedAsync(id);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload))), (string?)job["result"]);
        Assert.Null(job["error"]);
        Assert.Equal(id, (long)job["id"]!);
        Assert.Equal("hash", (string?)job["type"]);
        Assert.NotNull(job["createdAt"]);
        Assert.NotNull(job["startedAt"]);
        Assert.NotNull(job["finishedAt"]);
    }

    [Fact]
    public async Task Post_answers_202_with_the_id_and_a_location()
    {
        var (status, body, response) = await App.PostAsync("/api/jobs", new { type = "hash", payload = "x" });

        Assert.Equal(202, status);
        var id = (long)body!["id"]!;
        Assert.Equal($"/api/jobs/{id}", response.Headers.Location?.OriginalString);
        await App.WaitFinishedAsync(id);
    }

    [Fact]
    public async Task Sleep_job_succeeds_and_takes_about_its_payload()
    {
        var id = await App.SubmitAsync("sleep", 200);

        var job = await App.WaitFinishedAsync(id);

        Assert.Equal("succeeded", (string?)job["status"]);
        var ran = DateTimeOffset.Parse((string)job["finishedAt"]!) - DateTimeOffset.Parse((string)job["startedAt"]!);
        Assert.True(ran >= TimeSpan.FromMilliseconds(190), $"ran {ran.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Sleep_payload_may_be_a_string_number()
    {
        var id = await App.SubmitAsync("sleep", "10");

        Assert.Equal("succeeded", (string?)(await App.WaitFinishedAsync(id))["status"]);
    }

    [Fact]
    public async Task Fail_job_fails_with_an_error_message()
    {
        var id = await App.SubmitAsync("fail", "on purpose");

        var job = await App.WaitFinishedAsync(id);

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Contains("on purpose", (string?)job["error"]);
        Assert.Null(job["result"]);
    }

    [Theory]
    [InlineData("teleport", "Unknown job type")]
    [InlineData("", "'type' is required")]
    public async Task Unknown_or_missing_type_is_a_400_naming_the_types(string type, string expected)
    {
        var (status, body, _) = await App.PostAsync("/api/jobs", new { type, payload = "x" });

        Assert.Equal(400, status);
        var error = (string?)body!["error"];
        Assert.Contains(expected, error);
        Assert.Contains("hash, sleep, fail", error);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    public async Task Sleep_with_a_bad_payload_is_a_400(string payload)
    {
        var (status, body, _) = await App.PostAsync("/api/jobs", new { type = "sleep", payload });

        Assert.Equal(400, status);
        Assert.Contains("milliseconds", (string?)body!["error"]);
    }

    [Fact]
    public async Task Invalid_json_is_a_400_with_an_error()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");
        using var response = await App.Http.PostAsync("/api/jobs", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/jobs/987654321")]
    [InlineData("/api/jobs/not-a-number")]
    [InlineData("/api/users/987654321")]
    public async Task Unknown_ids_are_404(string path)
    {
        using var response = await App.Http.GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
    }
}
