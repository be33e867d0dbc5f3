using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Captures the instruments a telemetry client creates while it is constructed (Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>
/// creates its <c>gen_ai.*</c> histograms on its own meter then), so that the client gating it can tell whether anyone listens
/// with a few field reads per request: <see cref="Instrument.Enabled"/> of its own instruments, held strongly for as long as it
/// lives, whatever the meter's name.
/// </summary>
internal static class TelemetryInstruments
{
    [ThreadStatic]
    private static List<Instrument>? _capturing;

    private static readonly MeterListener Watcher = Start();

    /// <summary>Runs <paramref name="create"/> and returns what it created with the instruments published on this thread meanwhile.</summary>
    /// <typeparam name="T">What <paramref name="create"/> creates.</typeparam>
    /// <param name="create">Creates the telemetry client.</param>
    /// <returns>The client and the instruments it created.</returns>
    public static (T Created, Instrument[] Instruments) Capture<T>(Func<T> create)
    {
        GC.KeepAlive(Watcher); // started before the capture: starting it reports every instrument that already exists
        var outer = _capturing;
        var published = _capturing = [];
        try
        {
            T created = create();
            return (created, [.. published]);
        }
        finally
        {
            _capturing = outer;
        }
    }

    /// <summary>Gets a value indicating whether some listener has enabled one of <paramref name="instruments"/>.</summary>
    /// <param name="instruments">Instruments from <see cref="Capture"/>.</param>
    /// <returns><see langword="true"/> when a measurement on one of them would be recorded.</returns>
    public static bool AnyEnabled(Instrument[] instruments)
    {
        foreach (var instrument in instruments)
        {
            if (instrument.Enabled)
            {
                return true;
            }
        }

        return false;
    }

    private static MeterListener Start()
    {
        // An instrument is published to every listener synchronously, on the thread that creates it.
        var listener = new MeterListener { InstrumentPublished = static (instrument, _) => _capturing?.Add(instrument) };
        listener.Start();
        return listener;
    }
}
