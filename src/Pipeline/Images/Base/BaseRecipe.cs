using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Serilog;

namespace Pipeline.Images.Base;

/// <summary>How to make a local equivalent of a base image: its tag, the image it builds on, and a hash of everything it is made of.</summary>
internal abstract class BaseRecipe(BaseRecipe? parent)
{
    /// <summary>The label that records <see cref="Hash"/> on the image, so a changed recipe rebuilds and an unchanged one is reused.</summary>
    public const string Label = "org.app-pipeline.base.recipe";

    string? hash;

    /// <summary>The image this one is built on, built first when needed.</summary>
    public BaseRecipe? Parent => parent;

    /// <summary>The local tag, under <c>local/</c>.</summary>
    public abstract string Tag { get; }

    /// <summary>What the image is, for logs.</summary>
    public abstract string Description { get; }

    /// <summary>sha256 of the parent's hash and this recipe's inputs.</summary>
    public string Hash => hash ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{parent?.Hash}\n{GetType().Name}\n{Inputs()}")));

    /// <summary>Everything that changes the image: versions, scripts, generated Dockerfiles, environment.</summary>
    protected abstract string Inputs();

    /// <summary>Builds the image, tagged <see cref="Tag"/> and labelled <see cref="Label"/>=<see cref="Hash"/>; the parent exists.</summary>
    public abstract Task BuildAsync(DockerClient client, ILogger log, CancellationToken cancellationToken);
}
