using System;
using System.Buffers;
using System.Collections.Generic;

namespace Inference.Sdk.Requests;

/// <summary>The findings of one scan: a candidate that overlaps an earlier finding is refused, so findings never overlap.</summary>
internal ref struct FindingSet
{
    private Span<PiiFinding> _items;
    private PiiFinding[]? _rented;
    private int _count;

    public FindingSet(Span<PiiFinding> initial)
    {
        _items = initial;
        _rented = null;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Adds a finding unless it overlaps one already found.</summary>
    /// <returns><see langword="true"/> when added.</returns>
    public bool TryAdd(PiiKind kind, int start, int length)
    {
        for (int i = 0; i < _count; i++)
        {
            var f = _items[i];
            if (start < f.Start + f.Length && f.Start < start + length)
            {
                return false;
            }
        }

        if (_count == _items.Length)
        {
            var bigger = ArrayPool<PiiFinding>.Shared.Rent(_items.Length * 2);
            _items.CopyTo(bigger);
            if (_rented is not null)
            {
                ArrayPool<PiiFinding>.Shared.Return(_rented);
            }

            _rented = bigger;
            _items = bigger;
        }

        _items[_count++] = new PiiFinding(kind, start, length);
        return true;
    }

    public readonly void CopyTo(ICollection<PiiFinding> findings)
    {
        for (int i = 0; i < _count; i++)
        {
            findings.Add(_items[i]);
        }
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<PiiFinding>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
