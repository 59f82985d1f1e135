using Pipeline.Images;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Registry;

public sealed class ReleaseManifestTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Round_trips_through_indented_json_in_a_folder_it_creates()
    {
        var root = TestMachine.TempDirectory("release");
        try
        {
            var path = Path.Combine(root, "artifacts", "release.json");
            var manifest = new ReleaseManifest("1.2.4-alpha.0.2", new string('a', 40), new Dictionary<string, string>
            {
                ["production"] = $"localhost:5000/app@{Digest}",
                ["development"] = $"localhost:5000/app@{Digest}",
                ["debug"] = $"localhost:5000/app@{Digest}",
            });

            manifest.Write(path);
            var read = ReleaseManifest.Read(path);

            Assert.Equal(manifest.Version, read.Version);
            Assert.Equal(manifest.Commit, read.Commit);
            Assert.Equal(manifest.Images.OrderBy(p => p.Key), read.Images.OrderBy(p => p.Key));
            var text = File.ReadAllText(path);
            Assert.Contains("\n  \"version\": \"1.2.4-alpha.0.2\"", text);
            Assert.Contains($"\"production\": \"localhost:5000/app@{Digest}\"", text);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            TestMachine.Delete(root);
        }
    }

    [Fact]
    public void A_missing_file_says_which_target_writes_it()
    {
        var path = Path.Combine(TestMachine.RepositoryRoot, "artifacts", $"missing-{Guid.NewGuid():N}", "release.json");

        var error = Assert.Throws<ReleaseManifestException>(() => ReleaseManifest.Read(path));

        Assert.Equal($"{path} not found: run ./build.sh PushImages first.", error.Message);
    }

    [Theory]
    [InlineData("{ not json", "is not a valid release manifest")]
    [InlineData("null", "it holds null")]
    [InlineData("{\"commit\":\"abc\",\"images\":{}}", "version")]
    [InlineData("{\"version\":\"1.0.0\",\"commit\":\"abc\",\"images\":{}}", "'images' lists no image")]
    [InlineData("{\"version\":\"1.0.0\",\"commit\":\"abc\",\"images\":{\"production\":\"app:1.0.0\"}}", "image 'production' is 'app:1.0.0', not a repository@sha256:... reference")]
    [InlineData("{\"version\":\"1.0.0\",\"commit\":\"abc\",\"images\":{\"production\":null}}", "production")]
    public void A_malformed_file_is_named_with_the_problem(string json, string expected)
    {
        var root = TestMachine.TempDirectory("release");
        try
        {
            var path = Path.Combine(root, "release.json");
            File.WriteAllText(path, json);

            var error = Assert.Throws<ReleaseManifestException>(() => ReleaseManifest.Read(path));

            Assert.StartsWith($"{path} is not a valid release manifest: ", error.Message);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            TestMachine.Delete(root);
        }
    }

    [Fact]
    public void An_empty_manifest_never_replaces_a_good_one()
    {
        var root = TestMachine.TempDirectory("release");
        try
        {
            var path = Path.Combine(root, "release.json");
            var good = new ReleaseManifest("1.0.0", new string('a', 40), new Dictionary<string, string> { ["production"] = $"localhost:5000/app@{Digest}" });
            good.Write(path);
            var before = File.ReadAllText(path);

            var error = Assert.Throws<ReleaseManifestException>(() => (good with { Images = new Dictionary<string, string>() }).Write(path));

            Assert.Contains("'images' lists no image", error.Message);
            Assert.Equal(before, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(root));
        }
        finally
        {
            TestMachine.Delete(root);
        }
    }
}
