using System;
using System.Collections.Generic;

namespace Inference.Sdk.Tokens;

/// <summary>
/// How many tokens an image costs on one target, applied to the image's size (an image whose size is unknown counts as
/// 1024 × 1024). Two numbers, because a hosted API bills an image differently from what it takes of the context:
/// <see cref="ForContext"/> is what the model's context holds (the tiling rule of its vision encoder, or the configured
/// tokens per image), read by the planner's context-window check; <see cref="ForBilling"/> is what a hosted API bills (a
/// per-model multiplier on top), read by the cost meter's estimate when no usage came back.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>OpenAI tiles (gpt-4o, gpt-4.1, gpt-4.5, gpt-4-turbo; o1 and o3 at 75 + 150 per tile): fit within 2048 × 2048, scale the
/// shortest side down to 768, then 85 plus 170 per 512-pixel tile; low detail is the base alone (OpenAI's vision guide,
/// https://platform.openai.com/docs/guides/images-vision, "Calculating costs"). gpt-4o-mini is billed at 2,833 + 5,667 per tile
/// (same page: 33⅓ times gpt-4o's, so an image costs the same in dollars on both); its context holds gpt-4o's 85 + 170 per tile
/// (the multiplier is a price, not more image embeddings).</item>
/// <item>OpenAI patches (gpt-4.1-mini ×1.62, gpt-4.1-nano ×2.46, o4-mini ×1.72, gpt-5-mini ×1.62, gpt-5-nano ×2.46): 32-pixel
/// patches, scaled down to at most 1,536; the context holds the patches, the bill is the patches times the model's multiplier
/// (same guide: "multiply by the multiplier to get the total tokens billed").</item>
/// <item>Qwen2-VL and Qwen2.5-VL: one token per 28 × 28 pixels after rounding each side to a multiple of 28, between 3,136 and
/// 12,845,056 pixels (14-pixel patches merged 2 × 2: the models' <c>preprocessor_config.json</c> and transformers'
/// <c>Qwen2VLImageProcessor.smart_resize</c>; llama.cpp's mtmd counts the same, <c>(nx / patch_size / 2) × (ny / patch_size / 2)</c>
/// in <c>clip_n_output_tokens</c>, ggml-org/llama.cpp <c>tools/mtmd/clip.cpp</c>).</item>
/// <item>Gemma 3: 256 tokens per image (the Gemma 3 technical report; llama.cpp's mtmd pools a Gemma 3 image to a fixed count).</item>
/// <item>Anything else: the OpenAI tile rule (85 + 170 per tile), a middle estimate; set <c>RouteTarget.TokensPerImage</c> to what
/// the engine puts in the context (llama.cpp's mtmd computes it per projector in <c>clip_n_output_tokens</c>: for example 576 for
/// LLaVA 1.5's 336-pixel CLIP, 64 for a MobileVLM LDP projector).</item>
/// </list>
/// A self-hosted engine bills nothing per image token beyond what its context holds, so <see cref="ForBilling"/> of a target that
/// is not a hosted API is its context rule.
/// </remarks>
internal sealed class ImageTokenRule
{
    private const int UnknownSide = 1024;

    private static readonly ImageTokenRule OpenAiTiles = new(Kind.Tiles, 85, 170, 1);
    private static readonly ImageTokenRule OSeriesTiles = new(Kind.Tiles, 75, 150, 1);
    private static readonly ImageTokenRule MiniTiles = new(Kind.Tiles, 2833, 5667, 1);
    private static readonly ImageTokenRule Patches = new(Kind.Patches, 0, 0, 1);
    private static readonly ImageTokenRule Qwen = new(Kind.Qwen, 0, 0, 1);
    private static readonly ImageTokenRule Gemma3 = new(Kind.Fixed, 256, 0, 1);

    private readonly Kind _kind;
    private readonly int _base;
    private readonly int _perUnit;
    private readonly double _multiplier;

    private ImageTokenRule(Kind kind, int baseTokens, int perUnit, double multiplier)
    {
        _kind = kind;
        _base = baseTokens;
        _perUnit = perUnit;
        _multiplier = multiplier;
    }

    private enum Kind
    {
        Fixed,
        Tiles,
        Patches,
        Qwen,
    }

