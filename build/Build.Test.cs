using Pipeline.Testing;
using Serilog;
using Targets;

partial class Build
{
    [Parameter("Run only the tests matching this 'dotnet test --filter' expression")] readonly string? TestFilter;

    AbsolutePath TestResults => RootDirectory / "artifacts" / "test-results";

    Target Test => _ => _
        .Description("Run every test project against the real engine and registry; results in artifacts/test-results")
        .DependsOn(Setup, SetupTestTools)
        .Produces("artifacts/test-results")
        .Executes(async ct =>
        {
            var totals = await new TestSuite(RootDirectory, TestResults) { Filter = TestFilter }.RunAsync(Log.Logger, ct);
            ReportSummary("", totals.Line);
            ReportClosingLine(totals.Line);
            if (totals.Failed > 0)
                throw new BuildException($"{totals.Failed} test(s) failed; see the output above and {TestResults}/*.trx");
        });
}
