using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Versioning;

/// <summary>A SemVer 2.0 version as MinVer treats it: ordered by precedence, with a height appended after the last tag.</summary>
internal sealed partial record SemanticVersion(int Major, int Minor, int Patch, IReadOnlyList<string> PreRelease, string? BuildMetadata) : IComparable<SemanticVersion>
{
    /// <summary>MinVer's version for a commit with no tag below it: <c>0.0.0-alpha.0</c>.</summary>
    public static SemanticVersion Default { get; } = new(0, 0, 0, ["alpha", "0"], null);

    /// <summary>Parses a tag such as <c>v1.2.3</c>, <c>1.2.3-rc.1</c> or <c>1.2.3+build.5</c>; null when it is not a SemVer 2.0 version.</summary>
    public static SemanticVersion? FromTag(string tag)
    {
        var match = Pattern().Match(tag);
        if (!match.Success || !int.TryParse(match.Groups["major"].Value, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups["minor"].Value, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(match.Groups["patch"].Value, CultureInfo.InvariantCulture, out var patch))
            return null;
        var pre = match.Groups["pre"].Success ? match.Groups["pre"].Value.Split('.') : [];
        return new(major, minor, patch, pre, match.Groups["build"].Success ? match.Groups["build"].Value : null);
    }

    /// <summary>MinVer's rule: at height 0 the tag's own version; after an RTM tag the next patch plus <c>-alpha.0.height</c>; after a pre-release tag the pre-release plus <c>.height</c>.</summary>
    public SemanticVersion WithHeight(int height) => height switch
    {
        0 => this,
        _ when PreRelease.Count == 0 => new(Major, Minor, Patch + 1, ["alpha", "0", Text(height)], null),
        _ => new(Major, Minor, Patch, [.. PreRelease, Text(height)], null),
    };

    /// <summary>SemVer precedence; build metadata does not count.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
            return 1;
        var numbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (numbers != 0 || (PreRelease.Count == 0 && other.PreRelease.Count == 0))
            return numbers;
        if (PreRelease.Count == 0 || other.PreRelease.Count == 0)
            return PreRelease.Count == 0 ? 1 : -1;
        foreach (var (mine, theirs) in PreRelease.Zip(other.PreRelease))
        {
            var order = (IsNumber(mine, out var a), IsNumber(theirs, out var b)) switch
            {
                (true, true) => a.CompareTo(b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(mine, theirs),
            };
            if (order != 0)
                return order;
        }
        return PreRelease.Count.CompareTo(other.PreRelease.Count);
    }

    /// <summary>The version as SemVer text, such as <c>1.2.4-alpha.0.2</c>.</summary>
    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}{(PreRelease.Count == 0 ? "" : "-" + string.Join('.', PreRelease))}{(BuildMetadata is null ? "" : "+" + BuildMetadata)}";

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static bool IsNumber(string identifier, out System.Numerics.BigInteger value) =>
        System.Numerics.BigInteger.TryParse(identifier, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"^v?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();
}
