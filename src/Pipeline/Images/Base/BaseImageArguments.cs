using System.Text.RegularExpressions;

namespace Pipeline.Images.Base;

/// <summary>The base-image ARGs of a Dockerfile (ARGs a FROM line consists of) and the image each asks for.</summary>
internal static partial class BaseImageArguments
{
    /// <summary>Each base-image ARG with its override, else its default; fails for an unknown override or an ARG with neither.</summary>
    public static IReadOnlyList<(string Argument, string Requested)> From(DockerfileInfo dockerfile, IReadOnlyDictionary<string, string> overrides)
    {
        var arguments = dockerfile.BaseImages.Select(b => WholeArg().Match(b)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct().ToList();
        foreach (var unknown in overrides.Keys.Where(k => !arguments.Contains(k)))
            throw new ImageBuildException($"--base-image {unknown}=...: {unknown} is not a base-image ARG of {dockerfile.Path}. Its base-image ARGs are: {Listed(arguments)}.");
        return arguments.Select(a => (a, Requested(dockerfile, overrides, a))).ToList();
    }

    static string Requested(DockerfileInfo dockerfile, IReadOnlyDictionary<string, string> overrides, string argument)
    {
        var image = overrides.GetValueOrDefault(argument) ?? dockerfile.ArgDefaults.GetValueOrDefault(argument);
        if (string.IsNullOrWhiteSpace(image))
            throw new ImageBuildException($"ARG {argument} in {dockerfile.Path} names the base image but has no default: give it one (ARG {argument}=image) or pass --base-image {argument}=image.");
        try
        {
            ImageReference.Parse(image);
        }
        catch (ImageBuildException e)
        {
            throw new ImageBuildException($"ARG {argument} in {dockerfile.Path}: {e.Message}");
        }
        return image;
    }

    static string Listed(List<string> arguments) => arguments.Count == 0 ? "none" : string.Join(", ", arguments);

    [GeneratedRegex(@"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")]
    private static partial Regex WholeArg();
}
