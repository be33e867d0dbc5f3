using System.Threading;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>Carries the job a chat call ran from the transport (which sees the job) back to the chat client (which returns the response).</summary>
internal sealed class RunPodJobScope
{
    private static readonly AsyncLocal<RunPodJobScope?> CurrentScope = new();

    public static RunPodJobScope? Current
    {
        get => CurrentScope.Value;
        set => CurrentScope.Value = value;
    }

    public RunPodJob? Job { get; set; }
}
