using System;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>Internal signal: a job's output is vLLM's own error answer, which the transport hands to the SDK as that HTTP answer so the engine mapping applies.</summary>
internal sealed class RelayedErrorException : Exception
{
    public RelayedErrorException()
    {
    }

    public RelayedErrorException(string message)
        : base(message)
    {
    }

    public RelayedErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RelayedErrorException(int status, string body)
        : base("vLLM error relayed by the worker")
    {
        Status = status;
        Body = body;
    }

    public int Status { get; }

    public string Body { get; } = string.Empty;
}
