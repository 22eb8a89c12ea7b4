using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace AsyncSys.Bench.Cli;

/// <summary>The parsed command line. Unknown flags are errors: a typo must not silently change a measurement.</summary>
internal sealed class BenchOptions
{
    /// <summary>On the root disk, not /tmp: /tmp may be tmpfs, where O_DIRECT is refused and nothing touches a disk.</summary>
    internal const string DefaultFile = "/var/tmp/asyncsys-bench.dat";

    internal string Command { get; private set; } = "help";
    internal long BlockSize { get; private set; } = 4096;
    internal IReadOnlyList<int> QueueDepths { get; private set; } = new[] { 32 };
    internal double Seconds { get; private set; } = 10;
    internal double? WarmupSeconds { get; private set; }
    internal IReadOnlyList<CaseKind> Cases { get; private set; } = AllCases;
    internal bool Direct { get; private set; }
    internal string FilePath { get; private set; } = DefaultFile;
    internal long FileSize { get; private set; } = 1L << 30;
    internal string? JsonPath { get; private set; }
    internal string? OutPath { get; private set; }
    internal string? Label { get; private set; }
    internal bool KeepFile { get; private set; }
    internal bool NoFio { get; private set; }
    internal bool QueueDepthGiven { get; private set; }
    internal bool SecondsGiven { get; private set; }
    internal bool BlockSizeGiven { get; private set; }
    internal IReadOnlyList<string> Positional { get; private set; } = Array.Empty<string>();

    /// <summary>The optional io_uring kernel features the "kernel" and "inlinekernel" cases ask for (--kernel; default none).</summary>
    internal Backends.IoUring.IoUringKernelFeatures KernelFeatures { get; private set; }

    /// <summary>How many rings the "kernel" and "inlinekernel" cases spread over, as IoRing.Shared does (--rings; default 1).</summary>
    internal int Rings { get; private set; } = 1;

    /// <summary>What the "kernel" and "inlinekernel" cases run with.</summary>
    internal Measurement.RingVariant Variant => new(KernelFeatures, Rings);

    internal static IReadOnlyList<CaseKind> AllCases { get; } = new[]
    {
        CaseKind.RandomAccess, CaseKind.IoUring, CaseKind.IoUringRingOnly, CaseKind.IoUringInline, CaseKind.LinuxAio, CaseKind.Workers, CaseKind.Sync,
    };

    /// <summary>Cases run only when named in --mode: the default and inline rings with the kernel features of --kernel.</summary>
    internal static IReadOnlyList<CaseKind> ExtraCases { get; } = new[] { CaseKind.IoUringKernelVariant, CaseKind.IoUringInlineKernelVariant, CaseKind.IoUringRingContext };

    private static IEnumerable<CaseKind> KnownCases => AllCases.Concat(ExtraCases);

    /// <summary>Warm-up before each case: a fifth of the window, between 0.5 and 2 seconds, unless given.</summary>
    internal double Warmup => WarmupSeconds ?? Math.Clamp(Seconds / 5, 0.5, 2);

