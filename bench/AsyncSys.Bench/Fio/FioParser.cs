using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Fio;

/// <summary>Reads fio's --output-format=json (fio 3.x): the first job's IOPS, CPU and latency percentiles.</summary>
internal static class FioParser
{
    /// <param name="output">fio's stdout; may start with warning lines before the JSON object.</param>
    /// <param name="write">Which direction to read: "write" for randwrite, else "read".</param>
    internal static FioResult Parse(string output, bool write)
    {
        int start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidDataException("fio printed no JSON.");
        }

        using JsonDocument document = JsonDocument.Parse(output.AsMemory(start), new JsonDocumentOptions { AllowTrailingCommas = true });
        JsonElement root = document.RootElement;
        JsonElement job = root.GetProperty("jobs")[0];
        if (job.TryGetProperty("error", out JsonElement error) && error.GetInt32() != 0)
        {
            throw new InvalidDataException($"fio job failed with error {error.GetInt32()}.");
        }

        JsonElement direction = job.GetProperty(write ? "write" : "read");
        double iops = direction.GetProperty("iops").GetDouble();
        double usr = job.GetProperty("usr_cpu").GetDouble();
        double sys = job.GetProperty("sys_cpu").GetDouble();

        // Prefer total latency (submission to completion, like ours; needs --lat_percentiles=1), else completion latency.
        JsonElement? percentiles = Percentiles(direction, "lat_ns") ?? Percentiles(direction, "clat_ns");
        return new FioResult
        {
            Version = root.TryGetProperty("fio version", out JsonElement version) ? version.GetString() : null,
            Iops = iops,
            UsrCpuPercent = usr,
            SysCpuPercent = sys,

            // usr/sys are percentages of one CPU over the run, so CPU-seconds per op = (usr+sys)/100 / IOPS.
            CpuSecondsPerMillionOps = iops > 0 ? (usr + sys) / 100 / iops * 1e6 : 0,
            P50Micros = Percentile(percentiles, 50),
            P99Micros = Percentile(percentiles, 99),
        };
    }

    private static JsonElement? Percentiles(JsonElement direction, string name) =>
        direction.TryGetProperty(name, out JsonElement lat) && lat.TryGetProperty("percentile", out JsonElement p) ? p : null;

    private static double? Percentile(JsonElement? percentiles, double which)
    {
        if (percentiles is not { } p)
        {
            return null;
        }

        // fio keys look like "50.000000" and "99.000000".
        string key = which.ToString("F6", CultureInfo.InvariantCulture);
        return p.TryGetProperty(key, out JsonElement nanos) ? nanos.GetDouble() / 1000 : null;
    }
}
