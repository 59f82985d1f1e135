using System.Text.RegularExpressions;

namespace Pipeline.Images;

/// <summary>A parsed image reference: <c>registry/repository:tag</c> or <c>repository@sha256:...</c>.</summary>
public sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>Parses and checks a reference, failing with the rule it breaks.</summary>
    public static ImageReference Parse(string reference)
    {
        var match = Pattern().Match(reference);
        if (!match.Success)
            throw new ImageBuildException($"'{reference}' is not a valid image reference: use lowercase name[:tag], where the name has letters, digits, '.', '_', '-' and '/', and the tag has at most 128 letters, digits, '.', '_' or '-'.");
        return new ImageReference(match.Groups["repo"].Value, match.Groups["tag"].Success ? match.Groups["tag"].Value : null, match.Groups["digest"].Success ? match.Groups["digest"].Value : null);
    }

    /// <summary>The reference as text.</summary>
    public override string ToString() => Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    [GeneratedRegex(@"^(?<repo>(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex Pattern();
}
