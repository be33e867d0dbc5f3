namespace Inference.Sdk.Engines;

/// <summary>What an engine's health endpoint said.</summary>
public enum EngineHealth
{
    /// <summary>The engine has no health endpoint the probe knows (a hosted OpenAI-compatible API).</summary>
    Unknown,

    /// <summary>The health endpoint answered 2xx.</summary>
    Healthy,

    /// <summary>The engine is up but still loading its model (llama.cpp 503 "Loading model").</summary>
    Loading,

    /// <summary>The health endpoint answered an error (vLLM 503 after an engine death, TGI 503 "unhealthy").</summary>
    Unhealthy,

    /// <summary>The engine could not be reached or did not answer in time.</summary>
    Unreachable,
}
