using System;
using System.Text;
using CsCheck;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Inputs for parser properties: arbitrary text, and valid documents mutated (truncated, bytes flipped, spans cut or repeated).</summary>
internal static class Mutations
{
    private const string Interesting = "{}[]\":,\\ \n\r\t0123456789.-+eE#{=}naNInf";

    /// <summary>Arbitrary text biased towards the characters that matter to JSON and Prometheus text.</summary>
    public static readonly Gen<string> Text =
        Gen.Frequency(
            (1, Gen.String),
            (3, Gen.Char[Interesting].Array[0, 200].Select(chars => new string(chars))));

    /// <summary>One of <paramref name="seeds"/> with up to four random edits.</summary>
    public static Gen<string> Of(params string[] seeds) =>
        Gen.Select(Gen.OneOfConst(seeds), Gen.Int[0, 3].Array[1, 4], Gen.Int[0, int.MaxValue].Array[4], Gen.Char[Interesting],
            (seed, ops, positions, c) =>
            {
                var text = new StringBuilder(seed);
                for (int k = 0; k < ops.Length; k++)
                {
                    int at = text.Length == 0 ? 0 : positions[k] % text.Length;
                    switch (ops[k])
                    {
                        case 0: text.Length = at; break; // truncate
                        case 1 when text.Length > 0: text[at] = c; break; // flip
                        case 2: text.Insert(at, c); break; // insert
                        default: // repeat a span
                            int length = Math.Min(text.Length - at, 1 + (positions[(k + 1) % positions.Length] % 16));
                            text.Insert(at, text.ToString(at, length));
                            break;
                    }
                }

                return text.ToString();
            });

    /// <summary>Runs <paramref name="property"/> on <paramref name="gen"/> and fails if it does not finish within <paramref name="seconds"/> (a hang).</summary>
    public static void Holds(Gen<string> gen, Action<string> property, long iterations = 5_000, int seconds = 60)
    {
        var run = System.Threading.Tasks.Task.Run(() => gen.Sample(property, iter: iterations, threads: 1));
        if (!run.Wait(TimeSpan.FromSeconds(seconds)))
        {
            throw new TimeoutException($"The property did not finish {iterations} samples within {seconds} s: a parser hangs.");
        }
    }
}
