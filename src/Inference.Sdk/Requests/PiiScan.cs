using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Inference.Sdk.Tokens;

namespace Inference.Sdk.Requests;

/// <summary>Detection: every text of a request through the <see cref="IPiiDetector"/>, keeping only the kinds found (never the values).</summary>
/// <remarks>
/// A short text seen before in the same request (up to <see cref="MaxRememberedLength"/> characters) is not scanned again: the
/// detector is pure (<see cref="IPiiDetector"/>), so it would add the same kinds. Tool traffic repeats its short texts: the
/// property names of every object in a JSON list, and values such as counts, flags and dates. A scan taken with <see cref="Rent"/>
/// is the thread's own, kept between requests with its tables (<see cref="Dispose"/> gives it back): a request allocates nothing
/// here and rents nothing from a pool.
/// </remarks>
internal sealed class PiiScan : ContentText, IDisposable
{
    /// <summary>The longest text remembered; a longer one is scanned each time (it rarely repeats, and its scan outweighs a lookup).</summary>
    internal const int MaxRememberedLength = 64;

    // An open-addressing set of the short texts scanned so far: the text's hash and its place in _chars (offset << 8 | length),
    // at most half full; once the table or the characters run out, texts are scanned without being remembered. A slot holds an
    // entry of this scan when its stamp is this scan's, so a new scan empties the set by moving to the next stamp.
    private const int Slots = 256;
    private const int MaxEntries = Slots / 2;
    private const int CharCapacity = MaxEntries * 16;

    // The texts' hash: a seed of this process's own, so that no request can be written to collide in the set.
    private static readonly long Seed = Random.Shared.NextInt64();

    [ThreadStatic]
    private static PiiScan? _idle;

    private readonly List<PiiFinding> _findings = [];
    private IPiiDetector? _detector;
    private IReadOnlyList<(object Value, string Text)> _serialized;
    private int[]? _stamps;
    private int[]? _hashes;
    private int[]? _places;
    private char[]? _chars;
    private int _stamp = 1;
    private int _entries;
    private int _used;

    /// <summary>Initializes a new instance of the <see cref="PiiScan"/> class.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="json">How objects in tool traffic are serialized.</param>
    /// <param name="serialized">The JSON text of the tool results already serialized in this request (<see cref="PromptText.SerializedResults"/>), by reference.</param>
    public PiiScan(IPiiDetector detector, JsonSerializerOptions json, IReadOnlyList<(object Value, string Text)>? serialized = null)
        : base(json)
    {
        _detector = detector;
        _serialized = serialized ?? [];
    }

    /// <summary>Gets the kinds found so far, as a bit set over <see cref="PiiKind"/>.</summary>
    public int Kinds { get; private set; }

    /// <summary>Takes the thread's idle scan (a new one when there is none), empty, for one request; <see cref="Dispose"/> gives it back.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="json">How objects in tool traffic are serialized.</param>
    /// <param name="serialized">The JSON text of the tool results already serialized in this request (<see cref="PromptText.SerializedResults"/>), by reference.</param>
    /// <returns>The scan.</returns>
    public static PiiScan Rent(IPiiDetector detector, JsonSerializerOptions json, IReadOnlyList<(object Value, string Text)>? serialized = null)
    {
        var scan = _idle;
        if (scan is null)
        {
            return new PiiScan(detector, json, serialized);
        }

        _idle = null; // the detector or a serializer could read another request on this thread: it gets a scan of its own
        scan._detector = detector;
        scan._serialized = serialized ?? [];
        scan.Json = json;
        return scan;
    }

    /// <summary>Empties the scan (kinds, remembered texts, references to the request) and keeps it as the thread's idle scan.</summary>
    public void Dispose()
    {
        Kinds = 0;
        _detector = null;
        _serialized = [];
        _findings.Clear();
        if (_entries > 0)
        {
            _entries = _used = 0;
            if (++_stamp == 0)
            {
                Array.Clear(_stamps!);
                _stamp = 1;
            }
        }

        _idle = this;
    }
    /// <inheritdoc/>
    protected override string? Visit(string text)
    {
        Look(text);
        return null;
    }

    /// <inheritdoc/>
    protected override string? SerializedText(object value)
    {
        for (int i = 0; i < _serialized.Count; i++)
        {
            if (ReferenceEquals(_serialized[i].Value, value))
            {
                return _serialized[i].Text;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    protected override void Look(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || (text.Length <= MaxRememberedLength && !Remember(text)))
        {
            return;
        }

        _findings.Clear();
        _detector!.Detect(text, _findings);
        foreach (var f in _findings)
        {
            Kinds |= 1 << (int)f.Kind;
        }
    }

    /// <summary>Whether a short text is new to this scan (remembering it when there is room); false when it was scanned before.</summary>
    private bool Remember(ReadOnlySpan<char> text)
    {
        if (_places is null)
        {
            _stamps = new int[Slots];
            _hashes = new int[Slots];
            _places = new int[Slots];
            _chars = new char[CharCapacity];
        }

        int hash = (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text), Seed);
        int slot = hash & (Slots - 1);
        while (_stamps![slot] == _stamp)
        {
            int place = _places[slot];
            if (_hashes![slot] == hash && _chars!.AsSpan(place >> 8, place & 0xFF).SequenceEqual(text))
            {
                return false;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        if (_entries < MaxEntries && _used + text.Length <= CharCapacity)
        {
            text.CopyTo(_chars!.AsSpan(_used));
            _stamps[slot] = _stamp;
            _hashes![slot] = hash;
            _places[slot] = (_used << 8) | text.Length;
            _used += text.Length;
            _entries++;
        }

        return true;
    }
}
