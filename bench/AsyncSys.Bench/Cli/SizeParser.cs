using System;
using System.Globalization;

namespace AsyncSys.Bench.Cli;

/// <summary>fio-style sizes: 4k, 1m, 1g, 512 (bytes); binary units, as fio uses by default.</summary>
internal static class SizeParser
{
    internal static long Parse(string text)
    {
        string value = text.Trim().ToLowerInvariant();
        if (value.EndsWith('b'))
        {
            value = value[..^1];
        }

        if (value.EndsWith('i'))
        {
            value = value[..^1]; // "4ki" from "4KiB"
        }

        long multiplier = 1;
        if (value.Length > 0 && char.IsLetter(value[^1]))
        {
            multiplier = value[^1] switch
            {
                'k' => 1L << 10,
                'm' => 1L << 20,
                'g' => 1L << 30,
                't' => 1L << 40,
                _ => throw new FormatException($"'{text}' is not a size: use a number with k, m, g or t."),
            };
            value = value[..^1];
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number <= 0)
        {
            throw new FormatException($"'{text}' is not a positive size.");
        }

        return checked(number * multiplier);
    }

    /// <summary>The short form used in names and fio arguments: 4096 -> "4k", 1 GiB -> "1g".</summary>
    internal static string Format(long bytes)
    {
        if (bytes % (1L << 30) == 0)
        {
            return (bytes >> 30).ToString(CultureInfo.InvariantCulture) + "g";
        }

        if (bytes % (1L << 20) == 0)
        {
            return (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return bytes % 1024 == 0
            ? (bytes >> 10).ToString(CultureInfo.InvariantCulture) + "k"
            : bytes.ToString(CultureInfo.InvariantCulture);
    }
}
