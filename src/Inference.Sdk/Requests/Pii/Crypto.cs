using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Inference.Sdk.Requests;

/// <summary>
/// Cryptocurrency addresses confirmed by their checksums: Bitcoin Base58Check (P2PKH, P2SH), Bech32 (BIP-173) and Bech32m
/// (BIP-350) segwit addresses, and Ethereum addresses in EIP-55 mixed case. An all-lower or all-upper Ethereum address
/// carries no checksum and is not reported (it reads like any other 160-bit hex value).
/// </summary>
internal static class Crypto
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Chars = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public static bool IsAddress(ReadOnlySpan<char> candidate) => candidate switch
    {
        ['0', 'x', ..] => IsEip55(candidate[2..]),
        ['1' or '3', ..] => IsBase58Check(candidate),
        _ => IsSegwit(candidate),
    };

    /// <summary>Base58Check: 25 bytes, version 0x00 (P2PKH) or 0x05 (P2SH), the first four bytes of SHA-256(SHA-256(payload)) last.</summary>
    internal static bool IsBase58Check(ReadOnlySpan<char> address)
    {
        Span<byte> bytes = stackalloc byte[25];
        bytes.Clear();
        foreach (char c in address)
        {
            int carry = Base58.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0)
            {
                return false;
            }

            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                carry += 58 * bytes[i];
                bytes[i] = (byte)carry;
                carry >>= 8;
            }

            if (carry != 0)
            {
                return false;
            }
        }

        int leadingOnes = 0;
        while (leadingOnes < address.Length && address[leadingOnes] == '1')
        {
            leadingOnes++;
        }

        int leadingZeros = 0;
        while (leadingZeros < bytes.Length && bytes[leadingZeros] == 0)
        {
            leadingZeros++;
        }

        if (leadingOnes != leadingZeros || bytes[0] is not (0x00 or 0x05))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..21], hash);
        SHA256.HashData(hash, hash);
        return hash[..4].SequenceEqual(bytes[21..]);
    }

    /// <summary>A segwit address: human-readable part bc or tb, a witness version, Bech32 for version 0 and Bech32m otherwise.</summary>
    internal static bool IsSegwit(ReadOnlySpan<char> address)
    {
        int sep = address.LastIndexOf('1');
        if (sep < 1 || address.Length - sep - 1 < 7)
        {
            return false;
        }

        Span<byte> values = stackalloc byte[address.Length];
        int n = 0;
        uint chk = 1;
        foreach (char h in address[..sep])
        {
            chk = PolyMod(chk, (byte)(char.ToLowerInvariant(h) >> 5));
        }

        chk = PolyMod(chk, 0);
        foreach (char h in address[..sep])
        {
            chk = PolyMod(chk, (byte)(char.ToLowerInvariant(h) & 31));
        }

        foreach (char c in address[(sep + 1)..])
        {
            int v = Bech32Chars.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (v < 0)
            {
                return false;
            }

            values[n++] = (byte)v;
            chk = PolyMod(chk, (byte)v);
        }

        int version = values[0];
        return version <= 16 && chk == (version == 0 ? 1u : 0x2bc830a3u);
    }

    /// <summary>EIP-55: a hex letter is upper case exactly when the matching nibble of Keccak-256 of the lower-case address is 8 or more.</summary>
    internal static bool IsEip55(ReadOnlySpan<char> hex)
    {
        bool upper = false, lower = false;
        Span<byte> ascii = stackalloc byte[40];
        for (int i = 0; i < hex.Length; i++)
        {
            char c = hex[i];
            upper |= c is >= 'A' and <= 'F';
            lower |= c is >= 'a' and <= 'f';
            ascii[i] = (byte)char.ToLowerInvariant(c);
        }

        if (!(upper && lower))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256(ascii, hash);
        for (int i = 0; i < 40; i++)
        {
            char c = hex[i];
            if (char.IsAsciiLetter(c))
            {
                int nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
                if ((nibble >= 8) != char.IsAsciiLetterUpper(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static uint PolyMod(uint chk, byte value)
    {
        uint top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        if ((top & 1) != 0)
        {
            chk ^= 0x3b6a57b2;
        }

        if ((top & 2) != 0)
        {
            chk ^= 0x26508e6d;
        }

        if ((top & 4) != 0)
        {
            chk ^= 0x1ea119fa;
        }

        if ((top & 8) != 0)
        {
            chk ^= 0x3d4233dd;
        }

        if ((top & 16) != 0)
        {
            chk ^= 0x2a1462b3;
        }

        return chk;
    }

    /// <summary>Keccak-256 (the original padding 0x01, as Ethereum uses; not SHA3-256) of a short message.</summary>
    /// <remarks>Hand-written: .NET has SHA3-256, whose padding differs, and no Keccak; the sponge is 30 lines.</remarks>
    internal static void Keccak256(ReadOnlySpan<byte> message, Span<byte> hash)
    {
        const int Rate = 136;
        Span<ulong> state = stackalloc ulong[25];
        state.Clear();
        Span<byte> block = stackalloc byte[Rate];
        while (message.Length >= Rate)
        {
            Absorb(state, message[..Rate]);
            message = message[Rate..];
        }

        block.Clear();
        message.CopyTo(block);
        block[message.Length] ^= 0x01;
        block[Rate - 1] ^= 0x80;
        Absorb(state, block);
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(hash[(i * 8)..], state[i]);
        }
    }

    private static void Absorb(Span<ulong> state, ReadOnlySpan<byte> block)
    {
        for (int i = 0; i < block.Length / 8; i++)
        {
            state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
        }

        KeccakF(state);
    }

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B, 0x0000000080000001,
        0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003, 0x8000000000008002, 0x8000000000000080,
        0x000000000000800A, 0x800000008000000A, 0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ];

    private static ReadOnlySpan<int> Rotations => [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

    private static ReadOnlySpan<int> Lanes => [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    private static void KeccakF(Span<ulong> a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (int round = 0; round < 24; round++)
        {
            for (int x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (int x = 0; x < 5; x++)
            {
                ulong d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            ulong t = a[1];
            for (int i = 0; i < 24; i++)
            {
                int j = Lanes[i];
                ulong next = a[j];
                a[j] = BitOperations.RotateLeft(t, Rotations[i]);
                t = next;
            }

            for (int y = 0; y < 25; y += 5)
            {
                for (int x = 0; x < 5; x++)
                {
                    c[x] = a[y + x];
                }

                for (int x = 0; x < 5; x++)
                {
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }

            a[0] ^= RoundConstants[round];
        }
    }
}
