namespace Pipeline.Versioning;

/// <summary>The image tags a version gives: <c>&lt;version&gt;</c> and <c>&lt;version&gt;-&lt;short sha&gt;</c>, valid Docker tags, never <c>latest</c>.</summary>
public static class VersionTags
{
    /// <summary>The tags for <paramref name="version"/>, with characters Docker does not allow in tags (SemVer's '+') turned into '-'.</summary>
    public static IReadOnlyList<string> ImageTags(BuildVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var tag = Sanitize(version.Version);
        return [tag, Sanitize($"{tag}-{version.ShortCommit}")];
    }

    /// <summary>A valid Docker tag from <paramref name="text"/>: letters, digits, '_', '.' and '-' kept, anything else '-', at most 128 characters, never starting with '.' or '-'.</summary>
    public static string Sanitize(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var tag = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-')]);
        tag = tag[0] is '.' or '-' ? "_" + tag[1..] : tag;
        return tag.Length > 128 ? tag[..128] : tag;
    }
}
