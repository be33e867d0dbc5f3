using System;
using System.Text.Json;

namespace Inference.Sdk.Engines;

/// <summary>
/// Derives KV-cache occupancy from llama.cpp's <c>GET /slots</c> where <c>/metrics</c> carries no KV gauge: the tokens held by
/// the slots that are processing (<c>n_prompt_tokens</c> plus <c>next_token.n_decoded</c>, each capped at the slot's
/// <c>n_ctx</c>) over the context of all slots. <c>next_token</c> is an object in the README and older builds and an array
/// of one object in current builds; both are read. Pure.
/// </summary>
internal static class SlotOccupancy
{
    /// <summary>The occupancy in [0, 1], or <see langword="null"/> when the answer is not a list of slots with a context size.</summary>
    public static double? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte})"/>
    public static double? Read(JsonElement slots)
    {
        if (slots.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        double context = 0, used = 0;
        foreach (JsonElement slot in slots.EnumerateArray())
        {
            if (Number(slot, "n_ctx") is not double nCtx || nCtx <= 0)
            {
                continue;
            }

            context += nCtx;
            if (slot.TryGetProperty("is_processing", out JsonElement processing) && processing.ValueKind == JsonValueKind.True)
            {
                double tokens = (Number(slot, "n_prompt_tokens") ?? 0) + (Decoded(slot) ?? 0);
                used += Math.Min(Math.Max(tokens, 0), nCtx);
            }
        }

        return context > 0 ? used / context : null;
    }

    private static double? Decoded(JsonElement slot)
    {
        if (!slot.TryGetProperty("next_token", out JsonElement next))
        {
            return null;
        }

        if (next.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in next.EnumerateArray())
            {
                return Number(item, "n_decoded");
            }

            return null;
        }

        return Number(next, "n_decoded");
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetDouble(out double number) && double.IsFinite(number)
            ? number
            : null;
}
