using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing;

/// <summary>
/// Which target served each conversation's last turn (<see cref="ConversationKey"/>), so the next turn goes there while it
/// is eligible and not saturated (its KV cache still holds the conversation). In memory, bounded
/// (<see cref="HybridRouterOptions.ConversationAffinityCapacity"/>: the entries closest to expiring go first) and expiring
/// (<see cref="HybridRouterOptions.ConversationAffinityDuration"/> after the last turn). Holds hashes and target indexes only.
/// </summary>
internal sealed class ConversationAffinity
{
    private readonly ConcurrentDictionary<ulong, Entry> _entries = new();
    private readonly object _trim = new();
    private readonly int _capacity;
    private readonly long _duration;
    private readonly TimeProvider _time;

    public ConversationAffinity(int capacity, TimeSpan duration, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
        _duration = duration <= TimeSpan.Zero ? 0 : (long)(duration.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Gets the number of conversations held (expired ones included until the next trim).</summary>
    public int Count => _entries.Count;

    private bool Enabled => _capacity > 0 && _duration > 0;

    /// <summary>The index of the target that served the conversation's last turn; -1 when none (new, expired or off).</summary>
    public int Find(ConversationKey key) =>
        Enabled && !key.IsNone && _entries.TryGetValue(key.Value, out var entry) && entry.Expires > _time.GetTimestamp() ? entry.Target : -1;

    /// <summary>Records that target <paramref name="target"/> served a turn of the conversation.</summary>
    public void Remember(ConversationKey key, int target)
    {
        if (!Enabled || key.IsNone)
        {
            return;
        }

        long now = _time.GetTimestamp();
        if (_entries.TryGetValue(key.Value, out var entry) && entry.Target == target)
        {
            entry.Expires = now + _duration; // the same target again (every turn of a conversation that stays): no lock, no allocation
            return;
        }

        _entries[key.Value] = new Entry(target, now + _duration);
        if (_entries.Count > _capacity)
        {
            Trim(now);
        }
    }

    /// <summary>Drops the expired entries, then, while still over capacity, those closest to expiring, down to nine tenths of it.</summary>
    private void Trim(long now)
    {
        lock (_trim)
        {
            if (_entries.Count <= _capacity)
            {
                return;
            }

            var live = new List<KeyValuePair<ulong, Entry>>(_entries.Count);
            foreach (var pair in _entries)
            {
                if (pair.Value.Expires <= now)
                {
                    _entries.TryRemove(pair);
                }
                else
                {
                    live.Add(pair);
                }
            }

            int keep = _capacity - (_capacity / 10);
            if (live.Count <= keep)
            {
                return;
            }

            live.Sort(static (a, b) => a.Value.Expires.CompareTo(b.Value.Expires));
            for (int i = 0; i < live.Count - keep; i++)
            {
                _entries.TryRemove(live[i]);
            }
        }
    }

    /// <summary>A conversation's target and when it expires; a later turn on the same target moves the expiry in place.</summary>
    private sealed class Entry(int target, long expires)
    {
        private long _expires = expires;

        public int Target { get; } = target;

        public long Expires
        {
            get => Volatile.Read(ref _expires);
            set => Volatile.Write(ref _expires, value);
        }
    }
}
