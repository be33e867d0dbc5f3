using System;
using System.Threading.Tasks;

namespace Inference.Sdk.Testing;

/// <summary>Waits for a background monitor to make a condition true; fails with what was last seen, never asserts on elapsed time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value, or fails after <paramref name="within"/> (default 20 s) with the last value.</summary>
    public static async Task<T> HoldsAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        DateTime deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            T value = read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Never saw {what}; last: {value}");
            }

            await Task.Delay(20);
        }
    }
}
