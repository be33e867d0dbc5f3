using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;

namespace Inference.Sdk.Costs;

/// <summary>
/// Unique attempt ids without a call into the system's random source per request: a random 64-bit prefix drawn once per process,
/// then a counter. Two processes share a ledger (Redis) safely: their prefixes collide with probability 2^-64.
/// </summary>
internal static class AttemptIds
{
    private static readonly long Prefix = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));
    private static long _counter;

    /// <summary>Gets the next id of this process.</summary>
    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Prefix);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Interlocked.Increment(ref _counter));
        return new Guid(bytes);
    }

    /// <summary>Reads the counter of an id <see cref="Next"/> gave in this process.</summary>
    /// <param name="id">An attempt id.</param>
    /// <param name="counter">Its counter (from 1), when it is this process's.</param>
    /// <returns><see langword="true"/> when <paramref name="id"/> was made by <see cref="Next"/> in this process.</returns>
    public static bool TryGetCounter(Guid id, out long counter)
    {
        Span<byte> bytes = stackalloc byte[16];
        _ = id.TryWriteBytes(bytes);
        counter = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes) == Prefix && counter > 0;
    }
}
