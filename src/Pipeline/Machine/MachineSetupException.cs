namespace Pipeline.Machine;

/// <summary>Set-up could not or may not change this machine; the message says what to do instead.</summary>
public sealed class MachineSetupException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public MachineSetupException() : base($"Machine set-up failed; run '{Commands.Doctor}' to see what is missing.") { }

    /// <summary>Creates the exception with a message that says what to do.</summary>
    public MachineSetupException(string message) : base(message) { }

    /// <summary>Creates the exception with a message that says what to do and its cause.</summary>
    public MachineSetupException(string message, Exception innerException) : base(message, innerException) { }
}
