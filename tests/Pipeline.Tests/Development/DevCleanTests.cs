using Pipeline.Development;

namespace Pipeline.Tests.Development;

public sealed class DevCleanTests
{
    [Theory]
    [InlineData("app:dev", true)]
    [InlineData("app:1.2.3-dev", true)]
    [InlineData("app:0.0.0-alpha.0.24-dev", true)]
    [InlineData("app:1.2.3", false)]
    [InlineData("app:1.2.3-debug", false)]
    [InlineData("localhost:5000/app:1.2.3-dev", false)]
    [InlineData("apps:dev", false)]
    [InlineData("other:dev", false)]
    public void Only_local_development_tags_of_the_image_are_removed(string tag, bool removed) =>
        Assert.Equal(removed, DevClean.IsDevTag(tag, "app"));

    [Fact]
    public void The_report_lists_what_it_removed_or_says_nothing_was_there()
    {
        using var writer = new StringWriter();
        new DevCleanReport(["app-dev_app_1"], ["app-dev_data", "app-dev_build"], ["app-dev_default"], ["app:dev"]).Write(writer, "app-dev");
        new DevCleanReport([], [], [], []).Write(writer, "app-dev");
        Assert.Equal(
            """
            Removed from app-dev:
              containers  app-dev_app_1
              volumes     app-dev_data, app-dev_build
              networks    app-dev_default
              images      app:dev
            Nothing to remove: no container, volume, network or development image of app-dev.

            """.ReplaceLineEndings("\n"), writer.ToString().ReplaceLineEndings("\n"));
    }
}
