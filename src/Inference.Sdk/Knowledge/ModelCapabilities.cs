using System;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// What a target's model and engine can do beyond plain chat. A request that needs one (tools, a JSON schema, an image, a
/// reasoning effort) is sent only to targets that have it. Written in configuration as a list of names
/// (<c>"Capabilities": ["Tools", "StructuredOutput"]</c>, or <c>"Tools, StructuredOutput"</c>); <c>None</c> for plain chat only.
/// </summary>
[Flags]
public enum ModelCapabilities
{
    /// <summary>Plain chat only.</summary>
    None = 0,

    /// <summary>Tool (function) calls: the model is trained to call tools and the engine parses its calls (vLLM <c>--enable-auto-tool-choice</c>, llama.cpp <c>--jinja</c>).</summary>
    Tools = 1,

    /// <summary>Output constrained to JSON or a JSON schema (<c>response_format</c>).</summary>
    StructuredOutput = 2,

    /// <summary>Images in the messages: a vision model and an engine that serves its image encoder (llama.cpp <c>--mmproj</c>).</summary>
    Vision = 4,

    /// <summary>Reasoning (thinking) with an effort the request sets.</summary>
    Reasoning = 8,

    /// <summary>Every capability.</summary>
    All = Tools | StructuredOutput | Vision | Reasoning,
}
