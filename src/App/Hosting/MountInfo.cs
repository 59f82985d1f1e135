using System.Text;

namespace App.Hosting;

/// <summary>Reads the mount points out of <c>/proc/self/mountinfo</c> text.</summary>
public static class MountInfo
{
    /// <summary>Where the kernel describes this process's mounts; absent outside Linux.</summary>
    public const string ProcPath = "/proc/self/mountinfo";

    /// <summary>The text of <see cref="ProcPath"/>, or an empty string where there is none.</summary>
    public static string ReadCurrent()
    {
        try
        {
            return File.Exists(ProcPath) ? File.ReadAllText(ProcPath) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The mount point (fifth field) of each line, with the kernel's octal escapes decoded.</summary>
    public static IReadOnlySet<string> MountPoints(string mountInfo) =>
        mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Normalize(Unescape(fields[4])))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>An absolute path without a trailing separator (except for the root itself).</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");

    static bool IsOctal(ReadOnlySpan<char> digits) => digits.Length == 3 && digits.IndexOfAnyExcept(OctalDigits) < 0;
}
