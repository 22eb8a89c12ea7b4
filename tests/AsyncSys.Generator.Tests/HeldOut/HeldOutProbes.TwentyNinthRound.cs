namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-ninth blind round (Debuggers.case, Profilers.case), written with the case files before the
/// generator was run on them. Results are the wrappers' own, or -errno where the wrapper answers -1 and errno; memory, mappings
/// and descriptors are the run's own (native memory, anonymous mappings, /proc/self files) and released by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyNinthRoundHelpers = """
                [DllImport("libc", EntryPoint = "mmap", SetLastError = true)] private static extern nint mmap_for_runs(nint addr, nuint length, int prot, int flags, int fd, long offset);
                [DllImport("libc", EntryPoint = "munmap", SetLastError = true)] private static extern int munmap_for_runs(nint addr, nuint length);
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "getpid")] private static extern int getpid_of_runs();

                public static long Pid() => getpid_of_runs();

                /// <summary>The number itself, or -errno when the wrapper answered a negative number.</summary>
                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Alloc(int size) => (long)NativeMemory.AllocZeroed((nuint)size);
                public static void Free(long p) => NativeMemory.Free((void*)p);
                public static void Fill(long p, byte[] bytes) => bytes.CopyTo(new Span<byte>((void*)p, bytes.Length));
                public static byte[] Peek(long p, int n) => new Span<byte>((void*)p, n).ToArray();

                /// <summary>An anonymous private read-write mapping of <paramref name="pages"/> pages; the listed pages are touched.</summary>
                public static long Map(int pages, int[] touched)
                {
                    nint p = mmap_for_runs(0, (nuint)(pages * 4096), 3, 0x22, -1, 0);
                    if (p == -1) { throw new InvalidOperationException("mmap " + Marshal.GetLastPInvokeError()); }
                    foreach (int t in touched) { ((byte*)p)[t * 4096] = 1; }
                    return p;
                }

                public static void Unmap(long p, int pages) => munmap_for_runs((nint)p, (nuint)(pages * 4096));

                /// <summary>A read-only, close-on-exec descriptor of a /proc file (the run closes it).</summary>
                public static long OpenProc(string path)
                {
                    int fd = open_for_runs(path, 0x80000);
                    return fd < 0 ? -Marshal.GetLastPInvokeError() : fd;
                }

                public static void Close(long fd) => close_for_runs((int)fd);

                /// <summary>Bit 63 (present) of each pagemap entry, as text.</summary>
                public static string Present(ulong[] entries) => string.Concat(entries.Select(e => (e >> 63) != 0 ? "1" : "0"));
        """;

    public const string Debuggers = """
        using System;
        using System.Linq;
        using System.Runtime.InteropServices;
        namespace HeldOut.Debuggers
        {
            public static unsafe class DebuggersProbes
            {
        """ + "\n" + TwentyNinthRoundHelpers + "\n" + """

                public static long Probe_vm_read(long remote, byte[] destination) => R(RemoteMemory.Read(Native.getpid(), (nint)remote, destination));

                public static long Probe_vm_write_split(byte[] source, long first, long second) =>
                    R(RemoteMemory.WriteSplit(Native.getpid(), source, (nint)first, (nint)second));
            }
        }
        """;

    public const string DebuggersLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Debuggers
        {
            public static unsafe class DebuggersLibraryImportProbes
            {
                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Probe_mem_pread(long fd, byte[] buf, long count, long offset) => R(RemoteMemory.ReadMem((int)fd, buf, (nuint)count, offset));

                public static long Probe_kcmp(long pid, int type, long idx1, long idx2) => R(Faults.Kcmp(Requests.SYS_kcmp, (int)pid, (int)pid, type, (nuint)idx1, (nuint)idx2));
            }
        }
        """;

    public const string Profilers = """
        using System;
        using System.ComponentModel;
        using System.Linq;
        using System.Runtime.InteropServices;
        namespace HeldOut.Profilers
        {
            public static unsafe class ProfilersProbes
            {
        """ + "\n" + TwentyNinthRoundHelpers + "\n" + """

                /// <summary>A disabled software counter of the calling thread (its value stays 0), or -errno (perf_event_paranoid may forbid it).</summary>
                public static long OpenPerf(bool group)
                {
                    PerfEventAttr attr = new PerfEventAttr { Type = Perf.PERF_TYPE_SOFTWARE, Size = 128, Config = Perf.PERF_COUNT_SW_PAGE_FAULTS, Flags = 1, ReadFormat = group ? Perf.PERF_FORMAT_GROUP : 0 };
                    long fd = Native.syscall5(Perf.SYS_perf_event_open, (long)&attr, 0, -1, -1, 8);
                    return fd < 0 ? -Marshal.GetLastPInvokeError() : fd;
                }

                public static ulong LastValue;

                public static long Probe_read_counter(long fd)
                {
                    nint n = Counters.ReadCounter((int)fd, out ulong value);
                    LastValue = value;
                    return R(n);
                }

                public static long LastCounter() => (long)LastValue;

                public static string ReadGroupText(long fd, int max)
                {
                    try { return string.Join(",", Counters.ReadGroup((int)fd, max)); }
                    catch (Exception e) { return "threw " + e.GetType().Name + ": " + e.Message; }
                }

                public static string GroupText(object? result) => result is ulong[] values ? string.Join(",", values) : "not an array: " + result;

                public static string SysInfoText()
                {
                    int rc = SystemFigures.GetSysInfo(out SysInfo info);
                    return rc + ":" + info.TotalRam + ":" + info.MemUnit;
                }

                public static long Probe_times() => R(SystemFigures.Times(out Tms buf)) > 0 && buf.UserTime >= 0 ? 1 : -1;

                public static long Probe_mincore(long address, long length, byte[] vec) => R(Residency.CountResident((nint)address, (nuint)length, vec));

                public static long Probe_madvise(long address, long length, int advice) => R(Residency.Advise((UIntPtr)(ulong)address, (nuint)length, (Advice)advice));

                public static string MarkColdText(long address, long length)
                {
                    try { Residency.MarkCold((nint)address, (nuint)length); return "ok"; }
                    catch (Win32Exception e) { return "threw Win32Exception: " + e.Message; }
                }

                public static string PresentText(long address)
                {
                    try { return PageMap.IsPresent((nint)address).ToString(); }
                    catch (Exception e) { return "threw " + e.GetType().Name + ": " + e.Message; }
                }

                public static long Probe_pagemap_raw(long fd, ulong[] buf, long count, long offset)
                {
                    fixed (ulong* b = buf) { return R(PageMap.ReadRaw((int)fd, b, (nuint)count, offset)); }
                }
            }
        }
        """;

    public const string ProfilersLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Profilers
        {
            public static unsafe class ProfilersLibraryImportProbes
            {
                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Probe_pagemap_read(long fd, ulong[] entries, long count, long offset) => R(PageMap.ReadEntries((int)fd, entries, (nuint)count, offset));
            }
        }
        """;
}
