using System.Globalization;

namespace AsyncSys.Bench.Report;

/// <summary>Number formats shared by the console table, the Markdown and the SVG, so all three agree.</summary>
internal static class Fmt
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    internal static string Ops(double value) => value.ToString("N0", Invariant);

    internal static string Micros(double? value) => value switch
    {
        null => "–",
        < 10 => value.Value.ToString("F2", Invariant),
        < 100 => value.Value.ToString("F1", Invariant),
        _ => value.Value.ToString("N0", Invariant),
    };

    internal static string Bytes(double value) => value < 10 ? value.ToString("F1", Invariant) : value.ToString("N0", Invariant);

    internal static string Ratio(double? value) => value is { } v ? v.ToString(v < 10 ? "F2" : "F1", Invariant) + "×" : "–";

    internal static string Number(double value, string format) => value.ToString(format, Invariant);
}
