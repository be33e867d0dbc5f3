using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>
/// A small JSON reader that keeps the character offset of every name and value, so diagnostics can point inside
/// the file. It accepts what <c>JsonConfigurationFileParser</c> accepts: <c>//</c> and <c>/* */</c> comments and
/// trailing commas. Malformed text gives <see langword="null"/>: the runtime reports it, the analyzer stays quiet.
/// </summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private JsonReader(string text)
    {
        _text = text;
    }

    /// <summary>Reads a whole document; <see langword="null"/> if it is not JSON.</summary>
    public static JsonNode? Parse(string text)
    {
        var reader = new JsonReader(text);
        if (!reader.TryReadValue(0, out var value))
        {
            return null;
        }

        return reader.SkipTrivia() && reader._position < text.Length ? null : value;
    }

    private bool TryReadValue(int depth, out JsonNode? value)
    {
        value = null;
        if (depth > MaxDepth || !SkipTrivia() || _position >= _text.Length)
        {
            return false;
        }

        switch (_text[_position])
        {
            case '{':
                return TryReadObject(depth, out value);
            case '[':
                return TryReadArray(depth, out value);
            case '"':
                var start = _position;
                if (!TryReadString(out var s))
                {
                    return false;
                }

                value = new JsonScalar(s, TextSpan.FromBounds(start, _position));
                return true;
            default:
                return TryReadLiteral(out value);
        }
    }

    private bool TryReadObject(int depth, out JsonNode? value)
    {
        value = null;
        var start = _position++;
        var properties = new List<JsonProperty>();
        while (true)
        {
            if (!SkipTrivia() || _position >= _text.Length)
            {
                return false;
            }

            if (_text[_position] == '}')
            {
                _position++;
                value = new JsonObject(properties, TextSpan.FromBounds(start, _position));
                return true;
            }

            var nameStart = _position;
            if (_text[_position] != '"' || !TryReadString(out var name))
            {
                return false;
            }

            var nameSpan = TextSpan.FromBounds(nameStart, _position);
            if (!SkipTrivia() || _position >= _text.Length || _text[_position] != ':')
            {
                return false;
            }

            _position++;
            if (!TryReadValue(depth + 1, out var item))
            {
                return false;
            }

            properties.Add(new JsonProperty(name, nameSpan, item!));
            if (!TryReadSeparator('}'))
            {
                return false;
            }
        }
    }

    private bool TryReadArray(int depth, out JsonNode? value)
    {
        value = null;
        var start = _position++;
        var items = new List<JsonNode>();
        while (true)
        {
            if (!SkipTrivia() || _position >= _text.Length)
            {
                return false;
            }

            if (_text[_position] == ']')
            {
                _position++;
                value = new JsonArray(items, TextSpan.FromBounds(start, _position));
                return true;
            }

            if (!TryReadValue(depth + 1, out var item))
            {
                return false;
            }

            items.Add(item!);
            if (!TryReadSeparator(']'))
            {
                return false;
            }
        }
    }

    // After an item: a comma (a trailing one is fine, the loop then meets the closer) or the closer itself.
    private bool TryReadSeparator(char closer)
    {
        if (!SkipTrivia() || _position >= _text.Length)
        {
            return false;
        }

        if (_text[_position] == ',')
        {
            _position++;
            return true;
        }

        return _text[_position] == closer;
    }

    private bool TryReadString(out string value)
    {
        value = string.Empty;
        _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                value = builder.ToString();
                return true;
            }

            if (c != '\\')
            {
                if (c < ' ')
                {
                    return false;
                }

                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                return false;
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    // true, false, null and numbers: kept as written, the way configuration stores them.
    private bool TryReadLiteral(out JsonNode? value)
    {
        value = null;
        var start = _position;
        while (_position < _text.Length && IsLiteralChar(_text[_position]))
        {
            _position++;
        }

        if (_position == start)
        {
            return false;
        }

        var raw = _text.Substring(start, _position - start);
        var span = TextSpan.FromBounds(start, _position);
        switch (raw)
        {
            case "null":
                value = new JsonScalar(null, span);
                return true;
            case "true":
                value = new JsonScalar("True", span);
                return true;
            case "false":
                value = new JsonScalar("False", span);
                return true;
            default:
                if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }

                value = new JsonScalar(raw, span);
                return true;
        }
    }

    private static bool IsLiteralChar(char c)
        => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'E';

    // Skips white space and comments; false on an unterminated block comment.
    private bool SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    return false;
                }

                _position = end + 2;
            }
            else
            {
                return true;
            }
        }

        return true;
    }
}
