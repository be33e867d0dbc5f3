using Microsoft.Extensions.AI;

namespace Inference.Sdk.Hosting;

/// <summary>The middleware every target's pipeline gets, outermost first.</summary>
internal static class InferencePipeline
{
    public static void Configure(ChatClientBuilder builder, string name)
    {
        _ = builder.UseOpenTelemetry(sourceName: "Inference.Sdk", configure: c => c.EnableSensitiveData = false);
    }
}
