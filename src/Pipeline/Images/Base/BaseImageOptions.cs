namespace Pipeline.Images.Base;

/// <summary>Where <see cref="BaseImages"/> gets Debian packages and the .NET SDK from, where it caches, and how long it tries to pull.</summary>
public sealed record BaseImageOptions
{
    /// <summary>The Debian archive debootstrap installs from; default: the machine's apt sources, else <c>http://deb.debian.org/debian</c>.</summary>
    public string DebianMirror { get; init; } = AptMirror.Detect("/etc/apt") ?? AptMirror.Default;

    /// <summary>The Debian release the local base images are made of.</summary>
    public string Suite { get; init; } = "bookworm";

    /// <summary>Where rootfs tarballs and generated build contexts are kept, outside the checkout.</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>How long one pull may take before the local equivalent is built instead.</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The machine's .NET folder (holding <c>sdk/</c> and <c>shared/</c>) copied into the local SDK and runtime images.</summary>
    public string DotnetRoot { get; init; } = DefaultDotnetRoot();

    /// <summary><c>/var/cache/app-pipeline</c> for root, else <c>$XDG_CACHE_HOME/app-pipeline</c> or <c>~/.cache/app-pipeline</c>.</summary>
    public static string DefaultCacheDirectory() =>
        Environment.IsPrivilegedProcess ? "/var/cache/app-pipeline"
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "app-pipeline");

    /// <summary>The folder of the <c>dotnet</c> on PATH (links resolved; what <c>dotnet --list-sdks</c> lists), else <c>$DOTNET_ROOT</c>, else <c>/usr/share/dotnet</c>.</summary>
    public static string DefaultDotnetRoot()
    {
        var muxer = Tools.Executable.Find("dotnet") is { } found ? new FileInfo(found) : null;
        var resolved = muxer?.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? muxer?.FullName;
        string?[] candidates = [Path.GetDirectoryName(resolved), Environment.GetEnvironmentVariable("DOTNET_ROOT"), "/usr/share/dotnet"];
        return candidates.FirstOrDefault(c => c is { Length: > 0 } && Directory.Exists(Path.Combine(c, "sdk"))) ?? "/usr/share/dotnet";
    }
}
