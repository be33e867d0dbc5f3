using System;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Providers;

/// <summary>Reports the provider (not the engine behind it) in <see cref="ChatClientMetadata"/>; everything else passes through.</summary>
internal sealed class ProviderMetadataChatClient(IChatClient inner, ChatClientMetadata metadata) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata) ? metadata : base.GetService(serviceType, serviceKey);
    }
}
