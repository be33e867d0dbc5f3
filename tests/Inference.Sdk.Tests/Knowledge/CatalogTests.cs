using System;
using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

public class CatalogTests
{
    [Fact]
    public void Every_GpuKind_has_exactly_its_own_spec()
    {
        foreach (GpuKind kind in Enum.GetValues<GpuKind>())
        {
            Assert.Equal(kind, Gpus.Get(kind).Kind);
        }

        Assert.Equal(Enum.GetValues<GpuKind>().Length, Gpus.All.Count);
    }

    [Fact]
    public void Every_Quantization_has_exactly_its_own_spec()
    {
        foreach (Quantization q in Enum.GetValues<Quantization>())
        {
            Assert.Equal(q, Quantizations.Get(q).Format);
        }

        Assert.Equal(Enum.GetValues<Quantization>().Length, Quantizations.All.Count);
    }

    [Theory]
    [InlineData("H100", GpuKind.H100Sxm5)]
    [InlineData("h100sxm5", GpuKind.H100Sxm5)]
    [InlineData("NVIDIA H100 80GB HBM3", GpuKind.H100Sxm5)]
    [InlineData("H100 PCIe", GpuKind.H100Pcie)]
    [InlineData("A100", GpuKind.A100_80GB)]
    [InlineData("NVIDIA A100-SXM4-80GB", GpuKind.A100_80GB)]
    [InlineData("rtx 4090", GpuKind.Rtx4090)]
    [InlineData("NVIDIA GeForce RTX 5090", GpuKind.Rtx5090)]
    [InlineData("RTX 6000 Ada Generation", GpuKind.Rtx6000Ada)]
    [InlineData("Apple M4 Max", GpuKind.AppleM4Max)]
    [InlineData("Jetson AGX Orin", GpuKind.JetsonAgxOrin)]
    [InlineData("L4", GpuKind.L4)]
    [InlineData("L40S", GpuKind.L40S)]
    [InlineData("NVIDIA L40", GpuKind.L40)]
    [InlineData("NVIDIA A10G", GpuKind.A10G)]
    [InlineData("H20", GpuKind.H20)]
    [InlineData("GH200", GpuKind.GH200)]
    [InlineData("NVIDIA B300 SXM6 AC", GpuKind.B300)]
    [InlineData("AMD Instinct MI300X OAM", GpuKind.MI300X)]
    [InlineData("MI325X", GpuKind.MI325X)]
    [InlineData("NVIDIA RTX PRO 6000 Blackwell Server Edition", GpuKind.RtxPro6000Blackwell)]
    [InlineData("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition", GpuKind.RtxPro6000Blackwell)]
    public void TryParse_accepts_enum_names_and_common_names(string name, GpuKind expected)
    {
        Assert.True(Gpus.TryParse(name, out GpuKind kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("H1000")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("TPU v5e")]
    public void TryParse_rejects_unknown_names(string? name)
    {
        Assert.False(Gpus.TryParse(name, out _));
    }

    [Fact]
    public void Unknown_GPU_throws_naming_the_parameter()
    {
        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => Gpus.Get((GpuKind)(-1))).ParamName);
    }

