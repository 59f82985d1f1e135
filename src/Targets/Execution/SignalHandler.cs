using System.Runtime.InteropServices;
using Serilog;

namespace Targets;

/// <summary>Turns the first Ctrl-C or SIGTERM into cancellation; a second one ends the process at once.</summary>
internal sealed class SignalHandler(CancellationTokenSource cancellation, ILogger log) : IDisposable
{
    readonly PosixSignalRegistration[] registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(s => PosixSignalRegistration.Create(s, signal =>
    {
        if (cancellation.IsCancellationRequested)
            return;
        signal.Cancel = true;
        log.Warning("{Signal:l} received: stopping the running target; assured targets (lock release, clean-up) still run. Press Ctrl-C again to exit at once.", signal.Signal.ToString());
        cancellation.Cancel();
    }))];

    public void Dispose() => Array.ForEach(registrations, r => r.Dispose());
}