    internal static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i == 0)
                {
                    options.Command = arg.ToLowerInvariant();
                }
                else
                {
                    positional.Add(arg);
                }

                continue;
            }

            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value.");
            switch (arg)
            {
                case "--bs": options.BlockSize = SizeParser.Parse(Next()); options.BlockSizeGiven = true; break;
                case "--qd": options.QueueDepths = ParseQueueDepths(Next()); options.QueueDepthGiven = true; break;
                case "--seconds": options.Seconds = ParsePositive(arg, Next()); options.SecondsGiven = true; break;
                case "--warmup": options.WarmupSeconds = ParseNonNegative(arg, Next()); break;
                case "--mode": options.Cases = ParseModes(Next()); break;
                case "--direct": options.Direct = true; break;
                case "--file": options.FilePath = Path.GetFullPath(Next()); break;
                case "--size": options.FileSize = SizeParser.Parse(Next()); break;
                case "--json": options.JsonPath = Next(); break;
                case "--out": options.OutPath = Next(); break;
                case "--label": options.Label = Next(); break;
                case "--keep-file": options.KeepFile = true; break;
                case "--no-fio": options.NoFio = true; break;
                case "--kernel": options.KernelFeatures = ParseKernelFeatures(Next()); break;
                case "--rings": options.Rings = ParseQueueDepths(Next())[0]; break;
                case "--help" or "-h": options.Command = "help"; break;
                default: throw new FormatException($"Unknown option {arg}; see 'help'.");
            }
        }

        options.Positional = positional;
        options.Validate();
        return options;
    }

    private void Validate()
    {
        if (BlockSize > int.MaxValue / 2)
        {
            throw new FormatException("--bs is too large.");
        }

        if (Direct && BlockSize % 512 != 0)
        {
            throw new FormatException("--direct needs --bs to be a multiple of 512 (the device's logical block size; 4096 is safest).");
        }

        if (FileSize < BlockSize)
        {
            throw new FormatException("--size must be at least one block (--bs).");
        }
    }

    /// <summary>"all" or a comma list. The RandomAccess baseline is always added: every ratio needs it.</summary>
    internal static IReadOnlyList<CaseKind> ParseModes(string text)
    {
        var chosen = new HashSet<CaseKind> { CaseKind.RandomAccess };
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                chosen.UnionWith(AllCases);
                continue;
            }

            CaseKind? match = KnownCases.Cast<CaseKind?>().FirstOrDefault(k => CaseNames.Id(k!.Value).Equals(part, StringComparison.OrdinalIgnoreCase));
            chosen.Add(match ?? throw new FormatException($"Unknown mode '{part}': use all, iouring, ringonly, inline, aio, workers, randomaccess, sync, kernel, inlinekernel or ringcontext."));
        }

        return KnownCases.Where(chosen.Contains).ToArray();
    }

    /// <summary>A comma list of singleissuer, defer, coop, ringfd, extarg, or all / default / none.</summary>
    internal static Backends.IoUring.IoUringKernelFeatures ParseKernelFeatures(string text)
    {
        var features = Backends.IoUring.IoUringKernelFeatures.None;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            features |= part.ToLowerInvariant() switch
            {
                "all" => Backends.IoUring.IoUringKernelFeatures.All,
                "none" => Backends.IoUring.IoUringKernelFeatures.None,
                "default" => Backends.IoUring.IoUringKernelFeatures.Default,
                "singleissuer" => Backends.IoUring.IoUringKernelFeatures.SingleIssuer,
                "defer" => Backends.IoUring.IoUringKernelFeatures.DeferTaskRun,
                "coop" => Backends.IoUring.IoUringKernelFeatures.CoopTaskRun,
                "ringfd" => Backends.IoUring.IoUringKernelFeatures.RegisteredRingFd,
                "extarg" => Backends.IoUring.IoUringKernelFeatures.ExtArgWait,
                _ => throw new FormatException($"Unknown kernel feature '{part}': use singleissuer, defer, coop, ringfd, extarg, all, default or none."),
            };
        }

        return features;
    }

    internal static IReadOnlyList<int> ParseQueueDepths(string text)
    {
        int[] depths = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out int qd) && qd is >= 1 and <= 4096
                ? qd
                : throw new FormatException($"'{p}' is not a queue depth (1..4096)."))
            .ToArray();
        return depths.Length > 0 ? depths : throw new FormatException("--qd needs at least one value.");
    }

    private static double ParsePositive(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 ? v : throw new FormatException($"{name} must be a positive number.");

    private static double ParseNonNegative(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0 ? v : throw new FormatException($"{name} must be zero or positive.");

    /// <summary>The same options with another window length (the suite's shorter default).</summary>
    internal BenchOptions WithSeconds(double seconds)
    {
        BenchOptions copy = With(Command, QueueDepths, Direct);
        copy.Seconds = seconds;
        return copy;
    }

    /// <summary>A copy for one sub-run of the suite.</summary>
    internal BenchOptions With(string command, IReadOnlyList<int> depths, bool direct) => new()
    {
        Command = command,
        BlockSize = BlockSize,
        QueueDepths = depths,
        QueueDepthGiven = true,
        Seconds = Seconds,
        SecondsGiven = SecondsGiven,
        WarmupSeconds = WarmupSeconds,
        Cases = Cases,
        Direct = direct,
        FilePath = FilePath,
        FileSize = FileSize,
        JsonPath = JsonPath,
        Label = Label,
        KeepFile = true,
        NoFio = NoFio,
        KernelFeatures = KernelFeatures,
        Rings = Rings,
    };
}
