using Pipeline.Output;

namespace Pipeline.Tests.Support;

/// <summary>The build host's masker, as the build hands it to the engine.</summary>
internal static class Maskers
{
    /// <summary>A masker over a new host redactor that knows no secret yet.</summary>
    public static ISecretMasker New() => new HostMasker(new Targets.Redactor());
}
