namespace Pipeline.Tests.Machine;

/// <summary>Tests that look at or change the machine's engine and registry run one at a time, so they do not race.</summary>
[CollectionDefinition(Name)]
public sealed class MachineCollection
{
    public const string Name = "Machine";
}
