using System;
using System.Text;
using System.Threading.Tasks;
using CsCheck;

namespace Inference.Sdk.Testing;

/// <summary>
/// Inputs for parser properties (CsCheck): arbitrary text, and valid documents mutated (truncated, characters flipped,
/// inserted or removed, spans repeated); <see cref="Holds"/> fails a property that hangs.
/// </summary>
internal static class Mutations
{
    /// <summary>The characters that matter to JSON, SSE and Prometheus text.</summary>
    public const string Structural = "{}[]\":,\\/*# \n\r\t0123456789.-+eE=datruefalsnNIf";

    /// <summary>Arbitrary text, biased towards <paramref name="interesting"/> characters.</summary>
    public static Gen<string> Text(string interesting = Structural) =>
        Gen.Frequency(
            (1, Gen.String),
            (3, Gen.Char[interesting].Array[0, 300].Select(chars => new string(chars))));

    /// <summary>One of <paramref name="seeds"/> with up to four random edits using <paramref name="interesting"/> characters.</summary>
    public static Gen<string> Of(string interesting, params string[] seeds) =>
        Gen.Select(Gen.OneOfConst(seeds), Gen.Int[0, 4].Array[1, 4], Gen.Int[0, int.MaxValue].Array[4], Gen.Char[interesting],
            (seed, ops, positions, c) =>
            {
                var text = new StringBuilder(seed);
                for (int k = 0; k < ops.Length; k++)
                {
                    int at = text.Length == 0 ? 0 : positions[k] % text.Length;
                    int span = Math.Min(text.Length - at, 1 + (positions[(k + 1) % positions.Length] % 32));
                    switch (ops[k])
                    {
                        case 0: text.Length = at; break;
                        case 1 when text.Length > 0: text[at] = c; break;
                        case 2: text.Insert(at, c); break;
                        case 3: text.Remove(at, span); break;
                        default: text.Insert(at, text.ToString(at, span)); break;
                    }
                }

                return text.ToString();
            });

    /// <summary>Runs <paramref name="property"/> on <paramref name="iterations"/> samples; a run longer than <paramref name="seconds"/> is a hang.</summary>
    public static void Holds(Gen<string> gen, Action<string> property, long iterations = 5_000, int seconds = 120)
    {
        var run = Task.Run(() => gen.Sample(property, iter: iterations, threads: 1));
        if (!run.Wait(TimeSpan.FromSeconds(seconds)))
        {
            throw new TimeoutException($"The property did not finish {iterations} samples within {seconds} s: a parser hangs.");
        }
    }
}
