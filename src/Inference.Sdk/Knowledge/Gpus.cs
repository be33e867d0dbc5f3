using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>The GPU catalog: one <see cref="GpuSpec"/> per <see cref="GpuKind"/>.</summary>
public static class Gpus
{
    private const string SeedCloudVsIron = "Inworld AI GPU Cloud Comparison (Apr 2026) via 'Cloud vs Iron' seed";
    private const string SeedEdge = "Spheron, Cloud vs Edge AI Inference (04 Apr 2026)";
    private const string Datasheet = "NVIDIA datasheet";
    private const string AmdDatasheet = "AMD Instinct datasheet";

    private static readonly GpuSpec[] Catalog =
    [
        // B200: the seeds disagree (192 GB in 'Cloud vs Iron', 180 GB in 'Deploy Your Own Models'); 180 GB is what a
        // DGX B200 exposes per GPU (1,440 GB / 8), so sizing against it never promises memory that is not there.
        new(GpuKind.B200, "B200", 180, 8.0, GpuArchitecture.Blackwell, SupportsFp8: true, SupportsFp4: true, NvLink: true, null,
            "Agrawal, Deploy Your Own Models to GPUs (02 May 2026): 180 GB HBM3e, 8 TB/s, NVLink-5; 'Cloud vs Iron' lists 192 GB"),
        new(GpuKind.H200, "H200", 141, 4.8, GpuArchitecture.Hopper, true, false, true, null, SeedCloudVsIron),
        new(GpuKind.H100Sxm5, "H100 SXM5", 80, 3.35, GpuArchitecture.Hopper, true, false, true, 30_000m,
            SeedCloudVsIron + "; purchase price ~$30,000 from the same seed"),
        new(GpuKind.H100Pcie, "H100 PCIe", 80, 2.0, GpuArchitecture.Hopper, true, false, true, null,
            Datasheet + " (HBM2e, 2 TB/s, NVLink bridge for pairs); 80 GB in " + SeedEdge),
        new(GpuKind.A100_80GB, "A100 80GB", 80, 2.0, GpuArchitecture.Ampere, false, false, true, null,
            SeedCloudVsIron + " (2 TB/s; DeployBase lists 1.935 TB/s for the PCIe card)"),
        new(GpuKind.L40S, "L40S", 48, 0.864, GpuArchitecture.AdaLovelace, true, false, false, null,
            "Agrawal, Deploy Your Own Models to GPUs (02 May 2026): 48 GB, no NVLink; bandwidth " + Datasheet),
        new(GpuKind.L4, "L4", 24, 0.3, GpuArchitecture.AdaLovelace, true, false, false, null,
            "Agrawal, Deploy Your Own Models to GPUs (02 May 2026): 24 GB; bandwidth " + Datasheet),
        new(GpuKind.Rtx4090, "RTX 4090", 24, 1.008, GpuArchitecture.AdaLovelace, true, false, false, 1_600m,
            SeedCloudVsIron + " (24 GB, 1 TB/s); ~$1,600 retail from DeployBase.AI (Mar 2026)"),
        new(GpuKind.Rtx5090, "RTX 5090", 32, 1.792, GpuArchitecture.Blackwell, true, true, false, 2_000m,
            SeedEdge + " (32 GB, ~$2,000 MSRP); bandwidth " + Datasheet),
        new(GpuKind.Rtx6000Ada, "RTX 6000 Ada", 48, 0.96, GpuArchitecture.AdaLovelace, true, false, false, 3_000m,
            "DeployBase.AI (Mar 2026): 48 GB, ~$3,000; bandwidth " + Datasheet),
        new(GpuKind.JetsonAgxOrin, "Jetson AGX Orin", 64, 0.2048, GpuArchitecture.Ampere, false, false, false, 2_000m,
            SeedEdge + " (64 GB unified, ~$2,000); bandwidth " + Datasheet),
        // The seed gives ~$3,000-4,000; the midpoint is recorded.
        new(GpuKind.AppleM4Max, "Apple M4 Max", 128, 0.546, GpuArchitecture.AppleSilicon, false, false, false, 3_500m,
            SeedEdge + " (128 GB unified, ~$3,000-4,000: midpoint); bandwidth Apple spec"),
        new(GpuKind.A10G, "A10G", 24, 0.6, GpuArchitecture.Ampere, false, false, false, null,
            Datasheet + " (A10: 24 GB GDDR6, 600 GB/s; AWS g5 instances carry the A10G variant)"),
        new(GpuKind.L40, "L40", 48, 0.864, GpuArchitecture.AdaLovelace, true, false, false, null,
            Datasheet + " (48 GB GDDR6 with ECC, 864 GB/s, no NVLink)"),
        new(GpuKind.H20, "H20", 96, 4.0, GpuArchitecture.Hopper, true, false, true, null,
            Datasheet + " (96 GB HBM3, 4.0 TB/s, NVLink 900 GB/s)"),
        new(GpuKind.GH200, "GH200", 96, 4.0, GpuArchitecture.Hopper, true, false, true, null,
            Datasheet + " (Grace Hopper: 96 GB HBM3 at 4 TB/s on the GPU; a 144 GB HBM3e version exists; the CPU's 480 GB LPDDR5X is not counted)"),
        new(GpuKind.B300, "B300", 288, 8.0, GpuArchitecture.Blackwell, true, true, true, null,
            Datasheet + " (Blackwell Ultra HGX B300: 288 GB HBM3e per GPU, 8 TB/s, NVLink-5)"),
        new(GpuKind.MI300X, "MI300X", 192, 5.3, GpuArchitecture.AmdCdna3, true, false, true, null,
            AmdDatasheet + " (192 GB HBM3, 5.3 TB/s, Infinity Fabric between 8 GPUs; FP8 native, no FP4)"),
        new(GpuKind.MI325X, "MI325X", 256, 6.0, GpuArchitecture.AmdCdna3, true, false, true, null,
            AmdDatasheet + " (256 GB HBM3E, 6.0 TB/s; FP8 native, no FP4)"),
        new(GpuKind.RtxPro6000Blackwell, "RTX PRO 6000 Blackwell", 96, 1.792, GpuArchitecture.Blackwell, true, true, false, null,
            Datasheet + " (96 GB GDDR7 with ECC, 1.792 TB/s, no NVLink)"),
    ];

