using System.Security.Cryptography;

namespace Pipeline.Data;

/// <summary>
/// The sanitization salt when none is given: 32 random bytes made once per machine and kept outside the checkout
/// (mode 0600), so fakes are stable across runs on that machine and no salt is ever committed.
/// </summary>
public static class MachineSalt
{
    /// <summary>Where the salt is kept: beside the registry data, in <see cref="Machine.MachineOptions.DataDirectory"/>.</summary>
    public static string DefaultPath => Path.Combine(Machine.MachineOptions.DataDirectory, "sanitize-salt");

    /// <summary>Reads the salt at <paramref name="path"/>, creating it first when there is none.</summary>
    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, options)))
            writer.Write(salt);
        return salt;
    }
}
