using System;
using System.Buffers;
using CsCheck;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Tests.Requests;

public class KeywordsTests
{
    private static readonly string[] Words = ["passport", "tel.", "cep no", "telemóvel", "паспорт", "電話", "τηλέφωνο", "numéro", "sk"];

    [Fact]
    public void Finds_what_one_search_over_all_the_words_finds()
    {
        var keywords = Keywords.Create(Words);
        var reference = SearchValues.Create(Words, StringComparison.OrdinalIgnoreCase);
        Gen.Select(Gen.OneOfConst([.. Words, "PASSPORT", "ПАСПОРТ", "TELEMÓVEL", "Τηλέφωνο", "ſk", "\u212Ak", "ı", " ", "x", "é"]), Gen.String[Gen.Char["aeklnoprst .:é電"], 0, 6], (w, tail) => w + tail)
            .Array[0, 6]
            .Select(parts => string.Concat(parts))
            .Sample(text =>
            {
                Assert.Equal(text.AsSpan().IndexOfAny(reference), keywords.IndexOfAny(text));
                Assert.Equal(text.AsSpan().ContainsAny(reference), keywords.ContainsAny(text));
            }, iter: 20_000);
    }
}
