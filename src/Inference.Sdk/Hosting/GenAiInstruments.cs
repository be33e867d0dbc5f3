using System;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Whether anyone listens to the GenAI instruments (<c>gen_ai.*</c>) that Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>
/// creates under the package's meter name. A listener that only hears instruments being published (it enables none) keeps weak
/// references to them; <see cref="AnyEnabled"/> reads their <see cref="Instrument.Enabled"/>.
/// </summary>
internal static class GenAiInstruments
{
    private static WeakReference<Instrument>[] _published = [];
    private static readonly MeterListener Watcher = Start();

    /// <summary>Gets a value indicating whether some listener has enabled a GenAI instrument of the package's meter.</summary>
    public static bool AnyEnabled
    {
        get
        {
            GC.KeepAlive(Watcher);
            foreach (var reference in Volatile.Read(ref _published))
            {
                if (reference.TryGetTarget(out Instrument? instrument) && instrument.Enabled)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static MeterListener Start()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = static (instrument, _) =>
            {
                if (instrument.Meter.Name == InferenceTelemetry.Name && instrument.Name.StartsWith("gen_ai.", StringComparison.Ordinal))
                {
                    Add(instrument);
                }
            },
        };
        listener.Start();
        return listener;
    }

    private static void Add(Instrument instrument)
    {
        while (true)
        {
            var current = Volatile.Read(ref _published);
            var next = Array.FindAll(current, static r => r.TryGetTarget(out _)); // instruments of collected clients drop out
            Array.Resize(ref next, next.Length + 1);
            next[^1] = new WeakReference<Instrument>(instrument);
            if (Interlocked.CompareExchange(ref _published, next, current) == current)
            {
                return;
            }
        }
    }
}
