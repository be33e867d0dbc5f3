using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Linq;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Inference.Sdk.IntegrationTests.Costs;

/// <summary>A real redis-server on a free loopback port, started for one test and killed at the end (installed by scripts/deps/20-redis.sh).</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("inference-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    /// <summary>Gets the port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Starts a server on a free port.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Client settings for this server, failing fast while it is down.</summary>
    public ConfigurationOptions ClientOptions() => new()
    {
        EndPoints = { new IPEndPoint(IPAddress.Loopback, Port) },
        AbortOnConnectFail = false,
        ConnectTimeout = 1_000,
        AsyncTimeout = 1_000,
        SyncTimeout = 1_000,
        ReconnectRetryPolicy = new LinearRetry(200),
        BacklogPolicy = BacklogPolicy.FailFast,
    };

    /// <summary>Starts (or starts again, on the same port and data directory) the server and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        string binary = FindBinary() ?? throw new InvalidOperationException("redis-server was not found: run bash scripts/test.sh first (scripts/deps/20-redis.sh installs it).");
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (int i = 0; i < 100; i++)
        {
            try
            {
                await using ConnectionMultiplexer probe = await ConnectionMultiplexer.ConnectAsync(ClientOptions());
                if (probe.IsConnected)
                {
                    await probe.GetDatabase().PingAsync();
                    return;
                }
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
            {
                // Not up yet, or a loaded box answered the probe late: try again.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {Port}.");
    }

    /// <summary>Writes the data set to disk (what a persistent production Redis does on its own), so a restart keeps it.</summary>
    public async Task SaveAsync()
    {
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(ClientOptions(allowAdmin: true));
        _ = await admin.GetDatabase().ExecuteAsync("SAVE");
    }

    /// <summary>Holds every write command (scripts included) for <paramref name="duration"/>: a slow round trip, answered late.</summary>
    /// <param name="duration">How long writes wait.</param>
    public async Task PauseWritesAsync(TimeSpan duration)
    {
        await using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(ClientOptions(allowAdmin: true));
        _ = await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "WRITE");
    }

    /// <summary>Kills the server process (an outage).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private ConfigurationOptions ClientOptions(bool allowAdmin)
    {
        ConfigurationOptions options = ClientOptions();
        options.AllowAdmin = allowAdmin;
        return options;
    }

    private static string? FindBinary()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin"))
        {
            string candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
