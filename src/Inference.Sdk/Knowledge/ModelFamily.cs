namespace Inference.Sdk.Knowledge;

/// <summary>A model family (the vendor's line of models): chooses the tokenizer used to count tokens for a model.</summary>
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

    /// <summary>Llama 4 (Scout, Maverick).</summary>
    Llama4,

    /// <summary>Mistral AI (Mistral, Mixtral, Magistral, Devstral, Codestral).</summary>
    Mistral,

    /// <summary>Google Gemma.</summary>
    Gemma,

    /// <summary>Microsoft Phi.</summary>
    Phi,

    /// <summary>OpenAI gpt-oss (o200k_harmony).</summary>
    GptOss,

    /// <summary>Z.ai GLM.</summary>
    Glm,

    /// <summary>IBM Granite.</summary>
    Granite,

    /// <summary>Cohere Command R and Command A.</summary>
    Cohere,

    /// <summary>MiniMax.</summary>
    MiniMax,
}
