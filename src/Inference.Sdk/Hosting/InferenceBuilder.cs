using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Sdk.Hosting;

/// <summary>
/// What <c>services.AddInference(...)</c> returns: add targets in code, and add your own Microsoft.Extensions.AI middleware
/// to the default client (<see cref="ChatClient"/>) or to one target's pipeline (<see cref="Target"/>).
/// </summary>
public sealed class InferenceBuilder
{
    private readonly Dictionary<string, ChatClientBuilder> _targets = new(StringComparer.OrdinalIgnoreCase);

    internal InferenceBuilder(IServiceCollection services, ChatClientBuilder chatClient)
    {
        Services = services;
        ChatClient = chatClient;
    }

    /// <summary>Gets the service collection the package registers into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the pipeline of the default <see cref="IChatClient"/> (the router); add middleware with its <c>UseXxx</c> methods.</summary>
    public ChatClientBuilder ChatClient { get; }

    /// <summary>Gets the names of the registered targets, in registration order.</summary>
    public IReadOnlyCollection<string> TargetNames => _targets.Keys;

    /// <summary>Adds or changes a target in code; settings from configuration are applied first, then <paramref name="configure"/>.</summary>
    /// <param name="name">The target's name: its key in <c>Inference:Targets</c>, its keyed <see cref="IChatClient"/> service key and its name in route decisions.</param>
    /// <param name="configure">Sets the target's options. Read secrets such as <see cref="InferenceTargetOptions.ApiKey"/> from configuration, never from code.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public InferenceBuilder AddTarget(string name, Action<InferenceTargetOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        _ = Services.Configure<InferenceOptions>(options =>
        {
            if (!options.Targets.TryGetValue(name, out InferenceTargetOptions? target))
            {
                target = new InferenceTargetOptions();
                options.Targets[name] = target;
            }

            configure(target);
        });
        _ = RegisterTarget(name);
        return this;
    }

    /// <summary>Changes the package options in code, after configuration was bound.</summary>
    /// <param name="configure">Sets options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public InferenceBuilder Configure(Action<InferenceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _ = Services.Configure(configure);
        return this;
    }

    /// <summary>Gets the pipeline of one target (cost meter → OpenTelemetry → engine adapter); add middleware with its <c>UseXxx</c> methods.</summary>
    /// <param name="name">The target's name.</param>
    /// <returns>The target's pipeline builder.</returns>
    /// <exception cref="KeyNotFoundException">No target of that name is registered.</exception>
    public ChatClientBuilder Target(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _targets.TryGetValue(name, out ChatClientBuilder? builder)
            ? builder
            : throw new KeyNotFoundException($"No target named '{name}' is registered; targets: {string.Join(", ", _targets.Keys)}.");
    }

    internal ChatClientBuilder RegisterTarget(string name)
    {
        if (_targets.TryGetValue(name, out ChatClientBuilder? existing))
        {
            return existing;
        }

        // No resilience handler and no per-request log lines here: retries, circuit breaking and failover are the router's, one
        // layer for the whole request (a retrying handler under the router would wait out a 429's Retry-After before failing over).
        _ = Services.AddHttpClient(InferenceTargetClientFactory.HttpClientName(name)).RemoveAllLoggers();

        ChatClientBuilder builder = Services.AddKeyedChatClient(name, services => InferenceTargetClientFactory.Create(services, name));
        InferencePipeline.Configure(builder, name);
        _targets.Add(name, builder);
        return builder;
    }

    internal string[] SnapshotTargetNames() => _targets.Keys.ToArray();
}
