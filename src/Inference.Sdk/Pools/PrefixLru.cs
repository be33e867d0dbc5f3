using System;
using System.Collections.Generic;

namespace Inference.Sdk.Pools;

/// <summary>
/// The prefix hashes one endpoint was last sent, most recent first, bounded: at <see cref="Capacity"/> the least recently sent
/// is forgotten, as the engine's own cache forgets it. An entry is <em>owned</em> when the endpoint was picked for it by
/// affinity or load, <em>borrowed</em> when it only took the request while the endpoint that owns the prefix was out; owned
/// wins over borrowed, so a conversation goes back home when its endpoint recovers. Thread-safe (one lock, no allocation
/// after the arrays fill).
/// </summary>
internal sealed class PrefixLru
{
    private const int None = -1;

    private readonly Dictionary<ulong, int> _slots;
    private readonly ulong[] _keys;
    private readonly bool[] _borrowed;
    private readonly int[] _previous;
    private readonly int[] _next;
    private readonly object _gate = new();
    private int _head = None;
    private int _tail = None;
    private int _count;

    public PrefixLru(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _slots = new Dictionary<ulong, int>(capacity);
        _keys = new ulong[capacity];
        _borrowed = new bool[capacity];
        _previous = new int[capacity];
        _next = new int[capacity];
    }

    /// <summary>Gets the most hashes remembered.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many hashes are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>
    /// The longest prefix of <paramref name="chain"/> remembered: <paramref name="owned"/> counts blocks up to the deepest owned
    /// entry, <paramref name="any"/> up to the deepest entry of either kind. Reading does not refresh recency.
    /// </summary>
    public void Match(ReadOnlySpan<ulong> chain, out int owned, out int any)
    {
        owned = 0;
        any = 0;
        lock (_gate)
        {
            for (int i = chain.Length - 1; i >= 0; i--)
            {
                if (_slots.TryGetValue(chain[i], out int slot))
                {
                    if (any == 0)
                    {
                        any = i + 1;
                    }

                    if (!_borrowed[slot])
                    {
                        owned = i + 1;
                        return;
                    }
                }
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is remembered, and whether as borrowed.</summary>
    public bool Contains(ulong key, out bool borrowed)
    {
        lock (_gate)
        {
            bool found = _slots.TryGetValue(key, out int slot);
            borrowed = found && _borrowed[slot];
            return found;
        }
    }

    /// <summary>Remembers every hash of <paramref name="chain"/> (and <paramref name="extra"/>, when not 0) as the most recently sent.</summary>
    /// <param name="chain">The prefix-hash chain sent.</param>
    /// <param name="extra">A conversation key, or 0 for none.</param>
    /// <param name="borrowed">Whether the endpoint only stands in for the one that owns the prefix; an owned entry stays owned.</param>
    public void Remember(ReadOnlySpan<ulong> chain, ulong extra, bool borrowed)
    {
        lock (_gate)
        {
            foreach (ulong key in chain)
            {
                Touch(key, borrowed);
            }

            if (extra != 0)
            {
                Touch(extra, borrowed);
            }
        }
    }

    /// <summary>Forgets everything (the endpoint restarted, or left the pool).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _slots.Clear();
            _head = _tail = None;
            _count = 0;
        }
    }

    private void Touch(ulong key, bool borrowed)
    {
        if (_slots.TryGetValue(key, out int slot))
        {
            _borrowed[slot] &= borrowed;
            Unlink(slot);
        }
        else
        {
            if (_count < Capacity)
            {
                slot = _count++;
            }
            else
            {
                slot = _tail;
                Unlink(slot);
                _slots.Remove(_keys[slot]);
            }

            _keys[slot] = key;
            _borrowed[slot] = borrowed;
            _slots[key] = slot;
        }

        // Link at the head (most recent).
        _previous[slot] = None;
        _next[slot] = _head;
        if (_head != None)
        {
            _previous[_head] = slot;
        }

        _head = slot;
        if (_tail == None)
        {
            _tail = slot;
        }
    }

    private void Unlink(int slot)
    {
        int previous = _previous[slot];
        int next = _next[slot];
        if (previous != None)
        {
            _next[previous] = next;
        }
        else
        {
            _head = next;
        }

        if (next != None)
        {
            _previous[next] = previous;
        }
        else
        {
            _tail = previous;
        }
    }
}
