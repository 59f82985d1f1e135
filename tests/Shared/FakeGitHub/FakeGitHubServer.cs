using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeGitHub;

/// <summary>One request the fake received, as it came.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body)
{
    /// <summary>The body parsed as JSON (null when empty).</summary>
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public override string ToString() => $"{Method} {Path} {Body}";
}

/// <summary>Ways the fake can fail every request, as GitHub does.</summary>
public enum FakeFailure
{
    None,
    Unauthorized,
    Forbidden,
    /// <summary>A 403 whose message repeats the Authorization header, as a careless proxy might.</summary>
    ForbiddenEchoingToken,
    NotFound,
    RateLimited,
    TooManyRequests,
    Hang,
}

/// <summary>
/// A local stand-in for GitHub's REST API (Kestrel on 127.0.0.1, a free port): deployments, deployment statuses and
/// releases (at the root, or under <c>/api/v3</c> as on GitHub Enterprise), answered with the JSON fields Octokit reads. Records every request; can fail every request like GitHub does.
/// </summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ConcurrentQueue<RecordedRequest> requests = new();
    readonly ConcurrentDictionary<string, bool> releases = new();
    int nextId = 1000;

    FakeGitHubServer(WebApplication app) => this.app = app;

    /// <summary>The API's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>How every request fails from now on.</summary>
    public FakeFailure Failure { get; set; }

    /// <summary>Makes GitHub already have a release for <paramref name="tag"/> (a create answers 422 already_exists).</summary>
    public void AddRelease(string tag) => releases[tag] = true;

    public static async Task<FakeGitHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeGitHubServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.FirstOrDefault(), body);
        requests.Enqueue(request);
        var (status, json) = Failure == FakeFailure.None ? Answer(request) : await FailAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    (int, JsonNode) Answer(RecordedRequest request)
    {
        var id = Interlocked.Increment(ref nextId);
        if (request.Method != "POST")
            return (404, Message("Not Found"));
        if (Deployments().Match(request.Path) is { Success: true } d)
            return (201, new JsonObject
            {
                ["id"] = id, ["url"] = $"{Url}{d.Value.TrimStart('/')}/{id}", ["sha"] = request.Json?["ref"]?.GetValue<string>(), ["ref"] = request.Json?["ref"]?.GetValue<string>(),
                ["task"] = "deploy", ["environment"] = request.Json?["environment"]?.GetValue<string>(), ["payload"] = request.Json?["payload"]?.DeepClone(),
                ["created_at"] = DateTimeOffset.UtcNow.ToString("O"), ["updated_at"] = DateTimeOffset.UtcNow.ToString("O"),
            });
        if (Statuses().Match(request.Path) is { Success: true })
            return (201, new JsonObject
            {
                ["id"] = id, ["url"] = $"{Url}{request.Path.TrimStart('/')}/{id}", ["state"] = request.Json?["state"]?.GetValue<string>(),
                ["description"] = request.Json?["description"]?.GetValue<string>(), ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            });
        if (Releases().Match(request.Path) is { Success: true })
        {
            var tag = request.Json?["tag_name"]?.GetValue<string>() ?? "";
            if (!releases.TryAdd(tag, true))
                return (422, new JsonObject
                {
                    ["message"] = "Validation Failed",
                    ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Release", ["code"] = "already_exists", ["field"] = "tag_name" }),
                    ["documentation_url"] = "https://docs.github.com/rest/releases/releases#create-a-release",
                });
            return (201, new JsonObject
            {
                ["id"] = id, ["tag_name"] = tag, ["name"] = request.Json?["name"]?.GetValue<string>(), ["html_url"] = $"{Url}releases/tag/{tag}",
                ["draft"] = false, ["prerelease"] = request.Json?["prerelease"]?.GetValue<bool>() ?? false, ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
            });
        }
        return (404, Message("Not Found"));
    }

    async Task<(int, JsonNode)> FailAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        switch (Failure)
        {
            case FakeFailure.Unauthorized:
                return (401, Message("Bad credentials"));
            case FakeFailure.Forbidden:
                return (403, Message("Resource not accessible by integration"));
            case FakeFailure.ForbiddenEchoingToken:
                return (403, Message($"Refused '{context.Request.Headers.Authorization}'"));
            case FakeFailure.NotFound:
                return (404, Message("Not Found"));
            case FakeFailure.RateLimited:
            case FakeFailure.TooManyRequests:
                headers["X-RateLimit-Limit"] = "5000";
                headers["X-RateLimit-Remaining"] = "0";
                headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds().ToString();
                return (Failure == FakeFailure.RateLimited ? 403 : 429, Message("API rate limit exceeded for installation ID 1."));
            default:
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted).ContinueWith(_ => { });
                return (504, Message("too late"));
        }
    }

    static JsonObject Message(string message) => new() { ["message"] = message, ["documentation_url"] = "https://docs.github.com/rest" };

    [GeneratedRegex(@"^(/api/v3)?/repos/[^/]+/[^/]+/deployments$")]
    private static partial Regex Deployments();

    [GeneratedRegex(@"^(/api/v3)?/repos/[^/]+/[^/]+/deployments/\d+/statuses$")]
    private static partial Regex Statuses();

    [GeneratedRegex(@"^(/api/v3)?/repos/[^/]+/[^/]+/releases$")]
    private static partial Regex Releases();

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}
