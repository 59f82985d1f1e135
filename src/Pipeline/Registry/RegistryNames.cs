using Pipeline.Images;
using Pipeline.Machine;
using Pipeline.Model;

namespace Pipeline.Registry;

/// <summary>Checks registry addresses, repositories and tags before anything talks to a registry or the engine.</summary>
internal static class RegistryNames
{
    /// <summary>Parses <c>host:port</c>.</summary>
    public static RegistryAddress Address(string registry)
    {
        try
        {
            return RegistryAddress.Parse(registry);
        }
        catch (ArgumentException e)
        {
            throw new RegistryException(e.Message, e);
        }
    }

    /// <summary>Parses an image reference, failing with a <see cref="RegistryException"/> that names the rule it breaks.</summary>
    public static ImageReference Parse(string reference)
    {
        try
        {
            return ImageReference.Parse(reference);
        }
        catch (ImageBuildException e)
        {
            throw new RegistryException(e.Message, e);
        }
    }

    /// <summary>Checks what a push needs: a local image, a repository without tag or digest, and at least one valid tag.</summary>
    public static void CheckPushTarget(string localImage, string name, IReadOnlyList<string> tags)
    {
        if (string.IsNullOrWhiteSpace(localImage))
            throw new RegistryException("No local image given to push: pass the image id or name:tag that was built.");
        if (tags.Count == 0)
            throw new RegistryException($"No tags given for {name}: push at least one tag, such as the version.");
        if (Parse(name) is not { Tag: null, Digest: null })
            throw new RegistryException($"'{name}' is not a valid push target: give the repository without a tag or digest, such as team/app.");
        foreach (var tag in tags)
            if (Parse($"{name}:{tag}").Tag != tag)
                throw new RegistryException($"'{tag}' is not a valid tag: use at most 128 letters, digits, '.', '_' or '-', such as 1.2.3.");
    }
}
