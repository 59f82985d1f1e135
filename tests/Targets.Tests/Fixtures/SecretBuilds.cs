using Serilog;

namespace Targets.Tests.Fixtures;

/// <summary>Leaks its secret every way a target can: log events, templates, summary notes, printed text and exceptions.</summary>
public sealed class SecretBuild : TestBuild
{
    public const string Value = "s3cr3t-Hunter2-value";

    [Parameter("API token"), Secret]
    internal readonly string? ApiToken = null;

    [Parameter("A message to log")]
    internal readonly string? Message = null;

    public Target Leak => _ => _.Executes(() =>
    {
        Mark(nameof(Leak));
        Log.Information("Token as a property: {Token}", ApiToken);
        Log.Information("Token as a literal: {Token:l}", ApiToken);
        Log.Warning("Token in the template: " + ApiToken);
        Log.Information("Message: {Message}", Message);
        ReportSummary("token", ApiToken);
        Print($"Printed token {ApiToken}");
    });

    public Target Throw => _ => _.DependsOn(Leak).Executes(() =>
    {
        Mark(nameof(Throw));
        throw new InvalidOperationException($"Could not log in with {ApiToken}", new ArgumentException($"inner {ApiToken}"));
    });
}
