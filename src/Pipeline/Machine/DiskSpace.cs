namespace Pipeline.Machine;

/// <summary>How much free disk is enough, for the machine's row and each host's: under 1 GB fails, under 5 GB is a warning.</summary>
internal static class DiskSpace
{
    const long GB = 1L << 30;

    /// <summary>The status for <paramref name="freeBytes"/> free.</summary>
    public static CheckStatus Judge(long freeBytes) => freeBytes switch
    {
        < GB => CheckStatus.Missing,
        < 5 * GB => CheckStatus.Warning,
        _ => CheckStatus.Ok,
    };

    /// <summary><c>41.2 GB free</c>.</summary>
    public static string Text(long freeBytes) => $"{freeBytes / (double)GB:0.0} GB free";

    /// <summary>Why a status is not <see cref="CheckStatus.Ok"/>.</summary>
    public static string? Why(CheckStatus status) => status switch
    {
        CheckStatus.Missing => "under 1 GB free: image pulls, builds and backups will fail",
        CheckStatus.Warning => "under 5 GB free",
        _ => null,
    };
}
