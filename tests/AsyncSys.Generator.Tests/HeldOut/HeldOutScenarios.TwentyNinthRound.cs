using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-ninth blind round (Debuggers.case, Profilers.case), written with the case files, before the
/// generator was run on them. Every run acts on this process's own memory and descriptors only: process_vm_readv/writev on the
/// test's own pid and native blocks the run allocates, /proc/self/mem and /proc/self/pagemap, mincore and madvise on mappings
/// the run makes, a disabled software perf counter of the calling thread (where perf_event_paranoid forbids it, the answer is
/// recorded on the row and the reads run on a regular file instead). ptrace and userfaultfd rows are checked by the generator
/// only.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string DebuggersProbeType = "HeldOut.Debuggers.DebuggersProbes";
    private const string DebuggersLibraryImportProbeType = "HeldOut.Debuggers.DebuggersLibraryImportProbes";
    private const string ProfilersProbeType = "HeldOut.Profilers.ProfilersProbes";
    private const string ProfilersLibraryImportProbeType = "HeldOut.Profilers.ProfilersLibraryImportProbes";
    private const int MadvPageOut29 = 21;

    private static Dictionary<string, (string, string)> WithTwentyNinthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Debuggers"] = (HeldOutProbes.Debuggers, HeldOutProbes.DebuggersLibraryImport);
        probes["Profilers"] = (HeldOutProbes.Profilers, HeldOutProbes.ProfilersLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentyNinthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in DebuggersRuns().Concat(ProfilersRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Call29(HeldOutRun r, string method, params object?[] arguments) =>
        r.CallStatic(r.Row.Case.Group == "Debuggers" ? DebuggersProbeType : ProfilersProbeType, method, arguments);

    /// <summary>Native memory of the run's, freed when the row ends.</summary>
    private static long Block29(HeldOutRun r, byte[] content)
    {
        long p = Convert.ToInt64(Call29(r, "Alloc", content.Length));
        Call29(r, "Fill", p, content);
        r.Track(new Release28(() => Call29(r, "Free", p)));
        return p;
    }

    /// <summary>An anonymous mapping of the run's (pages 0 and 2 of 4 touched), unmapped when the row ends.</summary>
    private static long Mapping29(HeldOutRun r)
    {
        long p = Convert.ToInt64(Call29(r, "Map", 4, new[] { 0, 2 }));
        r.Track(new Release28(() => Call29(r, "Unmap", p, 4)));
        return p;
    }

    private static long Proc29(HeldOutRun r, string path)
    {
        long fd = Convert.ToInt64(Call29(r, "OpenProc", path));
        if (fd < 0)
        {
            throw new ArgumentException(path + " cannot be opened here (" + fd + "): the row is checked by the generator only");
        }

        r.Track(new Release28(() => Call29(r, "Close", fd)));
        return fd;
    }

    /// <summary>
    /// A regular file of the run's whose first 16 bytes are the u64 1 and the u64 42 (a one-counter group record). Each side gets
    /// its own (read advances the file offset, where a perf counter's read does not).
    /// </summary>
    private static int CounterFile29(HeldOutRun r, string side) =>
        r.OpenFile("counter-" + side + "-" + r.Row.Case.Id, BitConverter.GetBytes(1UL).Concat(BitConverter.GetBytes(42UL)).ToArray());

    private static Dictionary<string, Func<HeldOutRun, Task>> DebuggersRuns() => new()
    {
        ["dbg.process_vm_readv_span_nint_remote"] = async r =>
        {
            long pid = Convert.ToInt64(Call29(r, "Pid"));
            byte[] pattern = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();
            long remote = Block29(r, pattern);
            byte[] a = new byte[64], b = new byte[64];
            r.ExpectSame("64 bytes of this process's own block", r.Sync("Probe_vm_read", remote, a), await r.Async(("pid", (int)pid), ("remoteAddress", (nint)remote), ("destination", b)));
            r.ExpectBytes("the bytes read", a, b);
            r.ExpectSame("an unmapped remote address (EFAULT)", r.Sync("Probe_vm_read", 4096L, new byte[16]), await r.Async(("pid", (int)pid), ("remoteAddress", (nint)4096), ("destination", new byte[16])));
        },
        ["dbg.process_vm_writev_split_remote"] = async r =>
        {
            long pid = Convert.ToInt64(Call29(r, "Pid"));
            byte[] source = Encoding.ASCII.GetBytes("written across two ranges of this process");
            long a1 = Block29(r, new byte[32]), a2 = Block29(r, new byte[32]), b1 = Block29(r, new byte[32]), b2 = Block29(r, new byte[32]);
            r.ExpectSame("the whole source, split in two", r.Sync("Probe_vm_write_split", source, a1, a2),
                await r.Async(("pid", (int)pid), ("source", source), ("first", (nint)b1), ("second", (nint)b2)));
            r.ExpectBytes("the first range", (byte[])Call29(r, "Peek", a1, 32)!, (byte[])Call29(r, "Peek", b1, 32)!);
            r.ExpectBytes("the second range", (byte[])Call29(r, "Peek", a2, 32)!, (byte[])Call29(r, "Peek", b2, 32)!);
            r.ExpectSame("the second range unmapped (a partial write: the first half)", r.Sync("Probe_vm_write_split", source, a1, 4096L),
                await r.Async(("pid", (int)pid), ("source", source), ("first", (nint)b1), ("second", (nint)4096)));
        },
        ["dbg.proc_mem_pread_span_address"] = async r =>
        {
            long fd = Proc29(r, "/proc/self/mem");
            byte[] pattern = Enumerable.Range(0, 48).Select(i => (byte)(255 - i)).ToArray();
            long block = Block29(r, pattern);
            byte[] a = new byte[48], b = new byte[48];
            r.ExpectSame("48 bytes at the block's address", (long)r.CallStatic(DebuggersLibraryImportProbeType, "Probe_mem_pread", fd, a, 48L, block)!,
                await r.Async(("fd", (int)fd), ("buf", b), ("count", (nuint)48), ("offset", block)));
            r.ExpectBytes("the bytes read", a, b);
            r.ExpectSame("an unmapped address (EIO)", (long)r.CallStatic(DebuggersLibraryImportProbeType, "Probe_mem_pread", fd, new byte[8], 8L, 4096L)!,
                await r.Async(("fd", (int)fd), ("buf", new byte[8]), ("count", (nuint)8), ("offset", 4096L)));
        },
        ["dbg.kcmp_syscall_libraryimport_number"] = async r =>
        {
            long pid = Convert.ToInt64(Call29(r, "Pid"));
            int f = r.OpenFile("kcmp-a", new byte[] { 1 }), g = r.OpenFile("kcmp-b", new byte[] { 2 });
            foreach ((string what, int type, int i1, int i2) in new[] { ("KCMP_VM of this process with itself (0)", 1, 0, 0), ("KCMP_FILE of one descriptor with itself (0)", 0, f, f), ("KCMP_FILE of two files (1 or 2)", 0, f, g), ("KCMP_FILE of a descriptor not open (EBADF)", 0, f, HeldOutRun.NotAnOpenFd) })
            {
                r.ExpectSame(what, (long)r.CallStatic(DebuggersLibraryImportProbeType, "Probe_kcmp", pid, type, (long)i1, (long)i2)!,
                    await r.Async(("number", 312L), ("pid1", (int)pid), ("pid2", (int)pid), ("type", type), ("idx1", (nuint)i1), ("idx2", (nuint)i2)));
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ProfilersRuns() => new()
    {
        ["prof.perf_counter_read_out_ulong"] = async r =>
        {
            long perf = Convert.ToInt64(Call29(r, "OpenPerf", false));
            var fds = new List<(string, int, int)> { ("8 bytes of a regular file (the u64 1)", CounterFile29(r, "sync"), CounterFile29(r, "async")) };
            if (perf < 0)
            {
                r.Row.Runs.Add("perf_event_open of a software counter: " + AsyncSys.Errno.NameOf((int)-perf) + " (perf_event_paranoid forbids it here; a valid answer): the reads run on a regular file");
            }
            else
            {
                r.Track(new Release28(() => Call29(r, "Close", perf)));
                fds.Add(("a disabled software counter (0)", (int)perf, (int)perf));
            }

            fds.Add(("a descriptor not open (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd));
            foreach ((string what, int fd, int asyncFd) in fds)
            {
                long sync = r.Sync("Probe_read_counter", (long)fd);
                long value = Convert.ToInt64(Call29(r, "LastCounter"));
                VariantOutcome v = await r.Async(("fd", asyncFd));
                r.ExpectSame(what, sync, v);
                if (sync > 0)
                {
                    r.ExpectSame(what + ": the value", value, new VariantOutcome(null, HeldOutRun.Member(v.Result, "value"), null, null));
                }
            }
        },
        ["prof.perf_read_group_ordinary_array"] = async r =>
        {
            long perf = Convert.ToInt64(Call29(r, "OpenPerf", true));
            var fds = new List<(string, int, int)> { ("a regular file holding a one-counter record (42)", CounterFile29(r, "sync"), CounterFile29(r, "async")) };
            if (perf < 0)
            {
                r.Row.Runs.Add("perf_event_open of a software counter: " + AsyncSys.Errno.NameOf((int)-perf) + " (perf_event_paranoid forbids it here; a valid answer): the group read runs on a regular file");
            }
            else
            {
                r.Track(new Release28(() => Call29(r, "Close", perf)));
                fds.Add(("a disabled group leader (one counter, 0)", (int)perf, (int)perf));
            }

            fds.Add(("a descriptor not open (Win32Exception, EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd));
            foreach ((string what, int fd, int asyncFd) in fds)
            {
                string sync = (string)Call29(r, "ReadGroupText", (long)fd, 4)!;
                VariantOutcome v = await r.Async(("fd", asyncFd), ("maxCounters", 4));
                SameText28(r, what, sync, Text28(v, x => (string)Call29(r, "GroupText", x)!, withMessage: true));
            }
        },
        ["prof.sysinfo_out_struct"] = async r =>
        {
            string sync = (string)Call29(r, "SysInfoText")!;
            VariantOutcome v = await r.Async();
            SameText28(r, "sysinfo: result, totalram and mem_unit (the fields that do not move)", sync,
                Text28(v, x => (Code28(x) ?? 0) + ":" + HeldOutRun.Member(x, "TotalRam") + ":" + HeldOutRun.Member(x, "MemUnit")));
        },
        ["prof.times_out_struct_clock_result"] = async r =>
        {
            long sync = r.Sync("Probe_times");
            VariantOutcome v = await r.Async();
            long? ticks = v.Number ?? (v.Result is null ? null : HeldOutRunner.AsNumber(v.Result));
            r.Row.Runs.Add("times: sync " + (sync > 0 ? "clock ticks" : "failed") + ", async " + v);
            SameText28(r, "times: a positive clock and a process time", sync > 0 ? "ticks" : "failed",
                v.Other is null && v.Errno is null && ticks > 0 && HeldOutRun.Member(v.Result, "UserTime") >= 0 ? "ticks" : "failed: " + v);
        },
        ["prof.mincore_ordinary_span_count"] = async r =>
        {
            long m = Mapping29(r);
            byte[] a = new byte[4], b = new byte[4];
            r.ExpectSame("4 pages, 2 touched", r.Sync("Probe_mincore", m, 4L * 4096, a), await r.Async(("address", (nint)m), ("length", (nuint)(4 * 4096)), ("vec", b)));
            r.ExpectBytes("the vector", a, b);
            r.ExpectSame("an unaligned address (EINVAL)", r.Sync("Probe_mincore", m + 1, 4096L, new byte[1]), await r.Async(("address", (nint)(m + 1)), ("length", (nuint)4096), ("vec", new byte[1])));
        },
        ["prof.madvise_pageout_uintptr_enum"] = async r =>
        {
            long a = Mapping29(r), b = Mapping29(r);
            r.ExpectSame("MADV_PAGEOUT over 4 pages", r.Sync("Probe_madvise", a, 4L * 4096, MadvPageOut29),
                await r.Async(("addr", (UIntPtr)(ulong)b), ("length", (nuint)(4 * 4096)), ("advice", MadvPageOut29)));
            byte[] va = new byte[4], vb = new byte[4];
            r.ExpectSame("mincore after (the same residency)", r.Sync("Probe_mincore", a, 4L * 4096, va), new VariantOutcome(null, r.Sync("Probe_mincore", b, 4L * 4096, vb), null, null));
            r.ExpectBytes("residency after", va, vb);
            r.ExpectSame("an unaligned address (EINVAL)", r.Sync("Probe_madvise", a + 1, 4096L, MadvPageOut29),
                await r.Async(("addr", (UIntPtr)(ulong)(b + 1)), ("length", (nuint)4096), ("advice", MadvPageOut29)));
            r.ExpectSame("advice 999 (EINVAL)", r.Sync("Probe_madvise", a, 4096L, 999), await r.Async(("addr", (UIntPtr)(ulong)b), ("length", (nuint)4096), ("advice", 999)));
        },
        ["prof.madvise_cold_ordinary_throws"] = async r =>
        {
            long a = Mapping29(r), b = Mapping29(r);
            foreach ((string what, long offset) in new[] { ("MADV_COLD over 4 pages", 0L), ("an unaligned address (Win32Exception, EINVAL)", 1L) })
            {
                string sync = (string)Call29(r, "MarkColdText", a + offset, 4L * 4096)!;
                VariantOutcome v = await r.Async(("address", (nint)(b + offset)), ("length", (nuint)(4 * 4096)));
                SameText28(r, what, sync, Text28(v, _ => "ok", withMessage: true));
            }
        },
        ["prof.pagemap_pread_span_ulong"] = async r =>
        {
            long fd = Proc29(r, "/proc/self/pagemap");
            long m = Mapping29(r);
            long offset = m / 4096 * 8;
            ulong[] a = new ulong[4], b = new ulong[4];
            r.ExpectSame("4 entries (32 bytes)", (long)r.CallStatic(ProfilersLibraryImportProbeType, "Probe_pagemap_read", fd, a, 32L, offset)!,
                await r.Async(("fd", (int)fd), ("entries", b), ("count", (nuint)32), ("offset", offset)));
            SameText28(r, "the present bits (pages 0 and 2 touched)", (string)Call29(r, "Present", a)!, (string)Call29(r, "Present", b)!);
            r.ExpectSame("an offset not a multiple of 8 (EINVAL)", (long)r.CallStatic(ProfilersLibraryImportProbeType, "Probe_pagemap_read", fd, new ulong[1], 8L, offset + 1)!,
                await r.Async(("fd", (int)fd), ("entries", new ulong[1]), ("count", (nuint)8), ("offset", offset + 1)));
        },
        ["prof.pagemap_present_ordinary"] = async r =>
        {
            long m = Mapping29(r);
            foreach ((string what, long address) in new[] { ("a touched page", m), ("an untouched page", m + 4096) })
            {
                SameText28(r, what, (string)Call29(r, "PresentText", address)!, Text28(await r.Async(("address", (nint)address)), x => x?.ToString() ?? "nothing", withMessage: true));
            }
        },
        ["prof.pagemap_read_marked_pointer"] = async r =>
        {
            long fd = Proc29(r, "/proc/self/pagemap");
            long m = Mapping29(r);
            long offset = m / 4096 * 8;
            ulong[] a = new ulong[4], b = new ulong[4];
            bool bytes = r.ParameterType("buf") is string type && type.Contains("byte", StringComparison.Ordinal);
            r.Row.Runs.Add("the variant's buf is " + r.ParameterType("buf") + ": the run passes " + (bytes ? "32 bytes" : "4 entries"));
            byte[] raw = new byte[32];
            r.ExpectSame("4 entries (32 bytes)", r.Sync("Probe_pagemap_raw", fd, a, 32L, offset), await r.Async(("fd", (int)fd), ("buf", bytes ? raw : b), ("count", (nuint)32), ("offset", offset)));
            if (bytes)
            {
                Buffer.BlockCopy(raw, 0, b, 0, 32);
            }

            SameText28(r, "the present bits (pages 0 and 2 touched)", (string)Call29(r, "Present", a)!, (string)Call29(r, "Present", b)!);
        },
    };
}
