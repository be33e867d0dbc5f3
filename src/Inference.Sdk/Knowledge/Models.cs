using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>The model catalog, keyed by Hugging Face id (case-insensitive).</summary>
public static class Models
{
    private const string Seed = "'Cloud vs Iron' seed (2026)";
    private const string MetaCard = "Meta model card / config.json";

    private static readonly ModelSpec[] Catalog =
    [
        new(ModelIds.Llama33_70B, "Llama-3.3-70B", ModelFamily.Llama3, 70.6, 70.6, 131_072, 80, 8, 128, MetaCard),
        new(ModelIds.Llama31_8B, "Llama-3.1-8B", ModelFamily.Llama3, 8.03, 8.03, 131_072, 32, 8, 128, MetaCard),
        new(ModelIds.Llama31_405B, "Llama-3.1-405B", ModelFamily.Llama3, 405.9, 405.9, 131_072, 126, 8, 128, MetaCard),
        // Qwen3.5 MoE: 3 Gated DeltaNet (linear attention, fixed-size state) layers per full-attention layer, so the
        // per-token KV cache is not the GQA formula over all layers; left unsized rather than overstated.
        new(ModelIds.Qwen35_35B_A3B, "Qwen3.5-35B-A3B", ModelFamily.Qwen, 35, 3, 262_144, null, null, null,
            Seed + "; hybrid Gated DeltaNet/attention per the Qwen3.5 MoE docs"),
        new(ModelIds.Qwen3Coder_30B_A3B, "Qwen3-Coder-30B-A3B", ModelFamily.Qwen, 30.5, 3.3, 262_144, 48, 4, 128,
            Seed + " (30B/3B, 256K); Qwen config.json (48 layers, 4 KV heads, head dim 128)"),
        new(ModelIds.Qwen35_122B_A10B, "Qwen3.5-122B-A10B", ModelFamily.Qwen, 122, 10, 131_072, null, null, null,
            Seed + " (128K context); hybrid Gated DeltaNet/attention"),
        new(ModelIds.Nemotron30B, "Nemotron-30B (Omni)", ModelFamily.Nemotron, 30, 3, 1_048_576, null, null, null,
            Seed + " (30B/3B, 1M context); Mamba2 hybrid: few attention layers"),
        new(ModelIds.DeepSeekV4Pro, "DeepSeek V4 Pro", ModelFamily.DeepSeek, 1_600, 49, 1_048_576, null, null, null,
            "DeepSeek-V4 model card (Apr 2026): 1.6T/49B, 1M context, compressed hybrid attention; the seed says only 'Large MoE'"),
        new(ModelIds.KimiK26, "Kimi K2.6", ModelFamily.Kimi, 1_000, 32, 262_144, null, null, null,
            "Moonshot Kimi-K2.6 model card: 1T/32B, 61 layers, MLA (latent KV cache), 256K context; the seed says only 'MoE'"),
        new(ModelIds.Generic7B, "Llama-2-7B", ModelFamily.Llama2, 6.74, 6.74, 4_096, 32, 32, 128, MetaCard),
        new(ModelIds.Generic13B, "Llama-2-13B", ModelFamily.Llama2, 13.0, 13.0, 4_096, 40, 40, 128, MetaCard),
    ];

    private static readonly Dictionary<string, ModelSpec> ById = CreateIndex();

    /// <summary>Gets every model in the catalog.</summary>
    public static IReadOnlyList<ModelSpec> All { get; } = Array.AsReadOnly(Catalog);

    /// <summary>Gets a model by its Hugging Face id (case-insensitive).</summary>
    /// <param name="id">The Hugging Face id, e.g. <see cref="ModelIds.Llama33_70B"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the catalog.</exception>
    public static ModelSpec Get(string id)
    {
        _ = Guard.NotNull(id, nameof(id));
        return TryGet(id, out ModelSpec? model)
            ? model
            : throw new ArgumentException("Unknown model id '" + id + "'. Known ids are listed in ModelIds.", nameof(id));
    }

    /// <summary>
    /// Looks a model up, ignoring case, by its Hugging Face id, that id without the organization
    /// ("Llama-3.3-70B-Instruct"), a sibling checkpoint with the same architecture ("meta-llama/Llama-3.1-8B",
    /// "meta-llama/Llama-2-13b-chat-hf") or an Ollama tag ("llama3.1:8b", "qwen3-coder:30b").
    /// </summary>
    /// <param name="id">The id or alias.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns><see langword="true"/> when the id is in the catalog.</returns>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? model)
    {
        model = null;
        return id is not null && ById.TryGetValue(id.Trim(), out model);
    }

    private static Dictionary<string, ModelSpec> CreateIndex()
    {
        var index = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (ModelSpec model in Catalog)
        {
            index.Add(model.Id, model);
            index.Add(model.Id.Substring(model.Id.IndexOf('/') + 1), model);
        }

        Alias(index, ModelIds.Llama33_70B, "llama3.3", "llama3.3:70b");
        Alias(index, ModelIds.Llama31_8B, "meta-llama/Llama-3.1-8B", "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama3.1", "llama3.1:8b");
        Alias(index, ModelIds.Llama31_405B, "meta-llama/Llama-3.1-405B", "meta-llama/Meta-Llama-3.1-405B-Instruct", "llama3.1:405b");
        Alias(index, ModelIds.Qwen3Coder_30B_A3B, "qwen3-coder", "qwen3-coder:30b");
        Alias(index, ModelIds.Generic7B, "meta-llama/Llama-2-7b-chat-hf", "llama2", "llama2:7b");
        Alias(index, ModelIds.Generic13B, "meta-llama/Llama-2-13b-chat-hf", "llama2:13b");
        return index;
    }

    private static void Alias(Dictionary<string, ModelSpec> index, string id, params string[] aliases)
    {
        foreach (string alias in aliases)
        {
            index.Add(alias, index[id]);
        }
    }
}
