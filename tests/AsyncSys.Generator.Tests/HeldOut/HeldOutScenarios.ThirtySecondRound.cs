using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-second blind round (TypeDefs.case, Posix.case), written with the case files, before the
/// generator was run on them. Only the run's own files (each side its own descriptor where the call moves the file offset) and
/// pipes, a descriptor that is not open (999999), getpid and getresuid of the test host (read only), realpath of the run's own
/// paths, qsort over native memory the run allocates and frees, and a private read-only mapping of the run's own file, unmapped
/// by the run. umask is not called (a process-wide setting): its rows are checked by the generator only.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string TypeDefsProbeType = "HeldOut.TypeDefs.TypeDefsProbes";
    private const string PosixProbeType = "HeldOut.Posix.PosixProbes";

    private static Dictionary<string, (string, string)> WithThirtySecondRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["TypeDefs"] = (HeldOutProbes.TypeDefs, HeldOutProbes.TypeDefsLibraryImport);
        probes["Posix"] = (HeldOutProbes.Posix, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtySecondRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in TypeDefsRuns().Concat(PosixRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? TypeDefs32(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(TypeDefsProbeType, method, arguments);

    private static byte[] Pattern32(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();

    /// <summary>A pipe made by the probes of the row's own case assembly (TypeDefs or Posix).</summary>
    private static (int Read, int Write) Pipe32(HeldOutRun r)
    {
        long pair = Convert.ToInt64(r.CallStatic(r.Row.Case.Id.StartsWith("td.", StringComparison.Ordinal) ? TypeDefsProbeType : PosixProbeType, "PipeForRuns"));
        return (Made(r, pair < 0 ? pair : pair & 0xFFFFFFFF, "pipe2"), Made(r, pair < 0 ? pair : pair >> 32, "pipe2"));
    }

    /// <summary>The same file opened twice: one descriptor per side, where the call moves the file offset.</summary>
    private static (int A, int B) TwoOpens32(HeldOutRun r, string name, byte[] content)
    {
        int a = r.OpenFile(name, content);
        return (a, r.OpenExisting(Path.Combine(r.Directory, name)));
    }

    /// <summary>A variant's exception must be the wrapper's UnixIOException with the same errno (sync: -errno of the one it threw).</summary>
    private static void ExpectUnixIOException32(HeldOutRun r, string what, long sync, VariantOutcome v)
    {
        long thrown = v.Other is null ? 0 : Convert.ToInt64(r.CallStatic(PosixProbeType, "ErrnoOf", v.Other));
        r.Row.Runs.Add(what + ": sync " + sync + ", async " + v);
        if (sync >= 0)
        {
            r.ExpectSame(what, sync, v);
        }
        else if (v.Other?.GetType().Name != "UnixIOException" || -thrown != sync)
        {
            r.Row.Problems.Add(what + ": the variant " + v + " where the sync wrapper threw UnixIOException(" + -sync + ")");
        }
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> TypeDefsRuns() => new()
    {
        ["td.pread_safehandle_subclass_typedefs_libraryimport"] = async r =>
        {
            int fd = r.OpenFile("td-pread", Pattern32(64));
            foreach ((long count, long offset, string what) in new[] { (16L, 5L, "16 bytes at 5"), (16L, 1000L, "past the end (0)"), (0L, 0L, "no bytes") })
            {
                byte[] a = new byte[count], b = new byte[count];
                r.ExpectSame(what, r.Sync("Probe_td_pread", fd, a, count, offset), await r.Async(("fd", fd), ("buf", b), ("count", count), ("offset", offset)));
                r.ExpectBytes(what, a, b);
            }

            // No pread on a pipe: an offset on a pipe is ignored on every backend, as io_uring does (docs/reliability.md), so
            // the ring variant waits for data where the synchronous pread fails with ESPIPE (found by the first run).
            r.ExpectBadFd(r.Sync("Probe_td_pread", HeldOutRun.NotAnOpenFd, new byte[4], 4L, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[4]), ("count", 4L), ("offset", 0L)));
        },
        ["td.write_span_nuint_count_typedef_result_libraryimport"] = async r =>
        {
            int a = r.OpenFile("td-write-a", Array.Empty<byte>()), b = r.OpenFile("td-write-b", Array.Empty<byte>());
            byte[] data = Pattern32(10);
            r.ExpectSame("10 bytes into a new file", r.Sync("Probe_td_write", a, data, 10L), await r.Async(("fd", b), ("buf", data), ("count", 10L)));
            r.ExpectBytes("the files' bytes", File.ReadAllBytes(Path.Combine(r.Directory, "td-write-a")), File.ReadAllBytes(Path.Combine(r.Directory, "td-write-b")));
            var pipe = Pipe32(r);
            r.ExpectSame("the read end of a pipe (EBADF)", r.Sync("Probe_td_write", pipe.Read, data, 10L), await r.Async(("fd", pipe.Read), ("buf", data), ("count", 10L)));
            r.ExpectBadFd(r.Sync("Probe_td_write", HeldOutRun.NotAnOpenFd, data, 10L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", 10L)));
        },
        ["td.lseek_typedef_offset_whence_enum"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "td-lseek", Pattern32(40));
            r.ExpectSame("SEEK_END 0 (the size)", r.Sync("Probe_td_lseek", a, 0L, 2), await r.Async(("fd", b), ("offset", 0L), ("whence", 2)));
            r.ExpectSame("SEEK_CUR -3 from the end", r.Sync("Probe_td_lseek", a, -3L, 1), await r.Async(("fd", b), ("offset", -3L), ("whence", 1)));
            r.ExpectSame("SEEK_SET -1 (EINVAL)", r.Sync("Probe_td_lseek", a, -1L, 0), await r.Async(("fd", b), ("offset", -1L), ("whence", 0)));
            var pipe = Pipe32(r);
            r.ExpectSame("a pipe (ESPIPE)", r.Sync("Probe_td_lseek", pipe.Read, 0L, 1), await r.Async(("fd", pipe.Read), ("offset", 0L), ("whence", 1)));
            r.ExpectBadFd(r.Sync("Probe_td_lseek", HeldOutRun.NotAnOpenFd, 0L, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 1)));
        },
        ["td.getpid_pid_t_result"] = async r => r.ExpectSame("getpid", r.Sync("Probe_td_getpid"), await r.Async()),
        ["td.open_flags_enum_typedef_mode_marshalas_path"] = async r =>
        {
            string existing = Path.Combine(r.Directory, "td-open");
            File.WriteAllBytes(existing, Pattern32(23));
            long sync = r.Sync("Probe_td_open", existing, 0x80000, 0u);
            VariantOutcome v = await r.Async(("pathname", existing), ("flags", 0x80000), ("mode", 0L));
            if (sync >= 0 && v.Number is long opened && opened >= 0)
            {
                int a = Made(r, sync, "open (sync)"), b = Made(r, opened, "open (variant)");
                ReadBack(r, "an existing file, O_RDONLY | O_CLOEXEC: the size through each descriptor", Convert.ToInt64(TypeDefs32(r, "SizeOf", (long)a)), Convert.ToInt64(TypeDefs32(r, "SizeOf", (long)b)));
            }
            else
            {
                r.ExpectSame("an existing file, O_RDONLY | O_CLOEXEC", sync, v);
            }

            string missing = Path.Combine(r.Directory, "td-no-such-file");
            r.ExpectSame("a missing file (ENOENT)", r.Sync("Probe_td_open", missing, 0x80000, 0u), await r.Async(("pathname", missing), ("flags", 0x80000), ("mode", 0L)));
            r.ExpectSame("O_CREAT | O_EXCL of an existing file (EEXIST)", r.Sync("Probe_td_open", existing, 0x80000 | 0x40 | 0x80 | 1, 0x180u),
                await r.Async(("pathname", existing), ("flags", 0x80000 | 0x40 | 0x80 | 1), ("mode", 0x180L)));
        },
        ["td.mmap_flags_enums_typedefs_stated"] = async r =>
        {
            int fd = r.OpenFile("td-mmap", Pattern32(8192));
            long sync = r.Sync("Probe_td_mmap", fd, 4096L, 4096L);
            VariantOutcome v = await r.Async(("addr", 0L), ("length", 4096L), ("prot", 1), ("flags", 2), ("fd", fd), ("offset", 4096L));
            try
            {
                if (sync > 0 && v.Number is long mapped && mapped > 0 && v.Errno is null)
                {
                    SameText(r, "the second page's first 32 bytes through each mapping", (string)TypeDefs32(r, "Peek", sync, 32)!, (string)TypeDefs32(r, "Peek", mapped, 32)!);
                }
                else
                {
                    r.ExpectSame("a private read-only mapping of the second page", sync, v);
                }
            }
            finally
            {
                if (sync > 0)
                {
                    TypeDefs32(r, "Unmap", sync, 4096L);
                }

                if (v.Errno is null && v.Number is long m && m > 0)
                {
                    TypeDefs32(r, "Unmap", m, 4096L);
                }
            }

            r.ExpectSame("an offset not a multiple of the page size (EINVAL)", r.Sync("Probe_td_mmap", fd, 4096L, 1L), await r.Async(("addr", 0L), ("length", 4096L), ("prot", 1), ("flags", 2), ("fd", fd), ("offset", 1L)));
            r.ExpectBadFd(r.Sync("Probe_td_mmap", HeldOutRun.NotAnOpenFd, 4096L, 0L), await r.Async(("addr", 0L), ("length", 4096L), ("prot", 1), ("flags", 2), ("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L)));
        },
        ["td.getresuid_out_typedefs_stated"] = async r =>
        {
            object?[] args = { null, null, null };
            long sync = r.Sync("Probe_td_getresuid", args);
            VariantOutcome v = await r.Async();
            r.ExpectSame("getresuid", sync, v);
            SameValue(r, "ruid", (long)args[0]!, v, "ruid");
            SameValue(r, "euid", (long)args[1]!, v, "euid");
            SameValue(r, "suid", (long)args[2]!, v, "suid");
        },
        ["td.realpath_marshalas_string_both_ways"] = async r =>
        {
            File.WriteAllBytes(Path.Combine(r.Directory, "td-real"), Pattern32(3));
            foreach ((string path, string what) in new[] { (Path.Combine(r.Directory, ".", "td-real"), "an existing file through ./"), (Path.Combine(r.Directory, "td-missing", ".."), "a missing directory (ENOENT)") })
            {
                object?[] args = { path, null };
                long sync = r.Sync("Probe_td_realpath", args);
                VariantOutcome v = await r.Async(("path", path), ("resolved_path", 0L));
                if (sync == 0 && v.Other is null && v.Errno is null)
                {
                    SameText(r, what, (string?)args[1], v.Result as string ?? "(not a string: " + v + ")");
                }
                else
                {
                    r.ExpectSame(what, sync, v);
                }
            }
        },
        ["td.qsort_typedef_function_pointer_nint_base"] = async r =>
        {
            int[] values = { 5, 3, 9, -1, 7, 3 };
            long a = Convert.ToInt64(TypeDefs32(r, "Ints", values)), b = Convert.ToInt64(TypeDefs32(r, "Ints", values));
            try
            {
                r.ExpectSame("qsort of six ints", r.Sync("Probe_td_qsort", a, values.Length),
                    await r.Async(("base", b), ("nmemb", (long)values.Length), ("size", 4L), ("compar", TypeDefs32(r, "Comparer"))));
                SameText(r, "the sorted ints", (string)TypeDefs32(r, "IntsAt", a, values.Length)!, (string)TypeDefs32(r, "IntsAt", b, values.Length)!);
            }
            finally
            {
                TypeDefs32(r, "FreeInts", a);
                TypeDefs32(r, "FreeInts", b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> PosixRuns() => new()
    {
        ["posix.read_throws_unix_io_exception"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "px-read", Pattern32(24));
            byte[] bufA = new byte[16], bufB = new byte[16];
            ExpectUnixIOException32(r, "16 of 24 bytes", r.Sync("Probe_px_read_or_throw", a, bufA), await r.Async(("fd", b), ("buf", bufB)));
            r.ExpectBytes("16 of 24 bytes", bufA, bufB);
            ExpectUnixIOException32(r, "the last 8", r.Sync("Probe_px_read_or_throw", a, bufA), await r.Async(("fd", b), ("buf", bufB)));
            r.ExpectBytes("the last 8", bufA, bufB);
            ExpectUnixIOException32(r, "a descriptor not open (UnixIOException EBADF)", r.Sync("Probe_px_read_or_throw", HeldOutRun.NotAnOpenFd, bufA), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", bufB)));
        },
        ["posix.pread_returns_errno_enum_out_count"] = async r =>
        {
            int fd = r.OpenFile("px-pread", Pattern32(30));
            byte[] bufA = new byte[8], bufB = new byte[8];
            object?[] args = { fd, bufA, 20L, null };
            long sync = r.Sync("Probe_px_try_read_at", args);
            VariantOutcome v = await r.Async(("fd", fd), ("buf", bufB), ("offset", 20L));
            r.ExpectSame("8 bytes at 20 (Errno.Success)", sync, v);
            SameValue(r, "the count", (long)args[3]!, v, "count");
            r.ExpectBytes("8 bytes at 20", bufA, bufB);
            args = new object?[] { HeldOutRun.NotAnOpenFd, bufA, 0L, null };
            sync = r.Sync("Probe_px_try_read_at", args);
            r.ExpectBadFd(sync > 0 ? -sync : sync, await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", bufB), ("offset", 0L)));
            args = new object?[] { fd, bufA, -1L, null };
            sync = r.Sync("Probe_px_try_read_at", args);
            r.ExpectSame("a negative offset (Errno.EINVAL returned)", sync > 0 ? -sync : sync, await r.Async(("fd", fd), ("buf", bufB), ("offset", -1L)));
        },
        ["posix.write_all_eintr_loop_uncancellable"] = async r =>
        {
            int a = r.OpenFile("px-write-a", Array.Empty<byte>()), b = r.OpenFile("px-write-b", Array.Empty<byte>());
            byte[] data = Pattern32(12);
            r.ExpectSame("12 bytes", r.Sync("Probe_px_write_all", a, data), await r.Async(("fd", b), ("buf", data)));
            r.ExpectBytes("the files' bytes", File.ReadAllBytes(Path.Combine(r.Directory, "px-write-a")), File.ReadAllBytes(Path.Combine(r.Directory, "px-write-b")));
            r.ExpectBadFd(r.Sync("Probe_px_write_all", HeldOutRun.NotAnOpenFd, data), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data)));
        },
        ["posix.read_eintr_loop_cancellable_out_errno"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "px-retry", Pattern32(20));
            byte[] bufA = new byte[32], bufB = new byte[32];
            object?[] args = { a, bufA, null };
            long sync = r.Sync("Probe_px_read_retrying", args);
            VariantOutcome v = await r.Async(("fd", b), ("buf", bufB));
            r.ExpectSame("20 bytes into 32", sync, v);
            SameValue(r, "error (Success)", (long)args[2]!, v, "error");
            r.ExpectBytes("20 bytes into 32", bufA, bufB);
            args = new object?[] { HeldOutRun.NotAnOpenFd, bufA, null };
            sync = r.Sync("Probe_px_read_retrying", args);
            v = await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", bufB));
            r.ExpectSame("a descriptor not open: -1 returned (NeverFails)", sync, v);
            SameValue(r, "error (EBADF in the out parameter)", (long)args[2]!, v, "error");
        },
        ["posix.seek_then_probe_second_errno_clobbers"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "px-clobber", Pattern32(10));
            r.ExpectSame("offset 3", r.Sync("Probe_px_seek_then_probe", a, 3L), await r.Async(("fd", b), ("offset", 3L)));
            r.ExpectSame("offset -1: lseek's EINVAL replaced by fcntl's EBADF", r.Sync("Probe_px_seek_then_probe", a, -1L), await r.Async(("fd", b), ("offset", -1L)));
        },
        ["posix.seek_then_probe_first_errno_restored"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "px-restored", Pattern32(10));
            r.ExpectSame("offset 4", r.Sync("Probe_px_seek_then_probe_keeping", a, 4L), await r.Async(("fd", b), ("offset", 4L)));
            r.ExpectSame("offset -1: lseek's EINVAL set back", r.Sync("Probe_px_seek_then_probe_keeping", a, -1L), await r.Async(("fd", b), ("offset", -1L)));
        },
        ["posix.lseek_no_setlasterror_getlastsystemerror_negative"] = async r =>
        {
            (int a, int b) = TwoOpens32(r, "px-negative", Pattern32(17));
            r.ExpectSame("SEEK_END 0 (the size)", r.Sync("Probe_px_seek_or_negative", a, 0L, 2), await r.Async(("fd", b), ("offset", 0L), ("whence", 2)));
            r.ExpectSame("SEEK_SET -1 (-EINVAL)", r.Sync("Probe_px_seek_or_negative", a, -1L, 0), await r.Async(("fd", b), ("offset", -1L), ("whence", 0)));
            var pipe = Pipe32(r);
            r.ExpectSame("a pipe (-ESPIPE)", r.Sync("Probe_px_seek_or_negative", pipe.Read, 0L, 1), await r.Async(("fd", pipe.Read), ("offset", 0L), ("whence", 1)));
            r.ExpectBadFd(r.Sync("Probe_px_seek_or_negative", HeldOutRun.NotAnOpenFd, 0L, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 1)));
        },
    };
}
