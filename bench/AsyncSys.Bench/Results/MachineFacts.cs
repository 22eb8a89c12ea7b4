using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace AsyncSys.Bench.Results;

/// <summary>What a reader needs to judge the numbers: cores, kernel, CPU model, memory, .NET, io_uring policy.</summary>
internal sealed class MachineFacts
{
    public int Cores { get; set; }

    public string Kernel { get; set; } = "";

    public string CpuModel { get; set; } = "";

    public long MemoryBytes { get; set; }

    public string DotNet { get; set; } = "";

    public string Os { get; set; } = "";

    public string Architecture { get; set; } = "";

    /// <summary>/proc/sys/kernel/io_uring_disabled: 0 allowed, 1 for a group only, 2 disabled; null when absent.</summary>
    public string? IoUringDisabled { get; set; }

    /// <summary>The 1-minute load average when the run started: a busy machine shows here.</summary>
    public double? LoadAverage { get; set; }

    internal static MachineFacts Collect() => new()
    {
        Cores = Environment.ProcessorCount,
        Kernel = ReadFirstLine("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        CpuModel = CpuModelName(),
        MemoryBytes = MemInfo("MemTotal") ?? 0,
        DotNet = RuntimeInformation.FrameworkDescription,
        Os = RuntimeInformation.OSDescription,
        Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
        IoUringDisabled = ReadFirstLine("/proc/sys/kernel/io_uring_disabled"),
        LoadAverage = double.TryParse(ReadFirstLine("/proc/loadavg")?.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null,
    };

    /// <summary>A /proc/meminfo field in bytes (the file gives kB).</summary>
    internal static long? MemInfo(string field)
    {
        string? line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        string? number = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long kb) ? kb * 1024 : null;
    }

    /// <summary>The file system type holding <paramref name="path"/>: the longest matching mount point in /proc/mounts.</summary>
    internal static string? FileSystemOf(string path)
    {
        string full = Path.GetFullPath(path);
        string? best = null;
        int bestLength = -1;
        foreach (string line in ReadLines("/proc/mounts"))
        {
            string[] parts = line.Split(' ');
            if (parts.Length < 3)
            {
                continue;
            }

            string mount = parts[1];
            bool under = full == mount || full.StartsWith(mount.EndsWith('/') ? mount : mount + "/", StringComparison.Ordinal);
            if (under && mount.Length > bestLength)
            {
                best = $"{parts[2]} ({parts[0]} on {mount})";
                bestLength = mount.Length;
            }
        }

        return best;
    }

    private static string CpuModelName()
    {
        // x86 says "model name"; many arm64 kernels give no name at all, only "CPU part".
        string? line = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?? ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("CPU part", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string? ReadFirstLine(string path) => ReadLines(path).FirstOrDefault()?.Trim();

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
        catch (UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
