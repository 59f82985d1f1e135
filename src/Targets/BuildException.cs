namespace Targets;

/// <summary>An error the user can act on: its message says what failed and what to do. Shown without a stack trace.</summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The command line or a parameters file is wrong: nothing runs, the exit code is 2.</summary>
public sealed class UsageException(string message) : BuildException(message);
