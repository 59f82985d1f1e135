using Pipeline.Environments;

namespace Pipeline.Tests.Environments;

/// <summary>A temporary <c>deploy/</c> folder with empty compose files, for reading <c>environments.json</c> files; deleted on dispose.</summary>
internal sealed class DeployFolder : IDisposable
{
    readonly DirectoryInfo root = Directory.CreateTempSubdirectory("envs-");

    public DeployFolder()
    {
        foreach (var file in new[] { "compose.yaml", "compose.staging.yaml", "compose.production.yaml", "compose.qa.yaml", "compose.laptop.yaml" })
            File.WriteAllText(System.IO.Path.Combine(Path, file), "services: {}\n");
    }

    public string Path => root.FullName;

    public string FilePath => System.IO.Path.Combine(Path, EnvironmentCatalog.FileName);

    /// <summary>Writes <paramref name="json"/> as <c>environments.json</c> and loads the folder.</summary>
    public EnvironmentCatalog Load(string json)
    {
        File.WriteAllText(FilePath, json);
        return EnvironmentCatalog.Load(Path);
    }

    /// <summary>The message loading <paramref name="json"/> fails with.</summary>
    public string Error(string json) => Assert.Throws<EnvironmentCatalogException>(() => Load(json)).Message;

    public void Dispose() => root.Delete(recursive: true);
}
