using System;
using System.Buffers.Binary;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tokens;

/// <summary>An image in a request, as far as its token cost goes: its size when the bytes say it, and the detail asked for.</summary>
/// <param name="Width">The width in pixels; 0 when unknown (an image by URL, or a format whose header is not read).</param>
/// <param name="Height">The height in pixels; 0 when unknown.</param>
/// <param name="LowDetail">Whether the content asks for low detail (<c>AdditionalProperties["detail"] = "low"</c>, OpenAI's vision option).</param>
internal readonly record struct ImageInput(int Width, int Height, bool LowDetail)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Gets a value indicating whether the size is known.</summary>
    public bool HasSize => Width > 0 && Height > 0;

    /// <summary>Reads an image's size from its header (PNG, GIF, JPEG, WebP, BMP).</summary>
    /// <param name="bytes">The image's bytes.</param>
    /// <param name="content">The content, for the detail option.</param>
    /// <returns>The image.</returns>
    public static ImageInput Of(ReadOnlySpan<byte> bytes, AIContent content)
    {
        _ = TryReadSize(bytes, out int width, out int height);
        return new ImageInput(width, height, IsLowDetail(content));
    }

    /// <summary>An image whose bytes the router does not have (a URL).</summary>
    /// <param name="content">The content, for the detail option.</param>
    /// <returns>The image.</returns>
    public static ImageInput Unknown(AIContent content) => new(0, 0, IsLowDetail(content));

    /// <summary>Reads the pixel size from an image header; false for a format or a header it does not know.</summary>
    /// <param name="b">The image's bytes (the header is enough).</param>
    /// <param name="width">The width.</param>
    /// <param name="height">The height.</param>
    /// <returns>Whether the size was read.</returns>
    public static bool TryReadSize(ReadOnlySpan<byte> b, out int width, out int height)
    {
        width = height = 0;
        if (b.Length >= 24 && b[..8].SequenceEqual(PngSignature) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return Set(BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]), out width, out height);
        }

        if (b.Length >= 10 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            return Set(BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]), out width, out height);
        }

        if (b.Length >= 26 && b[0] == 'B' && b[1] == 'M')
        {
            return Set(BinaryPrimitives.ReadInt32LittleEndian(b[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(b[22..])), out width, out height);
        }

        if (b.Length >= 30 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            var chunk = b.Slice(12, 4);
            if (chunk.SequenceEqual("VP8X"u8))
            {
                return Set(1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16)), out width, out height);
            }

            if (chunk.SequenceEqual("VP8L"u8) && b[20] == 0x2f)
            {
                uint bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
                return Set((int)(bits & 0x3fff) + 1, (int)((bits >> 14) & 0x3fff) + 1, out width, out height);
            }

            if (chunk.SequenceEqual("VP8 "u8) && b[23] == 0x9d && b[24] == 0x01 && b[25] == 0x2a)
            {
                return Set(BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3fff, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3fff, out width, out height);
            }

            return false;
        }

        return b.Length >= 4 && b[0] == 0xff && b[1] == 0xd8 && TryReadJpegSize(b, out width, out height);
    }

    private static bool TryReadJpegSize(ReadOnlySpan<byte> b, out int width, out int height)
    {
        width = height = 0;
        int i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xff)
            {
                return false;
            }

            byte marker = b[i + 1];
            if (marker == 0xff)
            {
                i++; // fill byte
                continue;
            }

            if (marker is 0xd8 or 0x01 or (>= 0xd0 and <= 0xd7))
            {
                i += 2; // markers without a length
                continue;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);

            // Start of frame: SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xc0 and <= 0xcf and not 0xc4 and not 0xc8 and not 0xcc)
            {
                return Set(BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]), out width, out height);
            }

            if (length < 2)
            {
                return false;
            }

            i += 2 + length;
        }

        return false;
    }

    private static bool Set(int w, int h, out int width, out int height)
    {
        bool ok = w > 0 && h > 0;
        width = ok ? w : 0;
        height = ok ? h : 0;
        return ok;
    }

    private static bool IsLowDetail(AIContent content) =>
        content.AdditionalProperties?.TryGetValue("detail", out object? detail) == true
        && string.Equals(detail?.ToString(), "low", StringComparison.OrdinalIgnoreCase);
}
