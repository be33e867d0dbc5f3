namespace Inference.Sdk.Knowledge;

/// <summary>A model family: chooses the tokenizer used to count tokens for a model.</summary>
public enum ModelFamily
{
    /// <summary>Any other model: counted with a generic BPE tokenizer.</summary>
    Generic,

    /// <summary>Llama 2 (SentencePiece, 32K vocabulary).</summary>
    Llama2,

    /// <summary>Llama 3.x (tiktoken-style BPE, 128K vocabulary).</summary>
    Llama3,

    /// <summary>Qwen (Qwen2.5, Qwen3, Qwen3.5).</summary>
    Qwen,

    /// <summary>DeepSeek.</summary>
    DeepSeek,

    /// <summary>Moonshot Kimi.</summary>
    Kimi,

    /// <summary>NVIDIA Nemotron.</summary>
    Nemotron,
}
