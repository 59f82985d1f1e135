using System.Text;
using Pipeline.Model;

namespace Pipeline.Machine;

/// <summary>The steps a user runs by hand when set-up may not change this machine.</summary>
internal static class ManualInstructions
{
    /// <summary>Why set-up refused, and numbered steps for exactly what is missing.</summary>
    public static string For(MachineOptions options, RegistryAddress registry, MachineFacts facts, MachineState state)
    {
        var text = new StringBuilder(Refusal(facts, options.IsCI)).AppendLine("Do it by hand:");
        var step = 0;
        if (state.MissingPackages.Count > 0)
            text.AppendLine($"  {++step}. Install {string.Join(", ", state.MissingPackages)}, as root:")
                .AppendLine($"       {AptPackages.CommandLine(state.MissingPackages)}")
                .AppendLine("     (not Debian/Ubuntu: install Docker Engine with Compose, the distribution registry, a static busybox and debootstrap with your system's package manager)");
        if (!state.Engine.Answers)
            text.AppendLine($"  {++step}. Start the Docker engine, as root (with systemd: systemctl start docker):")
                .AppendLine($"       {Fixes.StartEngine(options.EngineEndpoint)}");
        if (!state.Registry.Answers)
        {
            var configFile = RegistryConfig.FileIn(options.RegistryDataDirectory);
            text.AppendLine($"  {++step}. Start the registry on {registry.ListenAddress} (root is not needed when you own {options.RegistryDataDirectory}):")
                .AppendLine($"       mkdir -p {Fixes.Quote(RegistryConfig.StorageIn(options.RegistryDataDirectory))}")
                .AppendLine($"       cat > {Fixes.Quote(configFile)} <<'EOF'")
                .Append(RegistryConfig.Render(options.RegistryDataDirectory, registry))
                .AppendLine("EOF")
                .AppendLine($"       {Fixes.StartRegistry(configFile, Path.Combine(Path.GetFullPath(options.RegistryDataDirectory), "registry.log"))}");
        }
        return text.AppendLine($"  {++step}. Check: {Commands.Doctor}").ToString();
    }

    /// <summary>Why set-up refused, and the apt-get line for <paramref name="missing"/>.</summary>
    public static string ForPackages(MachineFacts facts, bool isCI, IReadOnlyList<string> missing) =>
        $"{Refusal(facts, isCI)}Install {string.Join(", ", missing)} by hand, as root:\n  {AptPackages.CommandLine(missing)}\n";

    private static string Refusal(MachineFacts facts, bool isCI) =>
        $"Setup changes a machine only on Debian or Ubuntu, as root or in CI (CI=true). This one is {facts.Describe()}{(isCI ? ", in CI" : "")}. Nothing was changed.\n";
}
