using System.Runtime.InteropServices;
using Serilog;

namespace Targets;

/// <summary>Turns the first Ctrl-C or SIGTERM into cancellation; a second one ends the process at once.</summary>
internal sealed class SignalHandler : IDisposable
{
    readonly PosixSignalRegistration[] registrations;

    public SignalHandler(CancellationTokenSource cancellation, ILogger log)
    {
        void Handle(PosixSignalContext signal)
        {
            if (cancellation.IsCancellationRequested)
                return;
            signal.Cancel = true;
            log.Warning("{Signal:l} received: stopping the running target; assured targets (lock release, clean-up) still run. Press Ctrl-C again to exit at once.", signal.Signal.ToString());
            cancellation.Cancel();
        }
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public void Dispose()
    {
        foreach (var r in registrations)
            r.Dispose();
    }
}
