using System;
using Inference.Sdk.Knowledge;

Console.WriteLine($"Inference.Sdk quickstart: {Enum.GetValues<GpuKind>().Length} GPUs known.");
