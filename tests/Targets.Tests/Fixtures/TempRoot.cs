namespace Targets.Tests.Fixtures;

/// <summary>A throw-away repository root holding <c>.nuke/</c>; deleted on dispose.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot() => Directory.CreateDirectory(Nuke);

    public string Path { get; } = Directory.CreateTempSubdirectory("targets-tests-").FullName;

    public string Nuke => System.IO.Path.Combine(Path, ".nuke");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <c>.nuke/<paramref name="name"/></c>.</summary>
    public void WriteNuke(string name, string content) => File.WriteAllText(System.IO.Path.Combine(Nuke, name), content);

    /// <summary>The text of every log file under <c>logs/build/</c>.</summary>
    public string LogFiles()
    {
        var folder = Combine("logs", "build");
        return Directory.Exists(folder) ? string.Concat(Directory.GetFiles(folder, "*.log").Select(ReadShared)) : "";
    }

    internal static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
