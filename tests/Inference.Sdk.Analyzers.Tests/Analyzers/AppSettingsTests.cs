using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Analyzers;

/// <summary>The same rules over appsettings.json, located inside the file; comments, trailing commas and any key case.</summary>
public sealed class AppSettingsTests
{
    private const string NoCode = "class C { }";

    private static readonly string Formats = string.Join(", ", System.Enum.GetNames(typeof(Quantization)));

    [Fact]
    public Task Reports_inside_the_json_with_comments_and_trailing_commas()
        => Verify.AnalyzerAsync(NoCode, """
            {
              // the A100 pool
              "inference": {
                "targets": {
                  "a100": {
                    "GPU": "A100_80GB",
                    /* not native on Ampere */
                    "quantization": {|#0:"fp8"|},
                  },
                  "laptop": { "Engine": {|#1:"Ollama"|}, },
                },
              },
            }
            """,
            Verify.Diagnostic(DiagDescriptors.QuantizationNotNative).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.QuantizationNotNative, new DeploymentDescription { Gpu = GpuKind.A100_80GB, Quantization = Quantization.FP8, Profile = DeploymentProfile.Production })),
            Verify.Diagnostic(DiagDescriptors.DevelopmentEngineInProduction).WithLocation(1).WithArguments(
                Rules.Message(RuleIds.DevelopmentEngineInProduction, new DeploymentDescription { Engine = EngineKind.Ollama, Profile = DeploymentProfile.Production })));

    [Fact]
    public Task Reads_numbers_written_as_strings_and_reports_on_them()
    {
        var description = new DeploymentDescription
        {
            ModelId = ModelIds.Llama33_70B, Gpu = GpuKind.H100Sxm5, GpuCount = 1, Quantization = Quantization.FP16,
            ContextLength = 8192, KvCacheDType = KvCacheDType.FP8, Profile = DeploymentProfile.Production,
        };
        return Verify.AnalyzerAsync(NoCode, """
            {
              "Inference": {
                "Targets": {
                  "big": {
                    "Model": "meta-llama/Llama-3.3-70B-Instruct",
                    "Gpu": "H100Sxm5",
                    "GpuCount": {|#0:"1"|},
                    "Quantization": "FP16",
                    "ContextLength": 8192,
                    "KvCacheDType": "FP8"
                  }
                }
              }
            }
            """,
            Verify.Diagnostic(DiagDescriptors.DoesNotFitVram).WithLocation(0).WithArguments(Rules.Message(RuleIds.DoesNotFit, description)));
    }

    [Fact]
    public Task Does_not_fire_on_a_correct_file_or_a_development_profile()
        => Verify.AnalyzerAsync(NoCode, """
            {
              "Inference": {
                "Profile": "Development",
                "Targets": {
                  "h100": { "Gpu": "H100Sxm5", "Quantization": "FP8" },
                  "laptop": { "Engine": "Ollama" },
                  "alias": { "Gpu": "NVIDIA H100 80GB HBM3", "Quantization": "fp8_e4m3" },
                  "tags": { "Tags": [ "hipaa" ], "Gpu": "A100_80GB" }
                }
              },
              "Logging": { "LogLevel": { "Default": "Information" } }
            }
            """);

    [Fact]
    public Task A_value_the_start_up_rejects_is_an_INF1000_error_at_the_value_and_an_unknown_key_at_the_key()
        => Verify.AnalyzerAsync(NoCode, """
            {
              "Inference": {
                "Profile": "Development",
                "Targets": {
                  "typo": { "Gpu": "A100", "Quantization": {|#0:"GgufQ8"|} },
                  "number": { "Quantization": {|#1:"2"|} },
                  "key": { {|#2:"Quantisation"|}: "FP8" }
                }
              }
            }
            """,
            Verify.Diagnostic(DiagDescriptors.InvalidSetting).WithLocation(0).WithArguments(
                "Quantization is 'GgufQ8', which is not a weight format. Did you mean 'GgufQ8_0'? Use one of: " + Formats + "."),
            Verify.Diagnostic(DiagDescriptors.InvalidSetting).WithLocation(1).WithArguments(
                "Quantization is '2', which is not a weight format. Use one of: " + Formats + "."),
            Verify.Diagnostic(DiagDescriptors.InvalidSetting).WithLocation(2).WithArguments(
                "Quantisation is not a setting this package knows. Did you mean 'Quantization'?"));

    [Fact]
    public async Task Malformed_json_is_left_to_the_runtime()
        => await Verify.AnalyzerAsync(NoCode, """{ "Inference": { "Targets": { "a": { "Gpu": "A100_80GB", "Quantization": "FP8" """);

    [Fact]
    public async Task Files_other_than_appsettings_are_not_read()
    {
        var test = new InferenceAnalyzerTest<Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider> { TestCode = NoCode };
        test.TestState.AdditionalFiles.Add(("/0/other.json", """{ "Inference": { "Targets": { "a": { "Gpu": "A100_80GB", "Quantization": "FP8" } } } }"""));
        await test.RunAsync();
    }
}
