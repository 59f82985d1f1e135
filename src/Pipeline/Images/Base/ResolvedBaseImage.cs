namespace Pipeline.Images.Base;

/// <summary>Where the image used for a base-image ARG came from.</summary>
public enum BaseImageSource
{
    /// <summary>Already on this machine: the requested image, or a local equivalent built earlier from the current recipe.</summary>
    Present,

    /// <summary>Pulled by this resolve.</summary>
    Pulled,

    /// <summary>Built by this resolve from the Debian archive and the machine's .NET.</summary>
    BuiltLocally,
}

/// <summary>One base-image ARG of a Dockerfile: the image it asked for and the one to pass as its build argument.</summary>
/// <param name="Argument">The ARG name, e.g. <c>RUNTIME_IMAGE</c>.</param>
/// <param name="Requested">Its default in the Dockerfile, or the override.</param>
/// <param name="Used">The image to pass: <paramref name="Requested"/>, or a local equivalent under <c>local/</c>.</param>
/// <param name="Source">Where <paramref name="Used"/> came from.</param>
public sealed record ResolvedBaseImage(string Argument, string Requested, string Used, BaseImageSource Source);
