namespace Targets.Tests.Fixtures;

/// <summary>Base of the test builds: records which targets ran in <c>journal.txt</c> under the run's root.</summary>
public abstract class TestBuild : NukeBuild
{
    [ThreadStatic] static TestBuild? last;

    protected TestBuild() => last = this;

    /// <summary>The build most recently created on this thread (BuildHost creates it synchronously).</summary>
    internal static TestBuild? TakeLast()
    {
        var build = last;
        last = null;
        return build;
    }

    /// <summary>Records that <paramref name="name"/> ran.</summary>
    protected void Mark(string name) => File.AppendAllText(Journal(RootDirectory), name + "\n");

    internal static string Journal(string root) => Path.Combine(root, "journal.txt");
}
