using Docker.DotNet.Models;
using Pipeline.Images;
using Pipeline.Images.Validation;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Images;

/// <summary>Busybox stand-ins for a production image: httpd serving static health, ready and version files.</summary>
internal static class ValidationFixtures
{
    public const string ProductionVersion = """{"mode":"production","codeSource":"container-baked"}""";
    public const string JsonStart = """echo '{"level":"info","msg":"started"}'""";
    public const string Healthcheck = """HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["wget", "-q", "-O-", "http://127.0.0.1:8080/health"]""";

    public static ValidationOptions Fast => new() { Timeout = TimeSpan.FromSeconds(15), Environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" } };

    /// <summary>A service image; each argument replaces one production property with a faulty one.</summary>
    public static (string Dockerfile, Dictionary<string, string> Files) Service(
        string user = "USER 10001", string healthcheck = Healthcheck, string start = JsonStart, string version = ProductionVersion, string extra = "") =>
        ($"""
          COPY www /www
          COPY start.sh /start.sh
          {extra}
          {user}
          EXPOSE 8080
          {healthcheck}
          CMD ["/bin/sh", "/start.sh"]
          """,
         new()
         {
             ["www/health"] = "ok",
             ["www/ready"] = "ready",
             ["www/version"] = version,
             ["start.sh"] = $"{start}\nexec httpd -f -p 8080 -h /www\n",
         });

    /// <summary>Builds the image, validates it, removes it, and checks that no validation container of it is left.</summary>
    public static async Task<ValidationReport> ValidateAsync(
        ITestOutputHelper output, string dockerfile, IReadOnlyDictionary<string, string>? files = null, ValidationOptions? options = null, TimeSpan? cancelAfter = null)
    {
        await using var image = await BusyboxImage.BuildAsync(dockerfile, files);
        var (logger, _) = InMemorySink.CreateLogger();
        using var cancel = new CancellationTokenSource(cancelAfter ?? Timeout.InfiniteTimeSpan);
        try
        {
            var report = await new ProductionValidator(image.Client, logger).ValidateAsync(image.Tag, options ?? Fast, cancel.Token);
            output.WriteLine(report.Describe());
            return report;
        }
        finally
        {
            Assert.Empty(await LeftoversAsync(image));
        }
    }

    static async Task<IEnumerable<string>> LeftoversAsync(BusyboxImage image)
    {
        var id = (await image.Client.Images.InspectImageAsync(image.Tag)).ID;
        var containers = await image.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["org.app-pipeline.validation=true"] = true } },
        });
        return containers.Where(c => c.ImageID == id || c.Image == image.Tag).Select(c => $"{c.Names.FirstOrDefault()} ({c.State})");
    }

    public static ValidationCheck Check(this ValidationReport report, string name) =>
        report.Checks.SingleOrDefault(c => c.Name == name) ?? throw new Xunit.Sdk.XunitException($"No check '{name}' in:\n{report.Describe()}");
}
