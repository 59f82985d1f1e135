using System.Reflection;
using System.Text.Json;
using Xunit;

namespace Pipeline.Tests;

/// <summary>Every command the engine tells a user to run names a target and flags the build really has.</summary>
public sealed class CommandsTests
{
    /// <summary>The host's own flags, which the build schema does not list as parameters.</summary>
    static readonly string[] HostFlags = ["verbosity", "root", "profile", "plan", "help", "skip", "target", "no-logo"];

    static JsonElement Schema()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, ".nuke", "build.schema.json")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, ".nuke", "build.schema.json"))).RootElement;
    }

    static IEnumerable<T> Catalogue<T>(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(T)).Select(f => (T)f.GetValue(null)!);

    [Fact]
    public void Every_target_in_the_catalogue_exists()
    {
        var targets = Schema().GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var commands = Catalogue<Command>(typeof(Commands)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.Contains(c.Target, targets));
    }

    [Fact]
    public void Every_flag_in_the_catalogue_is_a_parameter()
    {
        var parameters = Schema().GetProperty("properties").EnumerateObject().Select(p => p.Name.ToLowerInvariant()).ToHashSet();
        var flags = Catalogue<Flag>(typeof(Commands.Flags)).ToList();
        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.True(HostFlags.Contains(f.Name) || parameters.Contains(f.Name.Replace("-", "")), $"--{f.Name} is not a parameter of the build"));
    }

    [Fact]
    public void A_command_renders_as_the_user_types_it()
    {
        var command = Commands.HealthCheck.With(Commands.Flags.Environment, "production").With(Commands.Flags.Verbosity, "verbose");
        Assert.Equal("./build.sh HealthCheck --environment production --verbosity verbose", command.ToString());
        Assert.Equal("./build.sh Rollback --emergency", Commands.Rollback.With(Commands.Flags.Emergency).ToString());
    }
}
