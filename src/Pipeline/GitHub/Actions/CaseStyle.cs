namespace Pipeline.GitHub.Actions;

/// <summary>Spellings of a member name: <c>RegistryPassword</c> as <c>registry-password</c> or <c>REGISTRY_PASSWORD</c>.</summary>
public static class CaseStyle
{
    /// <summary><c>RestoreData</c> becomes <c>restore-data</c>.</summary>
    public static string Kebab(string name) => string.Join('-', Words(name)).ToLowerInvariant();

    /// <summary><c>RegistryPassword</c> becomes <c>REGISTRY_PASSWORD</c>.</summary>
    public static string ScreamingSnake(string name) => string.Join('_', Words(name)).ToUpperInvariant();

    static IEnumerable<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var start = 0;
        for (var i = 1; i < name.Length; i++)
        {
            var boundary = char.IsUpper(name[i]) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (boundary || name[i] is '_' or '-')
            {
                if (i > start)
                    yield return name[start..i];
                start = name[i] is '_' or '-' ? i + 1 : i;
            }
        }
        if (start < name.Length)
            yield return name[start..];
    }
}
