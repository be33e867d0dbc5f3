using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Sdk.Hosting;

/// <summary>Creates the default <see cref="IChatClient"/> over the registered targets.</summary>
internal static class InferenceDefaultClient
{
    public static IChatClient Create(IServiceProvider services, InferenceBuilder builder)
    {
        string[] names = builder.SnapshotTargetNames();
        if (names.Length == 0)
        {
            throw new InvalidOperationException("Inference:Targets has no targets; add one in configuration or with AddTarget.");
        }

        return services.GetRequiredKeyedService<IChatClient>(names[0]);
    }
}
