namespace Inference.Sdk.Knowledge;

/// <summary>An inference engine (serving runtime) a target runs.</summary>
public enum EngineKind
{
    /// <summary>vLLM OpenAI-compatible server (<c>vllm serve</c>), default port 8000.</summary>
    Vllm,

    /// <summary>SGLang server, default port 30000.</summary>
    Sglang,

    /// <summary>Hugging Face Text Generation Inference (maintenance mode).</summary>
    Tgi,

    /// <summary>llama.cpp <c>llama-server</c>, default port 8080.</summary>
    LlamaCpp,

    /// <summary>Ollama, default port 11434.</summary>
    Ollama,

    /// <summary>NVIDIA TensorRT-LLM <c>trtllm-serve</c>, default port 8000.</summary>
    TensorRtLlm,

    /// <summary>A hosted API that speaks the OpenAI chat completions protocol; the engine behind it is not ours to know.</summary>
    OpenAICompatible,
}
