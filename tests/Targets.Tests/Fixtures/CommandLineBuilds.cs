namespace Targets.Tests.Fixtures;

/// <summary>Names close to each other, a hidden target, and a long summary note.</summary>
public sealed class SuggestionBuild : TestBuild
{
    public const string LongNote = "a note much longer than any terminal is wide, so that the summary table has to wrap it onto more lines instead of drawing a rule two hundred columns long";

    [Parameter("How many entries")]
    internal readonly int Count = 20;

    [Parameter("The build context")]
    internal readonly string Context = ".";

    [Parameter("The container's port")]
    internal readonly int ContainerPort = 8080;

    public Target Compile => _ => _.Executes(() => Mark(nameof(Compile)));

    public Target PromoteToProduction => _ => _.DependsOn(Compile).Executes(() => Mark(nameof(PromoteToProduction)));

    public Target PromoteInternal => _ => _.Unlisted().Executes(() => Mark(nameof(PromoteInternal)));

    public Target Noted => _ => _.Executes(() => ReportSummary("", LongNote));
}
