using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The model catalog: open-weight models people serve (Llama, Qwen, DeepSeek, Mistral, Gemma, Phi, gpt-oss, Kimi, GLM,
/// Granite, Command R, Nemotron, MiniMax), found by Hugging Face id, Ollama tag or GGUF file name.
/// </summary>
public static class Models
{
    private static readonly ModelSpec[] Catalog = ModelCatalog.Create();

    private static readonly Dictionary<string, ModelSpec> ByKey = CreateIndex(Catalog);

    /// <summary>Gets every model in the catalog.</summary>
    public static IReadOnlyList<ModelSpec> All { get; } = Array.AsReadOnly(Catalog);

    /// <summary>Gets a model by its Hugging Face id or another name <see cref="TryGet(string?, out ModelSpec?)"/> accepts.</summary>
    /// <param name="id">The Hugging Face id, e.g. <see cref="ModelIds.Llama33_70B"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the catalog.</exception>
    public static ModelSpec Get(string id)
    {
        _ = Guard.NotNull(id, nameof(id));
        return TryGet(id, out ModelSpec? model)
            ? model
            : throw new ArgumentException("Unknown model id '" + id + "'. Describe it under Inference:Models:{id}, or use an id listed in Models.All.", nameof(id));
    }

    /// <summary>
    /// Looks a model up, ignoring case and punctuation, by its Hugging Face id, that id without the organization
    /// ("Llama-3.3-70B-Instruct"), an alias (Ollama tag "llama3.1:8b", a sibling checkpoint "meta-llama/Llama-3.1-8B"),
    /// a quantized repackaging ("Qwen/Qwen3-32B-AWQ", "RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic") or a GGUF file or
    /// repository name ("Qwen3-30B-A3B-Q4_K_M.gguf", "unsloth/Qwen3-30B-A3B-GGUF", "hf.co/bartowski/google_gemma-3-27b-it-GGUF:Q4_K_M").
    /// </summary>
    /// <param name="id">The id or alias.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns><see langword="true"/> when the id is in the catalog.</returns>
    public static bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? model)
        => TryFind(ByKey, id, out model);

    /// <summary>
    /// Looks a model up among <paramref name="described"/> models first (the ones a user describes in configuration, which win
    /// over the catalog), then in the catalog.
    /// </summary>
    /// <param name="id">The id or alias.</param>
    /// <param name="described">Models described by the user; <see langword="null"/> or empty for the catalog alone.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns><see langword="true"/> when the id names a described or a catalog model.</returns>
    public static bool TryGet(string? id, IEnumerable<ModelSpec>? described, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? model)
    {
        if (described is not null && id is not null)
        {
            var own = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
            foreach (ModelSpec spec in described)
            {
                AddKeys(own, spec, replace: true);
            }

            if (TryFind(own, id, out model))
            {
                return true;
            }
        }

        return TryGet(id, out model);
    }

    /// <summary>The lookup keys a name can stand for, most specific first: the name, then without its organization and packaging.</summary>
    internal static IEnumerable<string> Keys(string name)
    {
        string text = name.Trim();
        foreach (string prefix in new[] { "hf.co/", "huggingface.co/", "https://huggingface.co/" })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(prefix.Length);
            }
        }

        if (text.EndsWith(":latest", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(0, text.Length - ":latest".Length);
        }

        yield return Names.Key(text);

        // A path or a repository: the last segment, and for a GGUF repository "org/Name-GGUF:Q4_K_M" the bare name.
        string file = text.Substring(text.LastIndexOfAny(['/', '\\']) + 1);
        bool gguf = file.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
        if (gguf)
        {
            file = file.Substring(0, file.Length - ".gguf".Length);
        }
        else if (text.IndexOf('/') >= 0 && file.IndexOf(':') > 0 && file.IndexOf("-gguf", StringComparison.OrdinalIgnoreCase) > 0)
        {
            file = file.Substring(0, file.IndexOf(':'));
        }

        if (!string.Equals(file, text, StringComparison.Ordinal))
        {
            yield return Names.Key(file);
        }

        string bare = StripPackaging(file);
        if (!string.Equals(bare, file, StringComparison.Ordinal))
        {
            yield return Names.Key(bare);

            // bartowski and lmstudio-community name files "{org}_{model}": drop the organization.
            int underscore = bare.IndexOf('_');
            if (underscore > 0)
            {
                yield return Names.Key(bare.Substring(underscore + 1));
            }
        }
    }

    /// <summary>Looks <paramref name="id"/> up in an index made by <see cref="CreateIndex"/>, by each of its <see cref="Keys"/> in turn.</summary>
    internal static bool TryFind(Dictionary<string, ModelSpec> index, string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelSpec? model)
    {
        model = null;
        if (id is null || id.Trim().Length == 0)
        {
            return false;
        }

        foreach (string key in Keys(id))
        {
            if (key.Length > 0 && index.TryGetValue(key, out model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops what repackaging adds to a name: shard numbers, a GGUF quantization, "-GGUF", quantization suffixes.</summary>
    private static string StripPackaging(string name)
    {
        string text = name;
        for (int pass = 0; pass < 4; pass++)
        {
            int cut = -1;
            for (int i = text.Length - 1; i > 0; i--)
            {
                if (text[i] is '-' or '.' or '_' && IsPackagingToken(text.Substring(i + 1)))
                {
                    cut = i;
                    break;
                }

                if (text[i] is '-' or '.')
                {
                    break;
                }
            }

            if (cut < 0)
            {
                break;
            }

            text = text.Substring(0, cut);
        }

        return text;
    }

    private static bool IsPackagingToken(string token)
    {
        string t = token.ToUpperInvariant();
        if (t.Length == 0)
        {
            return false;
        }

        // GGUF quantizations (Q4_K_M, IQ4_XS, Q8_0, F16, BF16, UD-Q4_K_XL), shard markers (00001-of-00003), MLX and bitsandbytes sizes.
        if ((t[0] == 'Q' || (t.StartsWith("IQ", StringComparison.Ordinal) && t.Length > 2)) && t.Length > 1 && char.IsDigit(t[t[0] == 'Q' ? 1 : 2]))
        {
            return true;
        }

        switch (t)
        {
            case "GGUF": case "F16": case "BF16": case "F32": case "FP16": case "UD": case "I1": case "IMAT": case "MLX":
            case "AWQ": case "GPTQ": case "FP8": case "FP4": case "NVFP4": case "MXFP4": case "INT4": case "INT8": case "W4A16": case "W8A8":
            case "W8A16": case "DYNAMIC": case "OF": case "4BIT": case "8BIT": case "BNB": case "INT4-INT8MIX": case "INT4INT8MIX":
                return true;
        }

        return t.StartsWith("000", StringComparison.Ordinal) // 00001-of-00003
            || (t.StartsWith("OF", StringComparison.Ordinal) && t.Length > 2 && char.IsDigit(t[2]))
            || t.StartsWith("GPTQ", StringComparison.Ordinal) || t.StartsWith("AWQ", StringComparison.Ordinal);
    }

    /// <summary>The lookup index of a catalog: every name of every model, normalized; a name that stands for two models is an error.</summary>
    internal static Dictionary<string, ModelSpec> CreateIndex(ModelSpec[] catalog)
    {
        var index = new Dictionary<string, ModelSpec>(StringComparer.Ordinal);
        foreach (ModelSpec model in catalog)
        {
            AddKeys(index, model, replace: false);
        }

        return index;
    }

    private static void AddKeys(Dictionary<string, ModelSpec> index, ModelSpec model, bool replace)
    {
        Add(index, Names.Key(model.Id), model, replace);
        Add(index, Names.Key(model.Id.Substring(model.Id.IndexOf('/') + 1)), model, replace);
        foreach (string alias in model.Aliases)
        {
            Add(index, Names.Key(alias), model, replace);
            if (alias.IndexOf('/') > 0)
            {
                Add(index, Names.Key(alias.Substring(alias.IndexOf('/') + 1)), model, replace);
            }
        }
    }

    private static void Add(Dictionary<string, ModelSpec> index, string key, ModelSpec model, bool replace)
    {
        if (index.TryGetValue(key, out ModelSpec? existing) && !replace && !ReferenceEquals(existing, model))
        {
            throw new InvalidOperationException("Model catalog: the name '" + key + "' stands for both " + existing.Id + " and " + model.Id + ".");
        }

        index[key] = model;
    }
}
