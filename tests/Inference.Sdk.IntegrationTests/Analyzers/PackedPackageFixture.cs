using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text;

namespace Inference.Sdk.IntegrationTests.Analyzers;

/// <summary>
/// Packs Inference.Sdk once (from the build the tests already ran: <c>dotnet pack --no-build</c> in the same
/// configuration) into a temporary local feed, under a unique version so the global package cache never serves
/// a stale copy, and builds consumer projects against it the way users meet the analyzers.
/// </summary>
public sealed class PackedPackageFixture : IDisposable
{
    public PackedPackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "inference-sdk-e2e-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.0.0-e2e" + DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        RepositoryRoot = FindRepositoryRoot();

        var configuration = typeof(PackedPackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        foreach (string package in Packages)
        {
            var project = Path.Combine(RepositoryRoot, "src", package, package + ".csproj");
            var pack = Dotnet(RepositoryRoot, $"pack \"{project}\" --no-build -c {configuration} -o \"{Feed}\" -p:Version={Version} -nodeReuse:false");
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);
            }
        }

        // The consumer sees only this folder: no Directory.Build.* or central package management from above, and a
        // nuget.config with the local feed plus nuget.org.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The packages packed into the feed, each from src/{name}/{name}.csproj.</summary>
    public static readonly string[] Packages = ["Inference.Sdk", "Inference.Sdk.Azure"];

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string RepositoryRoot { get; }

    /// <summary>Writes a console project referencing the packed package, with the given files, and builds it.</summary>
    public (int ExitCode, string Output) BuildConsumer(string name, string program, string? appSettings, string extraProperties = "", string buildArguments = "")
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Inference.Sdk" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        if (appSettings is not null)
        {
            File.WriteAllText(Path.Combine(directory, "appsettings.json"), appSettings);
        }

        return Dotnet(directory, $"build -nologo -nodeReuse:false -p:TreatWarningsAsErrors=false {buildArguments}");
    }

    /// <summary>
    /// Copies a project folder (without bin/obj) out of the repository next to the feed, as a user copies a sample, and builds it
    /// against the packed packages (<c>InferenceSdkVersion</c>) with its own settings: its warnings stay warnings or errors as it says.
    /// </summary>
    public (int ExitCode, string Output, string Directory) BuildCopy(string relativeFolder)
    {
        var source = Path.Combine(RepositoryRoot, relativeFolder);
        var name = Path.GetFileName(relativeFolder.TrimEnd('/', '\\'));
        var target = Path.Combine(Root, "copies", name);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var destination = Path.Combine(target, relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        var (exitCode, output) = Dotnet(target, $"build -nologo -nodeReuse:false -c Release -p:InferenceSdkVersion={Version}");
        return (exitCode, output, target);
    }

    public void Dispose()
    {
        TryDelete(Root);

        // The unique version was extracted into the global packages folder; remove it.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string package in Packages)
        {
            TryDelete(Path.Combine(packages, package.ToLowerInvariant(), Version));
        }
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {arguments} did not finish in 10 minutes.\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Inference.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Inference.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
