using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-second blind round (Durability.case, OldInterop.case), written with the case files,
/// before the generator was run on them. Each side has its own files in the run's temp directory (and its own O_TMPFILE
/// file, lock file and sparse file), so neither sees the other's effect; the file's state after the call is compared as its
/// size and a hash. Closed descriptors are 999999, never a number that may be open. A lock only the variant waits for (the
/// file locked through another open file description the run made) is cancelled after 300 ms.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string DurabilityProbeType = "HeldOut.Durability.DurabilityProbes";
    private const string OldInteropProbeType = "HeldOut.OldInterop.OldInteropProbes";
    private const int OTmpfile = 0x410000;
    private const long FiveGiB = 5L << 30;

    private static Dictionary<string, (string, string)> WithTwentySecondRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Durability"] = (HeldOutProbes.Durability, HeldOutProbes.DurabilityLibraryImport);
        probes["OldInterop"] = (HeldOutProbes.OldInterop, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentySecondRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in DurabilityRuns().Concat(OldInteropRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>A file's size and hash after a call (the probes' FileText), for the given probe type.</summary>
    private static string FileOf(HeldOutRun r, string probes, string path) => (string)r.CallStatic(probes, "FileText", path)!;

    /// <summary>16 KiB of a pattern no two 4 KiB blocks share, so a collapsed or zeroed range shows in the hash.</summary>
    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + i / 4096)).ToArray();

    /// <summary>Two files of the same bytes, one per side: their paths and descriptors.</summary>
    private static (string PathA, int A, string PathB, int B) TwoFiles(HeldOutRun r, string name, byte[] content)
    {
        int a = r.OpenFile(name + "-a", content), b = r.OpenFile(name + "-b", content);
        return (Path.Combine(r.Directory, name + "-a"), a, Path.Combine(r.Directory, name + "-b"), b);
    }

    /// <summary>A descriptor a probe opened (flags added to O_RDWR|O_CLOEXEC), closed when the run ends.</summary>
    private static int OpenedBy(HeldOutRun r, string probes, string path, int flags, int mode)
    {
        int fd = Made(r, Convert.ToInt64(r.CallStatic(probes, "OpenWith", path, flags, mode)), "open " + path);
        r.Track(new Undo(() => r.CallStatic(probes, "Probe_close", fd)));
        return fd;
    }

    private static void ExpectFilesSame(HeldOutRun r, string what, string probes, string a, string b) =>
        ExpectSameText(r, what + ": the file after the call", FileOf(r, probes, a), FileOf(r, probes, b));

    private static Dictionary<string, Func<HeldOutRun, Task>> DurabilityRuns() => new()
    {
        ["dur.fdatasync_safehandle_base_type"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-fdatasync", Content);
            r.ExpectSame("a written file", r.Sync("Probe_fdatasync", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_fdatasync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["dur.syncfs_intptr_cdecl_exactspelling"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-syncfs", Content);
            r.ExpectSame("a file's file system", r.Sync("Probe_syncfs", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_syncfs", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["dur.sync_file_range_flags_enum_safehandle"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-sfr", Content);
            foreach ((string what, long offset, long count, uint flags) in new[]
            {
                ("write and wait, the whole file", 0L, 0L, 7u), ("start writing 16 bytes", 0L, 16L, 2u), ("an unknown flag (EINVAL)", 0L, 0L, 8u), ("a negative offset (EINVAL)", -1L, 16L, 2u),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_sync_file_range", a, offset, count, flags), await r.Async(("fd", b), ("offset", offset), ("nbytes", count), ("flags", flags)));
            }

            r.ExpectBadFd(r.Sync("Probe_sync_file_range", HeldOutRun.NotAnOpenFd, 0L, 0L, 2u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("nbytes", 0L), ("flags", 2u)));
        },
        ["dur.sync_file_range_write_and_wait_body"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-flushrange", Content);
            foreach ((string what, long offset, long count) in new[] { ("the whole file", 0L, 0L), ("16 bytes at 8", 8L, 16L), ("a negative count (EINVAL)", 0L, -1L) })
            {
                r.ExpectSame(what, r.Sync("Probe_flush_range", a, offset, count), await r.Async(("fd", b), ("offset", offset), ("count", count)));
            }

            r.ExpectBadFd(r.Sync("Probe_flush_range", HeldOutRun.NotAnOpenFd, 0L, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("count", 0L)));
        },
        ["dur.fsync_directory_body"] = async r =>
        {
            (string file, _, _, _) = TwoFiles(r, "h22-syncdir", Content);
            foreach ((string what, string path) in new[] { ("the run's directory", r.Directory), ("a missing directory (ENOENT)", Path.Combine(r.Directory, "h22-missing-dir")), ("a regular file (ENOTDIR)", file) })
            {
                r.ExpectSame(what, r.Sync("Probe_sync_directory", path), await r.Async(("path", path)));
            }
        },
        ["dur.fallocate_punch_hole_keep_size_body"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-punch", Pattern(16384));
            foreach ((string what, long offset, long length) in new[] { ("a block at 4096", 4096L, 4096L), ("50 bytes at 100 (zeroed in place)", 100L, 50L), ("past the end (the size is kept)", 12288L, 65536L), ("offset -1 (EINVAL)", -1L, 10L), ("length 0 (EINVAL)", 0L, 0L) })
            {
                r.ExpectSame(what, r.Sync("Probe_punch_hole", a, offset, length), await r.Async(("fd", b), ("offset", offset), ("length", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_punch_hole", HeldOutRun.NotAnOpenFd, 0L, 10L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("length", 10L)));
        },
        ["dur.fallocate_zero_range_uint_mode"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-zero", Pattern(16384));
            foreach ((string what, uint mode, long offset, long length) in new[]
            {
                ("ZERO_RANGE 300 bytes at 100", 0x10u, 100L, 300L), ("ZERO_RANGE|KEEP_SIZE past the end", 0x11u, 16000L, 8192L), ("ZERO_RANGE past the end (grows)", 0x10u, 16000L, 8192L),
                ("an unknown mode bit (EOPNOTSUPP)", 0x80u, 0L, 10L), ("PUNCH_HOLE without KEEP_SIZE (EOPNOTSUPP)", 0x2u, 0L, 4096L), ("mode 0, a negative length (EINVAL)", 0u, 0L, -5L),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_fallocate", a, mode, offset, length), await r.Async(("fd", b), ("mode", mode), ("offset", offset), ("len", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd, 0x10u, 0L, 10L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0x10u), ("offset", 0L), ("len", 10L)));
        },
        ["dur.fallocate64_collapse_range_enum"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-collapse", Pattern(16384));
            foreach ((string what, int mode, long offset, long length) in new[]
            {
                ("COLLAPSE_RANGE of the second block", 0x08, 4096L, 4096L), ("COLLAPSE_RANGE not block-aligned (EINVAL)", 0x08, 100L, 4096L),
                ("INSERT_RANGE of a block at 4096", 0x20, 4096L, 4096L), ("COLLAPSE_RANGE reaching the end (EINVAL)", 0x08, 8192L, 65536L),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_fallocate64", a, mode, offset, length), await r.Async(("fd", b), ("mode", mode), ("offset", offset), ("len", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }
        },
        ["dur.posix_fallocate_body_error_number"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-reserve", Content);
            foreach ((string what, long length) in new[] { ("8192 bytes (grows)", 8192L), ("length 0 (EINVAL, returned)", 0L), ("length -1 (EINVAL, returned)", -1L) })
            {
                r.ExpectSame(what, r.Sync("Probe_reserve_stated", a, length), await r.Async(("fd", b), ("length", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_reserve_stated", HeldOutRun.NotAnOpenFd, 10L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 10L)));
        },
        ["dur.posix_fadvise_imported_as_advise"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-advise", Content);
            foreach ((string what, long offset, long length, int advice) in new[] { ("DONTNEED, the whole file", 0L, 0L, 4), ("an unknown advice (EINVAL, returned)", 0L, 0L, 99), ("a negative length (EINVAL, returned)", 0L, -1L, 4) })
            {
                r.ExpectSame(what, r.Sync("Probe_advise", a, offset, length, advice), await r.Async(("fd", b), ("offset", offset), ("length", length), ("advice", advice)));
            }

            r.ExpectBadFd(r.Sync("Probe_advise", HeldOutRun.NotAnOpenFd, 0L, 0L, 4), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("length", 0L), ("advice", 4)));
        },
        ["dur.posix_fadvise_body_negated"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-dropcache", Content);
            r.ExpectSame("a file", r.Sync("Probe_drop_cache", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_drop_cache", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["dur.truncate64_path_long"] = async r =>
        {
            (string pa, _, string pb, _) = TwoFiles(r, "h22-truncate", Content);
            foreach ((string what, long length) in new[] { ("5 GiB (past 4 GiB, sparse)", FiveGiB), ("10 bytes", 10L), ("-1 (EINVAL)", -1L) })
            {
                r.ExpectSame(what, r.Sync("Probe_truncate", pa, length), await r.Async(("path", pb), ("length", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            foreach ((string what, string path) in new[] { ("a missing file (ENOENT)", Path.Combine(r.Directory, "h22-truncate-missing")), ("a directory (EISDIR)", r.Directory) })
            {
                r.ExpectSame(what, r.Sync("Probe_truncate", path, 0L), await r.Async(("path", path), ("length", 0L)));
            }
        },
        ["dur.ftruncate_nint_length"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-ftruncate", Content);
            foreach ((string what, long length) in new[] { ("5 GiB (past 4 GiB, sparse)", FiveGiB), ("10 bytes", 10L), ("-1 (EINVAL)", -1L) })
            {
                r.ExpectSame(what, r.Sync("Probe_ftruncate", a, length), await r.Async(("fd", b), ("length", length)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_ftruncate", HeldOutRun.NotAnOpenFd, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 0L)));
        },
        ["dur.renameat2_noreplace_body"] = async r =>
        {
            string P(string side, string name) => Path.Combine(r.Directory, "h22-norepl-" + side + "-" + name);
            foreach (string side in new[] { "a", "b" })
            {
                File.WriteAllBytes(P(side, "1"), Content);
                File.WriteAllBytes(P(side, "3"), Encoding.ASCII.GetBytes("other"));
            }

            r.ExpectSame("to a free name", r.Sync("Probe_rename_noreplace", P("a", "1"), P("a", "2")), await r.Async(("from", P("b", "1")), ("to", P("b", "2"))));
            ExpectFilesSame(r, "to a free name", DurabilityProbeType, P("a", "2"), P("b", "2"));
            r.ExpectSame("onto an existing name (EEXIST)", r.Sync("Probe_rename_noreplace", P("a", "3"), P("a", "2")), await r.Async(("from", P("b", "3")), ("to", P("b", "2"))));
            ExpectFilesSame(r, "onto an existing name", DurabilityProbeType, P("a", "2"), P("b", "2"));
            r.ExpectSame("a missing source (ENOENT)", r.Sync("Probe_rename_noreplace", P("a", "9"), P("a", "8")), await r.Async(("from", P("b", "9")), ("to", P("b", "8"))));
        },
        ["dur.renameat2_exchange_byteptr_enum"] = async r =>
        {
            string P(string side, string name) => Path.Combine(r.Directory, "h22-xchg-" + side + "-" + name);
            foreach (string side in new[] { "a", "b" })
            {
                File.WriteAllBytes(P(side, "1"), Content);
                File.WriteAllBytes(P(side, "2"), Encoding.ASCII.GetBytes("second file"));
            }

            foreach ((string what, string from, string to, uint flags) in new[]
            {
                ("EXCHANGE of two files", "1", "2", 2u), ("EXCHANGE with a missing name (ENOENT)", "1", "9", 2u), ("NOREPLACE|EXCHANGE (EINVAL)", "1", "2", 3u), ("NOREPLACE onto an existing name (EEXIST)", "1", "2", 1u),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_renameat2", P("a", from), P("a", to), flags),
                    await r.Async(("olddirfd", AtFdCwd), ("oldpath", new PathArg(P("b", from))), ("newdirfd", AtFdCwd), ("newpath", new PathArg(P("b", to))), ("flags", flags)));
                ExpectFilesSame(r, what + " (first name)", DurabilityProbeType, P("a", "1"), P("b", "1"));
            }
        },
        ["dur.linkat_tmpfile_through_proc_self_fd_body"] = async r =>
        {
            int a = OpenedBy(r, DurabilityProbeType, r.Directory, OTmpfile, Convert.ToInt32("600", 8)), b = OpenedBy(r, DurabilityProbeType, r.Directory, OTmpfile, Convert.ToInt32("600", 8));
            r.CallStatic(DurabilityProbeType, "WriteAt", a, Content, 0L);
            r.CallStatic(DurabilityProbeType, "WriteAt", b, Content, 0L);
            string ta = Path.Combine(r.Directory, "h22-published-a"), tb = Path.Combine(r.Directory, "h22-published-b");
            r.ExpectSame("an O_TMPFILE file published under a name", r.Sync("Probe_publish_tmpfile", a, ta), await r.Async(("fd", b), ("target", tb)));
            ExpectFilesSame(r, "published", DurabilityProbeType, ta, tb);
            r.ExpectSame("published again under the same name (EEXIST)", r.Sync("Probe_publish_tmpfile", a, ta), await r.Async(("fd", b), ("target", tb)));
            r.ExpectSame("a descriptor not open (ENOENT in /proc/self/fd)", r.Sync("Probe_publish_tmpfile", HeldOutRun.NotAnOpenFd, ta + "-x"), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("target", tb + "-x")));
        },
        ["dur.linkat_empty_path_libraryimport"] = async r =>
        {
            int a = OpenedBy(r, DurabilityProbeType, r.Directory, OTmpfile, Convert.ToInt32("600", 8)), b = OpenedBy(r, DurabilityProbeType, r.Directory, OTmpfile, Convert.ToInt32("600", 8));
            r.CallStatic(DurabilityProbeType, "WriteAt", a, Content, 0L);
            r.CallStatic(DurabilityProbeType, "WriteAt", b, Content, 0L);
            string ta = Path.Combine(r.Directory, "h22-emptypath-a"), tb = Path.Combine(r.Directory, "h22-emptypath-b");
            r.ExpectSame("AT_EMPTY_PATH on an O_TMPFILE descriptor", r.Sync("Probe_linkat", a, "", AtFdCwd, ta, AtEmptyPath),
                await r.Async(("olddirfd", b), ("oldpath", ""), ("newdirfd", AtFdCwd), ("newpath", tb), ("flags", AtEmptyPath)));
            ExpectFilesSame(r, "AT_EMPTY_PATH", DurabilityProbeType, ta, tb);
            r.ExpectSame("an ordinary link of that name", r.Sync("Probe_linkat", AtFdCwd, ta, AtFdCwd, ta + "-2", 0),
                await r.Async(("olddirfd", AtFdCwd), ("oldpath", tb), ("newdirfd", AtFdCwd), ("newpath", tb + "-2"), ("flags", 0)));
            r.ExpectSame("onto an existing name (EEXIST)", r.Sync("Probe_linkat", AtFdCwd, ta, AtFdCwd, ta + "-2", 0),
                await r.Async(("olddirfd", AtFdCwd), ("oldpath", tb), ("newdirfd", AtFdCwd), ("newpath", tb + "-2"), ("flags", 0)));
            r.ExpectSame("an empty path without AT_EMPTY_PATH (ENOENT)", r.Sync("Probe_linkat", a, "", AtFdCwd, ta + "-3", 0),
                await r.Async(("olddirfd", b), ("oldpath", ""), ("newdirfd", AtFdCwd), ("newpath", tb + "-3"), ("flags", 0)));
        },
        ["dur.flock_exclusive_wait_body"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-lockfile", Content);
            r.ExpectSame("LOCK_EX|LOCK_NB on a free file", r.Sync("Probe_lock_exclusive", a, false), await r.Async(("lockFile", b), ("wait", false)));
            int a2 = OpenedBy(r, DurabilityProbeType, pa, 0, 0), b2 = OpenedBy(r, DurabilityProbeType, pb, 0, 0);
            r.ExpectSame("LOCK_EX|LOCK_NB through another open file (EWOULDBLOCK)", r.Sync("Probe_lock_exclusive", a2, false), await r.Async(("lockFile", b2), ("wait", false)));
            await ExpectCancelled(r, "LOCK_EX through another open file, waiting", ("lockFile", b2), ("wait", true));
            r.ExpectBadFd(r.Sync("Probe_lock_exclusive", HeldOutRun.NotAnOpenFd, true), await r.Async(("lockFile", HeldOutRun.NotAnOpenFd), ("wait", true)));
        },
        ["dur.lseek64_data_hole_nint"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-sparse", Array.Empty<byte>());
            foreach (int fd in new[] { a, b })
            {
                r.CallStatic(DurabilityProbeType, "WriteAt", fd, Pattern(4096), 0L);
                r.CallStatic(DurabilityProbeType, "WriteAt", fd, Pattern(4096), 1L << 20);
            }

            foreach ((string what, long offset, int whence) in new[]
            {
                ("SEEK_HOLE from 0", 0L, 4), ("SEEK_DATA from 8192", 8192L, 3), ("SEEK_DATA past the last data (ENXIO)", (1L << 20) + 4096, 3),
                ("SEEK_END", 0L, 2), ("SEEK_SET past 4 GiB", FiveGiB, 0), ("an unknown whence (EINVAL)", 0L, 9), ("SEEK_SET -1 (EINVAL)", -1L, 0),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_seek", a, offset, whence), await r.Async(("fd", b), ("offset", offset), ("whence", whence)));
            }

            r.ExpectBadFd(r.Sync("Probe_seek", HeldOutRun.NotAnOpenFd, 0L, 4), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", 4)));
        },
        ["dur.pwritev2_dsync_iovec_pointer"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-pwritev2", Content);
            byte[] first = Encoding.ASCII.GetBytes("ABCD"), second = Encoding.ASCII.GetBytes("efghij");
            foreach ((string what, long offset, int flags) in new[]
            {
                ("RWF_DSYNC at 4", 4L, 0x02), ("RWF_SYNC at 30 (grows)", 30L, 0x04), ("an unknown flag (EOPNOTSUPP)", 0L, 0x1000), ("offset -1: the file position", -1L, 0), ("offset -5 (EINVAL)", -5L, 0),
            })
            {
                r.ExpectSame(what, r.Sync("Probe_pwritev2", a, first, second, offset, flags),
                    await r.Async(("fd", b), ("iov", new VectorsArg(new[] { first, second })), ("iovcnt", 2), ("offset", offset), ("flags", flags)));
                ExpectFilesSame(r, what, DurabilityProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_pwritev2", HeldOutRun.NotAnOpenFd, first, second, 0L, 2),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("iov", new VectorsArg(new[] { first, second })), ("iovcnt", 2), ("offset", 0L), ("flags", 2)));
        },
        ["dur.pwritev2_append_body"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-append", Content);
            byte[] record = Encoding.ASCII.GetBytes("REC01");
            r.ExpectSame("a record appended", r.Sync("Probe_append_record", a, record), await r.Async(("fd", b), ("record", record)));
            ExpectFilesSame(r, "appended", DurabilityProbeType, pa, pb);
            r.ExpectBadFd(r.Sync("Probe_append_record", HeldOutRun.NotAnOpenFd, record), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("record", record)));
        },
        ["dur.copy_file_range_intptr_null_offsets"] = async r =>
        {
            (_, int ina, _, int inb) = TwoFiles(r, "h22-cfr-in", Content);
            (string outPa, int outa, string outPb, int outb) = TwoFiles(r, "h22-cfr-out", Array.Empty<byte>());
            r.CallStatic(DurabilityProbeType, "SetPosition", ina, 10L);
            r.CallStatic(DurabilityProbeType, "SetPosition", inb, 10L);
            r.ExpectSame("8 bytes from the file positions (NULL offsets)", r.Sync("Probe_copy_file_range", ina, outa, 8UL),
                await r.Async(("fd_in", inb), ("off_in", null), ("fd_out", outb), ("off_out", null), ("len", 8UL), ("flags", 0u)));
            ExpectFilesSame(r, "copied", DurabilityProbeType, outPa, outPb);
            ExpectSameText(r, "the source's file position after the copy", r.CallStatic(DurabilityProbeType, "Position", ina)!.ToString()!, r.CallStatic(DurabilityProbeType, "Position", inb)!.ToString()!);
            r.ExpectSame("flags 1 (EINVAL)", -22, await r.Async(("fd_in", inb), ("off_in", null), ("fd_out", outb), ("off_out", null), ("len", 8UL), ("flags", 1u)));
            r.ExpectBadFd(r.Sync("Probe_copy_file_range", HeldOutRun.NotAnOpenFd, outa, 8UL), await r.Async(("fd_in", HeldOutRun.NotAnOpenFd), ("off_in", null), ("fd_out", outb), ("off_out", null), ("len", 8UL), ("flags", 0u)));
        },
        ["dur.ficlonerange_body"] = async r =>
        {
            (_, int sa, _, int sb) = TwoFiles(r, "h22-clone-src", Pattern(8192));
            (_, int da, _, int db) = TwoFiles(r, "h22-clone-dst", Array.Empty<byte>());
            r.ExpectSame("a block (ext4: EOPNOTSUPP; a reflink file system: 0)", r.Sync("Probe_clone_range", sa, 0L, 4096L, da, 0L),
                await r.Async(("srcFd", sb), ("srcOffset", 0L), ("length", 4096L), ("destFd", db), ("destOffset", 0L)));
            r.ExpectBadFd(r.Sync("Probe_clone_range", sa, 0L, 4096L, HeldOutRun.NotAnOpenFd, 0L),
                await r.Async(("srcFd", sb), ("srcOffset", 0L), ("length", 4096L), ("destFd", HeldOutRun.NotAnOpenFd), ("destOffset", 0L)));
        },
        ["dur.fstatfs_type_body"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-fstype", Content);
            r.ExpectSame("the temp directory's file system type", r.Sync("Probe_fs_type", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_fs_type", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> OldInteropRuns() => new()
    {
        ["old.pread_setlasterror_false_getlastwin32error_body"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-oldread", Content);
            byte[] sa = new byte[16], sb = new byte[16];
            r.ExpectSame("16 bytes at 4", r.Sync("Probe_read_at", a, sa, 4L, 0), await r.Async(("fd", b), ("buffer", sb), ("offset", 4L)));
            r.ExpectBytes("bytes read", sa, sb);
            // The body reads the last P/Invoke error, which its import (SetLastError = false) never set: the sync side is
            // called with that value cleared, as a worker's is; both then say "0 bytes" for a closed descriptor.
            r.ExpectSame("a closed descriptor (the body's stale 0)", r.Sync("Probe_read_at", HeldOutRun.NotAnOpenFd, sa, 0L, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", sb), ("offset", 0L)));
        },
        ["old.fsync_setlasterror_false_getlastpinvokeerror_body"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-oldflush", Content);
            r.ExpectSame("a file", r.Sync("Probe_flush", a, 0), await r.Async(("fd", b)));
            r.ExpectSame("a closed descriptor (the body's stale 0)", r.Sync("Probe_flush", HeldOutRun.NotAnOpenFd, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["old.fsync_setlasterror_true_getlastwin32error_body"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-oldflush-checked", Content);
            r.ExpectSame("a file", r.Sync("Probe_flush_checked", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_flush_checked", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["old.ftruncate_no_setlasterror"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-oldftruncate", Content);
            foreach ((string what, long length) in new[] { ("10 bytes", 10L), ("5 GiB", FiveGiB), ("-1 (EINVAL)", -1L) })
            {
                r.ExpectSame(what, r.Sync("Probe_ftruncate", a, length), await r.Async(("fd", b), ("length", length)));
                ExpectFilesSame(r, what, OldInteropProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_ftruncate", HeldOutRun.NotAnOpenFd, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 0L)));
        },
        ["old.pread64_charset_exactspelling_inout_array"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-pread64-inout", Content);
            byte[] sa = new byte[16], sb = new byte[16];
            r.ExpectSame("16 bytes at 4", r.Sync("Probe_read_at64", a, sa, 4L), await r.Async(("fd", b), ("buffer", sb), ("count", 16UL), ("offset", 4L)));
            r.ExpectBytes("bytes read", sa, sb);
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_read_at64", a, sa, -1L), await r.Async(("fd", b), ("buffer", sb), ("count", 16UL), ("offset", -1L)));
            r.ExpectBadFd(r.Sync("Probe_read_at64", HeldOutRun.NotAnOpenFd, sa, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", sb), ("count", 16UL), ("offset", 0L)));
        },
        ["old.fxstat64_version_out_struct"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-fxstat", Content);
            foreach ((string what, int ver, int fdA, int fdB) in new[] { ("version 1", 1, a, b), ("version 99 (EINVAL)", 99, a, b), ("a closed descriptor (EBADF)", 1, HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd) })
            {
                object?[] args = { ver, fdA, 0L };
                long sync = r.Sync("Probe_fstat", args);
                VariantOutcome v = await r.Async(("ver", ver), ("fd", fdB));
                r.ExpectSame(what, sync, v);
                if (sync == 0)
                {
                    ExpectSameText(r, what + ": st_size", args[2]!.ToString()!, Member(v, "Size"));
                }
            }
        },
        ["old.pread64_private_alias_stated_marked"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-pread-private", Content);
            byte[] sa = new byte[16], sb = new byte[16];
            r.ExpectSame("16 bytes at 4", r.Sync("Probe_read_private", a, sa, 4L), await r.Async(("fd", b), ("buf", sb), ("count", 16UL), ("offset", 4L)));
            r.ExpectBytes("bytes read", sa, sb);
            r.ExpectBadFd(r.Sync("Probe_read_private", HeldOutRun.NotAnOpenFd, sa, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", sb), ("count", 16UL), ("offset", 0L)));
        },
        ["old.statfs64_intptr_buffer"] = async r =>
        {
            long ba = Native(r, Convert.ToInt64(r.CallStatic(OldInteropProbeType, "AllocZeroed", 120))), bb = Native(r, Convert.ToInt64(r.CallStatic(OldInteropProbeType, "AllocZeroed", 120)));
            r.ExpectSame("the temp directory", r.Sync("Probe_statfs64", r.Directory, ba), await r.Async(("path", r.Directory), ("buf", bb)));
            ExpectSameText(r, "f_type written", r.CallStatic(OldInteropProbeType, "ReadLong", ba)!.ToString()!, r.CallStatic(OldInteropProbeType, "ReadLong", bb)!.ToString()!);
            string missing = Path.Combine(r.Directory, "h22-statfs-missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_statfs64", missing, ba), await r.Async(("path", missing), ("buf", bb)));
        },
        ["old.readlink_stringbuilder"] = async r =>
        {
            string link = Path.Combine(r.Directory, "h22-link");
            File.CreateSymbolicLink(link, "h22-target-of-the-link");
            object?[] args = { link, 64, null };
            long sync = r.Sync("Probe_readlink", args);
            var builder = new StringBuilder(64);
            VariantOutcome v = await r.Async(("path", link), ("buf", builder), ("bufsiz", 64));
            r.ExpectSame("a symbolic link", sync, v);
            if (v.Number is long n && n > 0 && v.Result is not null)
            {
                ExpectSameText(r, "the target", (string)args[2]!, builder.Length >= n ? builder.ToString(0, (int)n) : builder.ToString());
            }

            string missing = Path.Combine(r.Directory, "h22-link-missing");
            object?[] missingArgs = { missing, 64, null };
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_readlink", missingArgs), await r.Async(("path", missing), ("buf", new StringBuilder(64)), ("bufsiz", 64)));
        },
        ["old.pwrite_ref_byte_uint_count_offset"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-pwrite-ref", Content);
            byte[] data = Encoding.ASCII.GetBytes("WXYZ");
            r.ExpectSame("4 bytes at 3", r.Sync("Probe_write_at", a, data, 3u), await r.Async(("fd", b), ("buffer", data), ("count", 4u), ("offset", 3u)));
            ExpectFilesSame(r, "written", OldInteropProbeType, pa, pb);
            r.ExpectBadFd(r.Sync("Probe_write_at", HeldOutRun.NotAnOpenFd, data, 0u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", data), ("count", 4u), ("offset", 0u)));
        },
        ["old.pread_ref_byte_nint_count"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-pread-ref", Content);
            byte[] sa = new byte[16], sb = new byte[16];
            r.ExpectSame("16 bytes at 4", r.Sync("Probe_read_into", a, sa, 4L), await r.Async(("fd", b), ("buffer", sb), ("count", 16L), ("offset", 4L)));
            r.ExpectBytes("bytes read", sa, sb);
            r.ExpectBadFd(r.Sync("Probe_read_into", HeldOutRun.NotAnOpenFd, sa, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", sb), ("count", 16L), ("offset", 0L)));
        },
        ["old.pwrite_all_intptr"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-pwrite-intptr", Content);
            byte[] data = Encoding.ASCII.GetBytes("intptr");
            r.ExpectSame("6 bytes at 30", r.Sync("Probe_pwrite", a, data, 30L), await r.Async(("fd", b), ("buf", data), ("count", 6UL), ("offset", 30L)));
            ExpectFilesSame(r, "written", OldInteropProbeType, pa, pb);
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_pwrite", a, data, -1L), await r.Async(("fd", b), ("buf", data), ("count", 6UL), ("offset", -1L)));
            r.ExpectBadFd(r.Sync("Probe_pwrite", HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", 6UL), ("offset", 0L)));
        },
        ["old.pread64_ulong_result_and_sizes"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-pread-ulong", Content);
            byte[] sa = new byte[16], sb = new byte[16];
            r.ExpectSame("16 bytes at 4", r.Sync("Probe_pread", a, sa, 4UL), await r.Async(("fd", b), ("buf", sb), ("count", 16UL), ("offset", 4UL)));
            r.ExpectBytes("bytes read", sa, sb);
            r.ExpectSame("offset 2^63 + 1 (EINVAL: negative as off_t)", r.Sync("Probe_pread", a, sa, (1UL << 63) + 1), await r.Async(("fd", b), ("buf", sb), ("count", 16UL), ("offset", (1UL << 63) + 1)));
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, sa, 0UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", sb), ("count", 16UL), ("offset", 0UL)));
        },
        ["old.lseek_int_offset_cdecl"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-lseek-int", Content);
            foreach ((string what, int offset, int whence) in new[] { ("SEEK_SET 5", 5, 0), ("SEEK_END", 0, 2), ("an unknown whence (EINVAL)", 0, 9), ("SEEK_SET -1 (EINVAL)", -1, 0) })
            {
                r.ExpectSame(what, r.Sync("Probe_lseek", a, offset, whence), await r.Async(("fd", b), ("offset", offset), ("whence", whence)));
            }

            r.ExpectBadFd(r.Sync("Probe_lseek", HeldOutRun.NotAnOpenFd, 0, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0), ("whence", 0)));
        },
        ["old.posix_fadvise_cdecl_uint_advice"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-fadvise-cdecl", Content);
            foreach ((string what, long length, uint advice) in new[] { ("DONTNEED", 0L, 4u), ("an unknown advice (EINVAL, returned)", 0L, 99u), ("a negative length (EINVAL, returned)", -1L, 4u) })
            {
                r.ExpectSame(what, r.Sync("Probe_posix_fadvise", a, 0L, length, advice), await r.Async(("fd", b), ("offset", 0L), ("len", length), ("advice", advice)));
            }

            r.ExpectBadFd(r.Sync("Probe_posix_fadvise", HeldOutRun.NotAnOpenFd, 0L, 0L, 4u), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 0L), ("advice", 4u)));
        },
        ["old.net7_pair_fdatasync_dllimport"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-pair-fdatasync", Content);
            r.ExpectSame("a file", r.Sync("Probe_fdatasync", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_fdatasync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["old.net7_pair_pwrite_array"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-pair-pwrite", Content);
            byte[] data = Encoding.ASCII.GetBytes("pair");
            r.ExpectSame("4 bytes at 40 (grows)", r.Sync("Probe_pwrite_pair", a, data, 40L), await r.Async(("fd", b), ("buf", data), ("count", 4UL), ("offset", 40L)));
            ExpectFilesSame(r, "written", OldInteropProbeType, pa, pb);
            r.ExpectBadFd(r.Sync("Probe_pwrite_pair", HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", 4UL), ("offset", 0L)));
        },
        ["old.nested_in_sealed_class_fdatasync_intptr"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-nested-fdatasync", Content);
            r.ExpectSame("a file", r.Sync("Probe_nested_fdatasync", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_nested_fdatasync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["old.nested_in_struct_fallocate_intptrs"] = async r =>
        {
            (string pa, int a, string pb, int b) = TwoFiles(r, "h22-nested-fallocate", Pattern(8192));
            foreach ((string what, int mode, long offset, long length) in new[] { ("mode 0 to 12288 (grows)", 0, 0L, 12288L), ("PUNCH_HOLE|KEEP_SIZE of a block", 3, 4096L, 4096L), ("a negative offset (EINVAL)", 0, -1L, 10L) })
            {
                r.ExpectSame(what, r.Sync("Probe_nested_fallocate", a, mode, offset, length), await r.Async(("fd", b), ("mode", mode), ("offset", offset), ("len", length)));
                ExpectFilesSame(r, what, OldInteropProbeType, pa, pb);
            }

            r.ExpectBadFd(r.Sync("Probe_nested_fallocate", HeldOutRun.NotAnOpenFd, 0, 0L, 10L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L), ("len", 10L)));
        },
        ["old.nested_in_record_posix_fadvise_ulong"] = async r =>
        {
            (_, int a, _, int b) = TwoFiles(r, "h22-nested-fadvise", Content);
            foreach ((string what, ulong length, int advice) in new[] { ("WILLNEED", 0UL, 3), ("an unknown advice (EINVAL, returned)", 0UL, 99), ("length 2^64 - 1 (EINVAL: negative as off_t)", ulong.MaxValue, 3) })
            {
                r.ExpectSame(what, r.Sync("Probe_nested_fadvise", a, 0UL, length, advice), await r.Async(("fd", b), ("offset", 0UL), ("len", length), ("advice", advice)));
            }

            r.ExpectBadFd(r.Sync("Probe_nested_fadvise", HeldOutRun.NotAnOpenFd, 0UL, 0UL, 3), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0UL), ("len", 0UL), ("advice", 3)));
        },
    };
}