    [Fact]
    public void Models_are_found_by_id_ignoring_case_and_unknown_ids_name_the_parameter()
    {
        Assert.Same(Models.Get(ModelIds.Llama33_70B), Models.Get("META-LLAMA/llama-3.3-70b-instruct"));
        Assert.True(Models.TryGet(ModelIds.Qwen3Coder_30B_A3B, out ModelSpec? coder));
        Assert.True(coder!.IsMixtureOfExperts);
        Assert.False(Models.TryGet("acme/unknown-7b", out _));
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => Models.Get("acme/unknown-7b")).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => Models.Get(null!)).ParamName);
    }

    [Fact]
    public void Every_model_constant_is_in_the_catalog_and_ids_are_unique()
    {
        string[] constants = typeof(ModelIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.All(constants, id => Assert.Equal(id, Models.Get(id).Id));
        Assert.Equal(Models.All.Count, Models.All.Select(m => m.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void FP8_is_native_on_Hopper_but_not_on_Ampere_and_NVFP4_only_on_Blackwell()
    {
        Assert.True(Quantizations.Get(Quantization.FP8).IsNativeOn(Gpus.Get(GpuKind.H100Sxm5).Architecture));
        Assert.False(Quantizations.Get(Quantization.FP8).IsNativeOn(Gpus.Get(GpuKind.A100_80GB).Architecture));
        Assert.True(Quantizations.Get(Quantization.NVFP4).IsNativeOn(Gpus.Get(GpuKind.B200).Architecture));
        Assert.False(Quantizations.Get(Quantization.NVFP4).IsNativeOn(Gpus.Get(GpuKind.H200).Architecture));
        Assert.All(Gpus.All, g => Assert.Equal(g.SupportsFp8, Quantizations.Get(Quantization.FP8).IsNativeOn(g.Architecture)));
        Assert.All(Gpus.All, g => Assert.Equal(g.SupportsFp4, Quantizations.Get(Quantization.NVFP4).IsNativeOn(g.Architecture)));
    }

    [Fact]
    public void AMD_CDNA3_runs_FP8_natively_but_no_FP4()
    {
        GpuSpec mi300x = Gpus.Get(GpuKind.MI300X);

        Assert.Equal(GpuArchitecture.AmdCdna3, mi300x.Architecture);
        Assert.Equal(192, mi300x.MemoryGB);
        Assert.True(Quantizations.Get(Quantization.FP8).IsNativeOn(mi300x.Architecture));
        Assert.False(Quantizations.Get(Quantization.NVFP4).IsNativeOn(mi300x.Architecture));
        Assert.False(Quantizations.Get(Quantization.MXFP4).IsNativeOn(Gpus.Get(GpuKind.MI325X).Architecture));
        Assert.True(Quantizations.Get(Quantization.MXFP4).IsNativeOn(Gpus.Get(GpuKind.RtxPro6000Blackwell).Architecture));

        Finding nvfp4 = Assert.Single(DeploymentRules.Evaluate(new DeploymentDescription { Gpu = GpuKind.MI300X, Quantization = Quantization.NVFP4 }));
        Assert.Equal(FindingSeverity.Error, nvfp4.Severity);
        Assert.Contains("FP8", nvfp4.Message, StringComparison.Ordinal);
        Assert.Empty(DeploymentRules.Evaluate(new DeploymentDescription { Gpu = GpuKind.MI300X, Quantization = Quantization.FP8 }));
    }

    [Fact]
    public void Engines_load_their_formats_only()
    {
        Assert.False(Quantizations.Get(Quantization.GgufQ4KM).IsLoadableBy(EngineKind.TensorRtLlm));
        Assert.True(Quantizations.Get(Quantization.GgufQ4KM).IsLoadableBy(EngineKind.LlamaCpp));
        Assert.False(Quantizations.Get(Quantization.AWQ4).IsLoadableBy(EngineKind.Ollama));
        Assert.True(Quantizations.Get(Quantization.AWQ4).IsLoadableBy(EngineKind.Vllm));
        Assert.True(Quantizations.Get(Quantization.AWQ4).IsFourBit);
        Assert.False(Quantizations.Get(Quantization.GgufQ8_0).IsFourBit);
    }

    [Fact]
    public void Catalogs_cannot_be_changed_through_a_cast()
    {
        Assert.False(Gpus.All is GpuSpec[]);
        Assert.False(Models.All is ModelSpec[]);
        Assert.False(Quantizations.All is QuantizationSpec[]);
        Assert.False(Quantizations.Get(Quantization.FP8).NativeArchitectures is GpuArchitecture[]);
        Assert.False(OfferCatalog.Default.Offers is PriceOffer[]);
        Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<GpuSpec>)Gpus.All)[0] = Gpus.Get(GpuKind.L4));
    }

    [Fact]
    public void The_not_native_suggestion_lists_what_is_native_on_that_GPU()
    {
        Finding finding = Assert.Single(DeploymentRules.Evaluate(new DeploymentDescription { Gpu = GpuKind.A100_80GB, Quantization = Quantization.FP8 }));

        Assert.Contains("INT8", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NVFP4", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct", ModelIds.Llama33_70B)]
    [InlineData("Llama-3.3-70B-Instruct", ModelIds.Llama33_70B)]
    [InlineData("llama3.1:8b", ModelIds.Llama31_8B)]
    [InlineData("meta-llama/Llama-3.1-8B", ModelIds.Llama31_8B)]
    [InlineData(" qwen3-coder:30b ", ModelIds.Qwen3Coder_30B_A3B)]
    [InlineData("Kimi-K2.6", ModelIds.KimiK26)]
    [InlineData("llama2:13b", ModelIds.Generic13B)]
    public void Models_are_found_by_short_names_and_Ollama_tags(string alias, string id)
    {
        Assert.True(Models.TryGet(alias, out ModelSpec? model));
        Assert.Equal(id, model!.Id);
    }

    [Theory]
    [InlineData("AWQ", Quantization.AWQ4)]
    [InlineData("awq_marlin", Quantization.AWQ4)]
    [InlineData("gptq", Quantization.GPTQ4)]
    [InlineData("Q4_K_M", Quantization.GgufQ4KM)]
    [InlineData("GgufQ4KM", Quantization.GgufQ4KM)]
    [InlineData("q8_0", Quantization.GgufQ8_0)]
    [InlineData("fp8", Quantization.FP8)]
    [InlineData("bfloat16", Quantization.BF16)]
    [InlineData("W8A8", Quantization.INT8)]
    [InlineData("modelopt_fp4", Quantization.NVFP4)]
    [InlineData("NVFP4", Quantization.NVFP4)]
    public void Quantization_names_parse(string name, Quantization expected)
    {
        Assert.True(Quantizations.TryParse(name, out Quantization q));
        Assert.Equal(expected, q);
    }

    [Theory]
    [InlineData("int3")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_quantization_names_do_not_parse(string? name)
    {
        Assert.False(Quantizations.TryParse(name, out _));
    }
}
