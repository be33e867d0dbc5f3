using System.Threading.Tasks;

namespace Inference.Sdk.IntegrationTests.Infrastructure;

/// <summary>One real llama.cpp server shared by the tests of a collection (<see cref="LlamaServerCollection"/>).</summary>
/// <remarks>Tests that stop the server should start their own with <see cref="LlamaServer.StartAsync(int, int, bool)"/>.</remarks>
public sealed class LlamaServerFixture : IAsyncLifetime
{
    private LlamaServer? _server;

    /// <summary>Gets the running server.</summary>
    public LlamaServer Server => _server ?? throw new System.InvalidOperationException("The fixture is not initialized.");

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await LlamaServer.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The xunit collection of tests that share one <see cref="LlamaServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LlamaServerCollection : ICollectionFixture<LlamaServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "llama.cpp server";
}