    private static readonly Dictionary<string, GpuKind> Aliases = CreateAliases();

    /// <summary>Gets every GPU in the catalog, in <see cref="GpuKind"/> order.</summary>
    public static IReadOnlyList<GpuSpec> All { get; } = Array.AsReadOnly(Catalog);

    /// <summary>Gets the facts for a GPU.</summary>
    /// <param name="kind">The GPU.</param>
    /// <returns>Its specification.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a known <see cref="GpuKind"/>.</exception>
    public static GpuSpec Get(GpuKind kind)
        => Guard.Item(Catalog, (int)kind, kind, nameof(kind));

    /// <summary>
    /// Parses a GPU name: an enum name ("H100Sxm5"), a common name ("H100", "A100", "RTX 4090", "M4 Max") or a
    /// driver/provider name ("NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 4090"), ignoring case, spaces and punctuation.
    /// A bare "H100" means the SXM5 card, the seeds' production default.
    /// </summary>
    /// <param name="name">The name to parse.</param>
    /// <param name="kind">The GPU, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? name, out GpuKind kind)
    {
        kind = default;
        return name is not null && Aliases.TryGetValue(Normalize(name), out kind);
    }

    private static Dictionary<string, GpuKind> CreateAliases()
    {
        var map = new Dictionary<string, GpuKind>(StringComparer.Ordinal);
        foreach (GpuSpec gpu in Catalog)
        {
            map[Normalize(gpu.Kind.ToString())] = gpu.Kind;
            map[Normalize(gpu.DisplayName)] = gpu.Kind;
        }

        Names.Add(map, GpuKind.B200, "B200 180GB", "B200 192GB", "HGX B200", "DGX B200");
        Names.Add(map, GpuKind.H200, "H200 SXM", "H200 SXM5", "H200 141GB", "H200 NVL");
        Names.Add(map, GpuKind.H100Sxm5, "H100", "H100 SXM", "H100 80GB", "H100 80GB HBM3", "H100 SXM5 80GB");
        Names.Add(map, GpuKind.H100Pcie, "H100 PCIe 80GB");
        Names.Add(map, GpuKind.A100_80GB, "A100", "A100 80GB PCIe", "A100 SXM", "A100 SXM4", "A100 SXM4 80GB", "A100 80GB SXM");
        Names.Add(map, GpuKind.L40S, "L40S 48GB");
        Names.Add(map, GpuKind.L4, "L4 24GB");
        Names.Add(map, GpuKind.Rtx4090, "4090", "RTX4090");
        Names.Add(map, GpuKind.Rtx5090, "5090", "RTX5090");
        Names.Add(map, GpuKind.Rtx6000Ada, "RTX 6000 Ada Generation", "RTX6000 Ada", "6000 Ada");
        Names.Add(map, GpuKind.JetsonAgxOrin, "AGX Orin", "Jetson Orin", "Orin", "Jetson AGX Orin 64GB");
        Names.Add(map, GpuKind.AppleM4Max, "M4 Max", "M4Max");
        Names.Add(map, GpuKind.A10G, "A10G 24GB", "A10", "A10 24GB");
        Names.Add(map, GpuKind.L40, "L40 48GB");
        Names.Add(map, GpuKind.H20, "H20 96GB");
        Names.Add(map, GpuKind.GH200, "GH200 480GB", "GH200 96GB", "Grace Hopper", "GH200 Grace Hopper");
        Names.Add(map, GpuKind.B300, "B300 288GB", "HGX B300", "DGX B300", "B300 SXM6 AC");
        Names.Add(map, GpuKind.MI300X, "Instinct MI300X", "MI300X OAM", "Instinct MI300X OAM", "MI300");
        Names.Add(map, GpuKind.MI325X, "Instinct MI325X", "MI325X OAM", "Instinct MI325X OAM");
        Names.Add(map, GpuKind.RtxPro6000Blackwell, "RTX PRO 6000", "RTX PRO 6000 Blackwell Server Edition", "RTX PRO 6000 Blackwell Workstation Edition",
            "RTX PRO 6000 Blackwell Max-Q Workstation Edition", "RTX Pro 6000 Blackwell 96GB", "RTX6000 Pro", "RTX 6000 Pro");
        return map;
    }

    private static string Normalize(string name)
    {
        string key = Names.Key(name);
        foreach (string prefix in new[] { "nvidia", "geforce", "apple", "amd" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                key = key.Substring(prefix.Length);
            }
        }

        return key;
    }
}
