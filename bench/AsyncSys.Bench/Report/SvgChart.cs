using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Report;

/// <summary>
/// Draws one run as an SVG written by hand (no chart package): horizontal bars of ops/s and of CPU µs per op,
/// one row per case plus fio when present, each labelled with its ratio to the baseline.
/// </summary>
internal static class SvgChart
{
    private const int Width = 980;
    private const int LabelWidth = 250;
    private const int BarWidth = 440;
    private const int RowHeight = 22;
    private const int PanelGap = 18;

    private sealed record Row(string Title, string Id, double? Value, string Text);

    internal static string Render(RunResult run, string? label)
    {
        string? baselineTitle = run.Cases.FirstOrDefault(c => c.Id == run.Baseline)?.Title;
        string baseline = run.IsFileWorkload ? "RA" : "base";
        List<Row> ops = Rows(run, c => c.OpsPerSecond, c => c.VsBaseline?.OpsPerSecond, Fmt.Ops, run.Fio?.Iops, " ops/s", baseline);
        List<Row> cpu = Rows(run, c => c.CpuSecondsPerMillionOps, c => c.VsBaseline?.CpuPerOp, v => Fmt.Micros(v), run.Fio?.CpuSecondsPerMillionOps, " µs", baseline);

        int panelHeight = 26 + (ops.Count * RowHeight);
        int top = (label is null ? 34 : 54) + (baselineTitle is null ? 0 : 18);
        int height = top + (2 * panelHeight) + PanelGap + 12;
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        Text(svg, 10, 20, ConsoleTable.RunTitle(run), "font-size=\"14\" font-weight=\"bold\"");
        if (label is not null)
        {
            Text(svg, 10, 40, label, "fill=\"#b00020\" font-weight=\"bold\"");
        }

        if (baselineTitle is not null)
        {
            Text(svg, 10, top - 8, $"ratios: × {baseline} = this case over {baselineTitle} in the same run", "fill=\"#555555\"");
        }

        Panel(svg, top, "ops/s (higher is better)", ops);
        Panel(svg, top + panelHeight + PanelGap, "CPU µs per op, whole process (lower is better)", cpu);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static List<Row> Rows(
        RunResult run,
        Func<CaseResult, double> value,
        Func<CaseResult, double?> ratio,
        Func<double, string> format,
        double? fio,
        string unit,
        string baseline)
    {
        var rows = new List<Row>();
        foreach (CaseResult c in run.Cases)
        {
            if (!c.IsOk)
            {
                rows.Add(new Row(c.Title, c.Id, null, c.Status));
                continue;
            }

            string text = format(value(c)) + unit;
            if (c.Id != run.Baseline && ratio(c) is { } r)
            {
                text += $"  ({Fmt.Ratio(r)} {baseline})";
            }

            rows.Add(new Row(c.Title, c.Id, value(c), text));
        }

        if (fio is { } f)
        {
            rows.Add(new Row("fio io_uring (reference)", "fio", f, format(f) + unit));
        }

        return rows;
    }

    private static void Panel(StringBuilder svg, int y, string title, List<Row> rows)
    {
        Text(svg, 10, y + 14, title, "font-weight=\"bold\"");
        double max = rows.Where(r => r.Value is not null).Select(r => r.Value!.Value).DefaultIfEmpty(1).Max();
        int rowY = y + 24;
        foreach (Row row in rows)
        {
            Text(svg, LabelWidth - 8, rowY + 15, row.Title, "text-anchor=\"end\"");
            if (row.Value is { } v)
            {
                double length = max > 0 ? Math.Max(1, v / max * BarWidth) : 1;
                svg.Append($"<rect x=\"{LabelWidth}\" y=\"{rowY + 3}\" width=\"{Fmt.Number(length, "F1")}\" height=\"{RowHeight - 6}\" fill=\"{Colour(row.Id)}\"/>\n");
                Text(svg, LabelWidth + (int)length + 6, rowY + 15, row.Text, "");
            }
            else
            {
                Text(svg, LabelWidth + 4, rowY + 15, row.Text, "fill=\"#888888\" font-style=\"italic\"");
            }

            rowY += RowHeight;
        }
    }

    private static string Colour(string id) => id switch
    {
        "randomaccess" => "#8c8c8c",
        "iouring" => "#2f6db5",
        "ringonly" => "#9ab8dc",
        "inline" => "#1f9e89",
        "ringcontext" => "#5bb98c",
        "aio" => "#6a51a3",
        "workers" => "#e6862d",
        "sync" => "#b5475a",
        "fio" => "#3a3a3a",
        _ => "#2f6db5",
    };

    private static void Text(StringBuilder svg, int x, int y, string text, string attributes) =>
        svg.Append($"<text x=\"{x}\" y=\"{y}\" {attributes}>{SecurityElement.Escape(text)}</text>\n");
}
