using Semver;

namespace Pipeline.Versioning;

/// <summary>A version tag read by the Semver library (SemVer 2.0, an optional leading <c>v</c>), and MinVer's height rule on top of it.</summary>
internal sealed record SemanticVersion(SemVersion Value) : IComparable<SemanticVersion>
{
    /// <summary>MinVer's version for a commit with no tag below it: <c>0.0.0-alpha.0</c>.</summary>
    public static SemanticVersion Default { get; } = new(SemVersion.ParsedFrom(0, 0, 0, "alpha.0"));

    /// <summary>Parses a tag such as <c>v1.2.3</c>, <c>1.2.3-rc.1</c> or <c>1.2.3+build.5</c>; null when it is not a SemVer 2.0 version.</summary>
    public static SemanticVersion? FromTag(string tag) =>
        SemVersion.TryParse(tag, SemVersionStyles.AllowLowerV, out var version) ? new(version) : null;

    /// <summary>MinVer's rule: at height 0 the tag's own version; after an RTM tag the next patch plus <c>-alpha.0.height</c>; after a pre-release tag the pre-release plus <c>.height</c>.</summary>
    public SemanticVersion WithHeight(int height) => height switch
    {
        0 => this,
        _ when Value.IsRelease => new(Value.WithPatch(Value.Patch + 1).WithPrereleaseParsedFrom($"alpha.0.{height}").WithoutMetadata()),
        _ => new(Value.WithPrereleaseParsedFrom($"{Value.Prerelease}.{height}").WithoutMetadata()),
    };

    /// <summary>SemVer precedence; build metadata does not count.</summary>
    public int CompareTo(SemanticVersion? other) => other is null ? 1 : Value.ComparePrecedenceTo(other.Value);

    /// <summary>The version as SemVer text, such as <c>1.2.4-alpha.0.2</c>.</summary>
    public override string ToString() => Value.ToString();
}