    /// <summary>Picks the rule for what an image takes of a target's context window.</summary>
    /// <param name="modelId">The target's model id.</param>
    /// <param name="tokensPerImage">The configured tokens per image, which wins.</param>
    /// <returns>The rule.</returns>
    public static ImageTokenRule ForContext(string? modelId, int? tokensPerImage)
    {
        if (tokensPerImage is { } fixedTokens)
        {
            return new ImageTokenRule(Kind.Fixed, fixedTokens, 0, 1);
        }

        var id = ModelName(modelId);
        return id switch
        {
            _ when IsPatchModel(id, out _) => Patches,
            _ when Starts(id, "o1") || Starts(id, "o3") => OSeriesTiles,
            _ when Contains(id, "qwen2-vl") || Contains(id, "qwen2.5-vl") || Contains(id, "qwen2_5_vl") => Qwen,
            _ when Contains(id, "gemma-3") || Contains(id, "gemma3") => Gemma3,
            _ => OpenAiTiles, // gpt-4o-mini included: its 2,833 + 5,667 is a price (ForBilling)
        };
    }

    /// <summary>Picks the rule for the image tokens a target bills (the cost meter's estimate when no usage came back).</summary>
    /// <param name="modelId">The target's model id.</param>
    /// <param name="hostedApi">Whether the target is a hosted API, which bills images at its per-model rate; otherwise the context rule.</param>
    /// <param name="tokensPerImage">The configured tokens per image (a self-hosted target's context rule).</param>
    /// <returns>The rule.</returns>
    public static ImageTokenRule ForBilling(string? modelId, bool hostedApi, int? tokensPerImage = null)
    {
        if (!hostedApi)
        {
            return ForContext(modelId, tokensPerImage);
        }

        var id = ModelName(modelId);
        return id switch
        {
            _ when IsPatchModel(id, out double multiplier) => new ImageTokenRule(Kind.Patches, 0, 0, multiplier),
            _ when Starts(id, "gpt-4o-mini") => MiniTiles,
            _ => ForContext(modelId, null),
        };
    }

    /// <summary>Gets the tokens of the images.</summary>
    /// <param name="images">The images.</param>
    /// <returns>The tokens.</returns>
    public long Estimate(IReadOnlyList<ImageInput> images)
    {
        long total = 0;
        for (int i = 0; i < images.Count; i++)
        {
            total += Estimate(images[i]);
        }

        return total;
    }

    /// <summary>Gets the tokens of one image.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The tokens.</returns>
    public int Estimate(ImageInput image)
    {
        double w = image.HasSize ? image.Width : UnknownSide;
        double h = image.HasSize ? image.Height : UnknownSide;
        switch (_kind)
        {
            case Kind.Fixed:
                return _base;
            case Kind.Tiles:
                if (image.LowDetail)
                {
                    return _base;
                }

                double fit = Math.Min(1, 2048 / Math.Max(w, h));
                (w, h) = (w * fit, h * fit);
                double shortest = Math.Min(1, 768 / Math.Min(w, h));
                (w, h) = (w * shortest, h * shortest);
                return _base + (_perUnit * (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512)));
            case Kind.Patches:
                double patches = Math.Ceiling(w / 32) * Math.Ceiling(h / 32);
                if (patches > 1536)
                {
                    // Shrink to 1,536 patches' area, then once more so the width is a whole number of patches (OpenAI's worked example).
                    double across = Math.Floor(w * Math.Sqrt(1536 * 32.0 * 32.0 / (w * h)) / 32);
                    patches = Math.Min(1536, across * Math.Ceiling(h * across / w));
                }

                return (int)Math.Ceiling(patches * _multiplier);
            default:
                double rw = Math.Max(28, Math.Round(w / 28) * 28), rh = Math.Max(28, Math.Round(h / 28) * 28);
                double pixels = rw * rh;
                if (pixels > 12_845_056 || pixels < 3_136)
                {
                    double scale = Math.Sqrt((pixels > 12_845_056 ? 12_845_056 : 3_136) / pixels);
                    rw = Math.Max(28, Math.Floor(rw * scale / 28) * 28);
                    rh = Math.Max(28, Math.Floor(rh * scale / 28) * 28);
                }

                return (int)(rw / 28 * (rh / 28));
        }
    }

    private static ReadOnlySpan<char> ModelName(string? modelId)
    {
        ReadOnlySpan<char> id = modelId;
        int slash = id.LastIndexOf('/');
        return slash >= 0 ? id[(slash + 1)..] : id;
    }

    /// <summary>Whether the model counts an image in 32-pixel patches, and its billing multiplier.</summary>
    private static bool IsPatchModel(ReadOnlySpan<char> id, out double multiplier)
    {
        multiplier = id switch
        {
            _ when Starts(id, "gpt-4.1-mini") || Starts(id, "gpt-5-mini") => 1.62,
            _ when Starts(id, "gpt-4.1-nano") || Starts(id, "gpt-5-nano") => 2.46,
            _ when Starts(id, "o4-mini") => 1.72,
            _ => 0,
        };
        return multiplier > 0;
    }

    private static bool Starts(ReadOnlySpan<char> id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(ReadOnlySpan<char> id, string part) => id.Contains(part, StringComparison.OrdinalIgnoreCase);
}
