using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the eighth blind round (Descriptors.case, Messages.case), written with the case files, before the
/// generator was run on them. Calls that return the error number run on a closed descriptor, a pipe and a file; offsets
/// past 4 GiB; calls that answer for the calling thread are compared on the thread that calls the variant; socket
/// addresses are compared with what the kernel wrote back (lengths included, also past a short buffer).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int AfUnix = 1, AfInet6 = 10, SockStream = 1, SockDgram = 2;
    private const int SeekData = 3, SeekHole = 4, SeekEnd = 2;
    private const long BeyondFourGiB = 5_000_000_000;
    private const int FWrLck = 1, FUnLck = 2;
    private const int MsgCtrunc = 0x8, MsgTrunc = 0x20, MsgCmsgCloexec = 0x40000000;
    private const long UtimeOmit = 0x3ffffffe;
    private const int ResolveBeneath = 0x08, SysOpenAt2 = 437;

    private static Dictionary<string, (string, string)> WithEighthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Descriptors"] = (HeldOutProbes.Descriptors, HeldOutProbes.DescriptorsLibraryImport);
        probes["Messages"] = (HeldOutProbes.Messages, HeldOutProbes.MessagesLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithEighthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in DescriptorRuns().Concat(MessageRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> DescriptorRuns() => new()
    {
        ["desc.posix_fallocate_long_result"] = r => FileErrorNumberCall(r, "Probe_posix_fallocate", (fd, offset, len) => new (string, object?)[] { ("fd", fd), ("offset", offset), ("len", len) }),
        ["desc.posix_fallocate64_enum_result"] = r => FileErrorNumberCall(r, "Probe_posix_fallocate64", (fd, offset, len) => new (string, object?)[] { ("fd", fd), ("offset", offset), ("len", len) }),
        ["desc.posix_fadvise_advice_enum"] = async r =>
        {
            (string, object?)[] Args(int fd, int advice) => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 0L), ("advice", advice) };
            await FdKinds(r, "desc-fadv", fd => r.Sync("Probe_posix_fadvise", fd, 0L, 0L, 2), fd => r.Async(Args(fd, 2)));
            int a = r.OpenFile("desc-fadv-x-a", Content), b = r.OpenFile("desc-fadv-x-b", Content);
            r.ExpectSame("an unknown advice (EINVAL, as the error number)", r.Sync("Probe_posix_fadvise", a, 0L, 0L, 99), await r.Async(Args(b, 99)));
        },
        ["desc.posix_fadvise64_nint_len"] = async r =>
        {
            (string, object?)[] Args(int fd, long len) => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", len), ("advice", 3) };
            await FdKinds(r, "desc-fadv64", fd => r.Sync("Probe_fadvise64", fd, 0L, BeyondFourGiB, 3), fd => r.Async(Args(fd, BeyondFourGiB)));
        },
        ["desc.posix_memalign_out_intptr"] = r => AlignedAllocation(r, "Probe_posix_memalign"),
        ["desc.posix_memalign_outputvalue"] = r => AlignedAllocation(r, "Probe_aligned_alloc"),
        ["desc.pthread_getaffinity_np_thread_arg"] = async r =>
        {
            long self = r.Sync("Probe_pthread_self");
            byte[] syncSet = new byte[128], asyncSet = new byte[128];
            r.ExpectSame("the affinity of the caller's thread, named by its pthread_t", r.Sync("Probe_affinity", self, syncSet),
                await r.Async(("thread", self), ("cpuset", asyncSet), ("cpusetsize", 128L)));
            r.ExpectBytes("the CPU set", syncSet, asyncSet);
            r.ExpectSame("a 1-byte set (EINVAL, as the error number)", r.Sync("Probe_affinity", self, new byte[1]),
                await r.Async(("thread", self), ("cpuset", new byte[1]), ("cpusetsize", 1L)));
        },
        ["desc.pthread_getname_self_ordinary"] = async r =>
        {
            byte[] syncName = new byte[32], asyncName = new byte[32];
            r.ExpectSame("pthread_getname_np(pthread_self())", r.Sync("Probe_thread_name", syncName), await r.Async(("name", asyncName)));
            r.ExpectBytes("the calling thread's name", syncName, asyncName);
        },
        ["desc.pthread_self_import"] = async r =>
            r.ExpectSame("pthread_self of the thread that calls", r.Sync("Probe_pthread_self"), await r.Async()),
        ["desc.clock_gettime_thread_cputime"] = async r =>
        {
            r.ExpectSame("an unknown clock (EINVAL)", r.Sync("Probe_clock_gettime", 12345), await r.Async(("clockid", 12345)));
            await ThreadCpuTime(r, "Probe_thread_cpu_us", () => r.Async(("clockid", 3)), result => MicrosecondsOf(result), refusedNaming: "clockid");
            r.ExpectSame("CLOCK_MONOTONIC (the same clock on every thread: both succeed)", r.Sync("Probe_clock_gettime", 1), await r.Async(("clockid", 1)));
        },
        ["desc.getrusage_thread"] = async r =>
        {
            r.ExpectSame("an unknown who (EINVAL)", r.Sync("Probe_getrusage", 5), await r.Async(("who", 5)));
            await ThreadCpuTime(r, "Probe_thread_rusage_us", () => r.Async(("who", 1)), result => HeldOutRun.Member(result, "CpuMicroseconds"), refusedNaming: "who");
            r.ExpectSame("RUSAGE_SELF (the process's: succeeds)", r.Sync("Probe_getrusage", 0), await r.Async(("who", 0)));
        },
        ["desc.lseek_seek_data_hole"] = r => SeekRun(r, "Probe_lseek"),
        ["desc.lseek64_ulong_offset_result"] = r => SeekRun(r, "Probe_lseek64"),
        ["desc.fallocate_beyond_4g_ring"] = async r =>
        {
            (string, object?)[] Args(int fd, int mode, long offset, long len) => new (string, object?)[] { ("fd", fd), ("mode", mode), ("offset", offset), ("len", len) };
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd, 0, 0L, 4096L), await r.Async(Args(HeldOutRun.NotAnOpenFd, 0, 0L, 4096L)));
            int a = r.OpenFile("desc-falloc-a", Array.Empty<byte>()), b = r.OpenFile("desc-falloc-b", Array.Empty<byte>());
            foreach ((string what, int mode, long offset) in new[] { ("FALLOC_FL_KEEP_SIZE at 5 GB", 1, BeyondFourGiB), ("mode 0 at 5 GB", 0, BeyondFourGiB), ("FALLOC_FL_PUNCH_HOLE alone (EOPNOTSUPP)", 2, 0L) })
            {
                r.ExpectSame(what, r.Sync("Probe_fallocate", a, mode, offset, 4096L), await r.Async(Args(b, mode, offset, 4096L)));
                ExpectSameLength(r, "desc-falloc-a", "desc-falloc-b");
            }
        },
        ["desc.ftruncate64_beyond_4g_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ftruncate64", HeldOutRun.NotAnOpenFd, 7L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 7L)));
            int a = r.OpenFile("desc-trunc64-a", Content), b = r.OpenFile("desc-trunc64-b", Content);
            r.ExpectSame("ftruncate64 to 5 GB", r.Sync("Probe_ftruncate64", a, BeyondFourGiB), await r.Async(("fd", b), ("length", BeyondFourGiB)));
            ExpectSameLength(r, "desc-trunc64-a", "desc-trunc64-b");
            r.ExpectSame("ftruncate64 to -1 (EINVAL)", r.Sync("Probe_ftruncate64", a, -1L), await r.Async(("fd", b), ("length", -1L)));
        },
        ["desc.openat2_marked_struct_pointer"] = r => OpenAt2Run(r, "Probe_openat2_struct", (dirfd, path, flags, resolve) =>
            new (string, object?)[] { ("number", (long)SysOpenAt2), ("dirfd", dirfd), ("path", new PathArg(path)), ("how", OpenHowArgument(r, "how", flags, resolve)), ("size", 24L) }),
        ["desc.openat2_marked_void_pointer"] = async r =>
        {
            await OpenAt2Run(r, "Probe_openat2_bytes", (dirfd, path, flags, resolve) =>
                new (string, object?)[] { ("number", (long)SysOpenAt2), ("dirfd", dirfd), ("path", new PathArg(path)), ("how", OpenHowArgument(r, "how", flags, resolve)), ("size", 24L) });
            // A size below OPEN_HOW_SIZE_VER0 (24): EINVAL. The variant gets 8 bytes of the struct (and 8 as the size, if it keeps one).
            string directory = Path.Combine(r.Directory, "desc-openat2-short");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "f"), Content);
            int dirA = (int)r.Sync("Probe_open_dir", directory), dirB = (int)r.Sync("Probe_open_dir", directory);
            try
            {
                if (OpenHowArgument(r, "how", OCloexec, 0) is not byte[] fullHow)
                {
                    r.Row.Notes.Add("the 8-byte open_how run is not done: the variant does not take the struct as bytes");
                    return;
                }

                byte[] shortHow = fullHow.AsSpan(0, 8).ToArray();
                r.ExpectSame("openat2 with an 8-byte open_how (EINVAL)", r.Sync("Probe_openat2_bytes", dirA, "f", (long)OCloexec, 0L, 8L),
                    ClosedDescriptor(r, await r.Async(("number", (long)SysOpenAt2), ("dirfd", dirB), ("path", new PathArg("f")), ("how", shortHow), ("size", 8L))));
            }
            finally
            {
                r.Sync("Probe_close", dirA);
                r.Sync("Probe_close", dirB);
            }
        },
        ["desc.openat2_ordinary_by_value"] = r => OpenAt2Run(r, "Probe_open_beneath", (dirfd, path, flags, resolve) =>
            new (string, object?)[] { ("dirfd", dirfd), ("path", new PathArg(path)), ("how", OpenHowValue(r, flags, resolve)) }, sizeTakesPart: false),
        ["desc.renameat2_exchange"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            foreach (string name in new[] { "desc-ren-a1", "desc-ren-b1" })
            {
                File.WriteAllText(P(name), "one");
            }

            foreach (string name in new[] { "desc-ren-a2", "desc-ren-b2" })
            {
                File.WriteAllText(P(name), "two");
            }

            (string, object?)[] Args(string oldPath, string newPath, int flags) => new (string, object?)[] { ("olddirfd", AtFdCwd), ("oldpath", new PathArg(oldPath)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(newPath)), ("flags", flags) };
            r.ExpectSame("RENAME_EXCHANGE of two files", r.Sync("Probe_renameat2", P("desc-ren-a1"), P("desc-ren-a2"), 2), await r.Async(Args(P("desc-ren-b1"), P("desc-ren-b2"), 2)));
            r.ExpectBytes("the first file's content after the exchange", File.ReadAllBytes(P("desc-ren-a1")), File.ReadAllBytes(P("desc-ren-b1")));
            r.ExpectSame("RENAME_NOREPLACE onto an existing file (EEXIST)", r.Sync("Probe_renameat2", P("desc-ren-a1"), P("desc-ren-a2"), 1), await r.Async(Args(P("desc-ren-b1"), P("desc-ren-b2"), 1)));
            r.ExpectSame("RENAME_EXCHANGE with a missing file (ENOENT)", r.Sync("Probe_renameat2", P("desc-ren-a1"), P("desc-ren-a3"), 2), await r.Async(Args(P("desc-ren-b1"), P("desc-ren-b3"), 2)));
            r.ExpectSame("RENAME_EXCHANGE | RENAME_NOREPLACE (EINVAL)", r.Sync("Probe_renameat2", P("desc-ren-a1"), P("desc-ren-a2"), 3), await r.Async(Args(P("desc-ren-b1"), P("desc-ren-b2"), 3)));
        },
        ["desc.linkat_symlink_follow"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            foreach (string side in new[] { "a", "b" })
            {
                File.WriteAllBytes(P("desc-link-target-" + side), Content);
                File.CreateSymbolicLink(P("desc-link-sym-" + side), P("desc-link-target-" + side));
            }

            (string, object?)[] Args(string oldPath, string newPath, int flags) => new (string, object?)[] { ("olddirfd", AtFdCwd), ("oldpath", new PathArg(oldPath)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(newPath)), ("flags", flags) };
            r.ExpectSame("linkat through a symlink with AT_SYMLINK_FOLLOW", r.Sync("Probe_linkat", P("desc-link-sym-a"), P("desc-link-hard-a"), 0x400),
                await r.Async(Args(P("desc-link-sym-b"), P("desc-link-hard-b"), 0x400)));
            r.ExpectSame("the new name is a hard link to the target, not a symlink (0 = regular file)",
                new FileInfo(P("desc-link-hard-a")).LinkTarget is null ? 0 : 1, new VariantOutcome(null, new FileInfo(P("desc-link-hard-b")).LinkTarget is null ? 0 : 1, null, null));
            r.ExpectSame("linkat onto an existing name (EEXIST)", r.Sync("Probe_linkat", P("desc-link-sym-a"), P("desc-link-hard-a"), 0x400), await r.Async(Args(P("desc-link-sym-b"), P("desc-link-hard-b"), 0x400)));
            r.ExpectSame("linkat with an unknown flag (EINVAL)", r.Sync("Probe_linkat", P("desc-link-sym-a"), P("desc-link-other-a"), 0x1), await r.Async(Args(P("desc-link-sym-b"), P("desc-link-other-b"), 0x1)));
        },
        ["desc.utimensat_timespec_array"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            File.WriteAllBytes(P("desc-utime-a"), Content);
            File.WriteAllBytes(P("desc-utime-b"), Content);
            (string, object?)[] Args(string path, long[]? times, int flags) => new (string, object?)[] { ("dirfd", AtFdCwd), ("path", new PathArg(path)), ("times", times is null ? null : TimesArgument(r, times)), ("flags", flags) };
            long[] set = { 0, UtimeOmit, 1_000_000_000, 123_456_789 };
            r.ExpectSame("utimensat: atime UTIME_OMIT, mtime 1e9 s + 123456789 ns", r.Sync("Probe_utimensat", P("desc-utime-a"), set, 0), await r.Async(Args(P("desc-utime-b"), set, 0)));
            r.ExpectSame("the modification time set (ticks)", File.GetLastWriteTimeUtc(P("desc-utime-a")).Ticks, new VariantOutcome(null, File.GetLastWriteTimeUtc(P("desc-utime-b")).Ticks, null, null));
            long[] invalid = { 0, 2_000_000_000, 0, 0 };
            r.ExpectSame("a tv_nsec of 2e9 (EINVAL)", r.Sync("Probe_utimensat", P("desc-utime-a"), invalid, 0), await r.Async(Args(P("desc-utime-b"), invalid, 0)));
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_utimensat", P("desc-utime-missing"), set, 0), await r.Async(Args(P("desc-utime-missing"), set, 0)));
            r.ExpectSame("NULL times (now)", r.Sync("Probe_utimensat", P("desc-utime-a"), null, 0), await r.Async(Args(P("desc-utime-b"), null, 0)));
        },
        ["desc.futimens_readonlyspan"] = async r =>
        {
            long[] set = { 0, UtimeOmit, 1_500_000_000, 42 };
            r.ExpectBadFd(r.Sync("Probe_futimens", HeldOutRun.NotAnOpenFd, set), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("times", TimesArgument(r, set))));
            int a = r.OpenFile("desc-futime-a", Content), b = r.OpenFile("desc-futime-b", Content);
            r.ExpectSame("futimens: mtime 1.5e9 s", r.Sync("Probe_futimens", a, set), await r.Async(("fd", b), ("times", TimesArgument(r, set))));
            r.ExpectSame("the modification time set (ticks)", File.GetLastWriteTimeUtc(Path.Combine(r.Directory, "desc-futime-a")).Ticks,
                new VariantOutcome(null, File.GetLastWriteTimeUtc(Path.Combine(r.Directory, "desc-futime-b")).Ticks, null, null));
        },
        ["desc.fchmodat_nofollow"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            foreach (string side in new[] { "a", "b" })
            {
                File.WriteAllBytes(P("desc-chmod-" + side), Content);
                File.CreateSymbolicLink(P("desc-chmod-link-" + side), P("desc-chmod-" + side));
            }

            (string, object?)[] Args(string path, int mode, int flags) => new (string, object?)[] { ("dirfd", AtFdCwd), ("path", new PathArg(path)), ("mode", mode), ("flags", flags) };
            r.ExpectSame("fchmodat 0600", r.Sync("Probe_fchmodat", P("desc-chmod-a"), 384, 0), await r.Async(Args(P("desc-chmod-b"), 384, 0)));
            r.ExpectSame("the mode set", (long)File.GetUnixFileMode(P("desc-chmod-a")), new VariantOutcome(null, (long)File.GetUnixFileMode(P("desc-chmod-b")), null, null));
            r.ExpectSame("AT_SYMLINK_NOFOLLOW on a symlink (EOPNOTSUPP)", r.Sync("Probe_fchmodat", P("desc-chmod-link-a"), 384, 0x100), await r.Async(Args(P("desc-chmod-link-b"), 384, 0x100)));
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_fchmodat", P("desc-chmod-missing"), 384, 0), await r.Async(Args(P("desc-chmod-missing"), 384, 0)));
        },
        ["desc.fchownat_unchanged_ids"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            File.WriteAllBytes(P("desc-chown-a"), Content);
            File.WriteAllBytes(P("desc-chown-b"), Content);
            (string, object?)[] Args(int dirfd, string path, int flags) => new (string, object?)[] { ("dirfd", dirfd), ("path", new PathArg(path)), ("owner", -1L), ("group", -1L), ("flags", flags) };
            r.ExpectSame("fchownat to (-1, -1): nothing changes", r.Sync("Probe_fchownat", AtFdCwd, P("desc-chown-a"), -1L, -1L, 0), await r.Async(Args(AtFdCwd, P("desc-chown-b"), 0)));
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_fchownat", AtFdCwd, P("desc-chown-missing"), -1L, -1L, 0), await r.Async(Args(AtFdCwd, P("desc-chown-missing"), 0)));
            int a = r.OpenExisting(P("desc-chown-a")), b = r.OpenExisting(P("desc-chown-b"));
            r.ExpectSame("AT_EMPTY_PATH on the file's descriptor", r.Sync("Probe_fchownat", a, "", -1L, -1L, 0x1000), await r.Async(Args(b, "", 0x1000)));
            r.ExpectSame("AT_EMPTY_PATH on a closed descriptor (EBADF)", r.Sync("Probe_fchownat", HeldOutRun.NotAnOpenFd, "", -1L, -1L, 0x1000), await r.Async(Args(HeldOutRun.NotAnOpenFd, "", 0x1000)));
        },
        ["desc.close_range_cloexec"] = async r =>
        {
            int file = r.OpenFile("desc-close-range", Content);
            int a = (int)r.Sync("Probe_dup", file), b = (int)r.Sync("Probe_dup", file);
            try
            {
                r.ExpectSame("close_range(a, a, CLOSE_RANGE_CLOEXEC)", r.Sync("Probe_close_range", (long)a, (long)a, 4), await r.Async(("fd", b), ("max_fd", b), ("flags", 4)));
                r.ExpectSame("FD_CLOEXEC after it", r.Sync("Probe_getfd", a), new VariantOutcome(null, r.Sync("Probe_getfd", b), null, null));
                // Numbers nobody has open: a variant that swapped the bounds would close that range, and a + 1 may be another test's.
                r.ExpectSame("fd above max_fd (EINVAL)", r.Sync("Probe_close_range", (long)HeldOutRun.NotAnOpenFd + 1, (long)HeldOutRun.NotAnOpenFd, 0),
                    await r.Async(("fd", HeldOutRun.NotAnOpenFd + 1), ("max_fd", HeldOutRun.NotAnOpenFd), ("flags", 0)));
                r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_close_range", (long)a, (long)a, 0x8), await r.Async(("fd", b), ("max_fd", b), ("flags", 0x8)));
                r.ExpectSame("close_range(a, a, 0) closes it", r.Sync("Probe_close_range", (long)a, (long)a, 0), await r.Async(("fd", b), ("max_fd", b), ("flags", 0)));
                a = b = -1;
            }
            finally
            {
                foreach (int fd in new[] { a, b }.Where(fd => fd >= 0))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["desc.dup3_cloexec"] = async r =>
        {
            int file = r.OpenFile("desc-dup3", Content);
            int targetA = r.OpenFile("desc-dup3-target-a", Content), targetB = r.OpenFile("desc-dup3-target-b", Content);
            VariantOutcome Onto(VariantOutcome outcome, int target) => outcome.Number == target ? outcome with { Number = 0 } : outcome;
            long Sync(int flags) { long s = r.Sync("Probe_dup3", file, targetA, flags); return s == targetA ? 0 : s; }
            r.ExpectSame("dup3 onto an open descriptor, flags 0", Sync(0), Onto(await r.Async(("oldfd", file), ("newfd", targetB), ("flags", 0)), targetB));
            r.ExpectSame("FD_CLOEXEC after dup3 without O_CLOEXEC", r.Sync("Probe_getfd", targetA), new VariantOutcome(null, r.Sync("Probe_getfd", targetB), null, null));
            r.ExpectSame("dup3 onto an open descriptor, O_CLOEXEC", Sync(OCloexec), Onto(await r.Async(("oldfd", file), ("newfd", targetB), ("flags", OCloexec)), targetB));
            r.ExpectSame("FD_CLOEXEC after dup3 with O_CLOEXEC", r.Sync("Probe_getfd", targetA), new VariantOutcome(null, r.Sync("Probe_getfd", targetB), null, null));
            r.ExpectSame("dup3 onto itself (EINVAL)", r.Sync("Probe_dup3", file, file, 0), await r.Async(("oldfd", file), ("newfd", file), ("flags", 0)));
            r.ExpectSame("dup3 with an unknown flag (EINVAL)", Sync(0x1), Onto(await r.Async(("oldfd", file), ("newfd", targetB), ("flags", 0x1)), targetB));
        },
        ["desc.memfd_create_string"] = async r =>
        {
            r.ExpectSame("memfd_create MFD_CLOEXEC", r.Sync("Probe_memfd_create", "asyncsys-heldout8", 1), ClosedDescriptor(r, await r.Async(("name", new PathArg("asyncsys-heldout8")), ("flags", 1))));
            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_memfd_create", "asyncsys-heldout8", 0x100), ClosedDescriptor(r, await r.Async(("name", new PathArg("asyncsys-heldout8")), ("flags", 0x100))));
            string tooLong = new string('n', 300);
            r.ExpectSame("a 300-byte name (EINVAL)", r.Sync("Probe_memfd_create", tooLong, 1), ClosedDescriptor(r, await r.Async(("name", new PathArg(tooLong)), ("flags", 1))));
        },
        ["desc.fcntl_ofd_getlk_ordinary_out"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_test_lock", HeldOutRun.NotAnOpenFd, FWrLck, 0L, 10L, new long[4]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("type", (short)FWrLck), ("start", 0L), ("length", 10L)));
            string path = NewFile(r, "desc-ofd-getlk", Content);
            int holder = r.OpenExisting(path), a = r.OpenExisting(path), b = r.OpenExisting(path);
            if (r.Sync("Probe_lock_region", holder, FWrLck, 0L, 10L) != 0)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": the holder's OFD lock failed; the run is wrong");
            }

            foreach ((string what, long start) in new[] { ("F_OFD_GETLK of a locked region", 0L), ("F_OFD_GETLK of a free region", 100L) })
            {
                long[] outs = new long[4];
                VariantOutcome outcome = await r.Async(("fd", b), ("type", (short)FWrLck), ("start", start), ("length", 10L));
                r.ExpectSame(what, r.Sync("Probe_test_lock", a, FWrLck, start, 10L, outs), outcome);
                ExpectMember(r, what + ": l_type written back", outcome, "Type", outs[0]);
                ExpectMember(r, what + ": l_pid written back", outcome, "Pid", outs[1]);
            }
        },
        ["desc.fcntl_ofd_setlk_ordinary"] = async r =>
        {
            string path = NewFile(r, "desc-ofd-setlk", Content);
            int holder = r.OpenExisting(path), a = r.OpenExisting(path), b = r.OpenExisting(path);
            r.ExpectSame("F_OFD_SETLK of a free region", r.Sync("Probe_lock_region", holder, FWrLck, 0L, 10L), await r.Async(("fd", holder), ("type", (short)FWrLck), ("start", 20L), ("length", 10L)));
            r.ExpectSame("F_OFD_SETLK of a region another open file holds (EAGAIN)", r.Sync("Probe_lock_region", a, FWrLck, 0L, 10L), await r.Async(("fd", b), ("type", (short)FWrLck), ("start", 0L), ("length", 10L)));
            r.ExpectSame("F_OFD_SETLK with l_len -20 from 5 (EINVAL)", r.Sync("Probe_lock_region", a, FWrLck, 5L, -20L), await r.Async(("fd", b), ("type", (short)FWrLck), ("start", 5L), ("length", -20L)));
            r.ExpectSame("F_OFD_SETLK F_UNLCK", r.Sync("Probe_lock_region", holder, FUnLck, 0L, 10L), await r.Async(("fd", holder), ("type", (short)FUnLck), ("start", 20L), ("length", 10L)));
        },
        ["desc.mlock_intptr"] = r => MemoryLock(r, "Probe_mlock", (address, length) => new (string, object?)[] { ("addr", address), ("len", length) }, onFault: false),
        ["desc.mlock2_flags"] = async r =>
        {
            await MemoryLock(r, "Probe_mlock2", (address, length) => new (string, object?)[] { ("addr", address), ("len", length), ("flags", 1) }, onFault: true);
            long page = r.Sync("Probe_alloc_page");
            try
            {
                r.ExpectSame("mlock2 with an unknown flag (EINVAL)", r.Sync("Probe_mlock2", page, 4096L, 4), await r.Async(("addr", page), ("len", 4096L), ("flags", 4)));
            }
            finally
            {
                r.Sync("Probe_free_page", page);
            }
        },
        ["desc.process_vm_readv_ordinary"] = async r =>
        {
            long page = r.Sync("Probe_alloc_page");
            try
            {
                Marshal.Copy(Content, 0, (IntPtr)page, Content.Length);
                byte[] syncBytes = new byte[32], asyncBytes = new byte[32];
                r.ExpectSame("process_vm_readv of 32 bytes of this process", r.Sync("Probe_read_own", page, syncBytes), await r.Async(("remote", page), ("destination", asyncBytes)));
                r.ExpectBytes("the bytes read", syncBytes, asyncBytes);
                r.ExpectSame("process_vm_readv of address 0 (EFAULT)", r.Sync("Probe_read_own", 0L, new byte[32]), await r.Async(("remote", 0L), ("destination", new byte[32])));
            }
            finally
            {
                r.Sync("Probe_free_page", page);
            }
        },
        ["desc.pidfd_open_self"] = async r =>
        {
            int pid = (int)r.Sync("Probe_getpid");
            r.ExpectSame("pidfd_open of this process", r.Sync("Probe_pidfd_open", pid, 0), ClosedDescriptor(r, await r.Async(("pid", pid), ("flags", 0))));
            r.ExpectSame("pidfd_open of no process (ESRCH)", r.Sync("Probe_pidfd_open", NoSuchPid, 0), ClosedDescriptor(r, await r.Async(("pid", NoSuchPid), ("flags", 0))));
            r.ExpectSame("pidfd_open with an unknown flag (EINVAL)", r.Sync("Probe_pidfd_open", pid, 1), ClosedDescriptor(r, await r.Async(("pid", pid), ("flags", 1))));
        },
        ["desc.pidfd_send_signal_zero"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pidfd_send_signal", HeldOutRun.NotAnOpenFd, 0, 0), await r.Async(("pidfd", HeldOutRun.NotAnOpenFd), ("sig", 0), ("info", 0L), ("flags", 0)));
            int pid = (int)r.Sync("Probe_getpid");
            int a = (int)r.Sync("Probe_pidfd_open_keep", pid), b = (int)r.Sync("Probe_pidfd_open_keep", pid);
            try
            {
                r.ExpectSame("signal 0 to this process", r.Sync("Probe_pidfd_send_signal", a, 0, 0), await r.Async(("pidfd", b), ("sig", 0), ("info", 0L), ("flags", 0)));
                r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_pidfd_send_signal", a, 0, 0x10), await r.Async(("pidfd", b), ("sig", 0), ("info", 0L), ("flags", 0x10)));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["desc.pidfd_getfd_self"] = async r =>
        {
            int pid = (int)r.Sync("Probe_getpid");
            int a = (int)r.Sync("Probe_pidfd_open_keep", pid), b = (int)r.Sync("Probe_pidfd_open_keep", pid);
            int file = r.OpenFile("desc-pidfd-getfd", Content);
            try
            {
                r.ExpectSame("pidfd_getfd of one of this process's files", r.Sync("Probe_pidfd_getfd", a, file), ClosedDescriptor(r, await r.Async(("pidfd", b), ("targetfd", file), ("flags", 0))));
                r.ExpectSame("pidfd_getfd of a descriptor not open (EBADF)", r.Sync("Probe_pidfd_getfd", a, HeldOutRun.NotAnOpenFd), ClosedDescriptor(r, await r.Async(("pidfd", b), ("targetfd", HeldOutRun.NotAnOpenFd), ("flags", 0))));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> MessageRuns() => new()
    {
        ["msg.sendmsg_scm_rights"] = async r =>
        {
            int fileA = r.OpenFile("msg-scm-a", Content), fileB = r.OpenFile("msg-scm-b", Content);
            await WithPairs(r, SockDgram, async (a, b) =>
            {
                nint headerA = Sending(r, "hello", fileA), headerB = Sending(r, "hello", fileB);
                try
                {
                    r.ExpectBadFd(r.Sync("Probe_sendmsg", HeldOutRun.NotAnOpenFd, (long)headerA, 0), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("msg", headerB), ("flags", 0)));
                    r.ExpectSame("sendmsg of 5 bytes and a descriptor (SCM_RIGHTS)", r.Sync("Probe_sendmsg", a[0], (long)headerA, 0), await r.Async(("sockfd", b[0]), ("msg", headerB), ("flags", 0)));
                }
                finally
                {
                    Free(r, headerA);
                    Free(r, headerB);
                }

                await ExpectDescriptorReceived(r, a[1], b[1], "Probe_recvmsg", MsgDontWait);
            });
        },
        ["msg.recvmsg_scm_rights"] = r => ReceiveMessages(r, "Probe_recvmsg", "sockfd", "msg", 0),
        ["msg.recvmsg_cmsg_cloexec_safehandle"] = r => ReceiveMessages(r, "Probe_recvmsg_cloexec", "socket", "message", MsgCmsgCloexec),
        ["msg.recvmsg_unix_dgram_name_long"] = async r =>
        {
            (int receiverA, int senderA) = BoundDatagramPair(r, "ra", "sa");
            (int receiverB, int senderB) = BoundDatagramPair(r, "rb", "sb");
            try
            {
                r.Sync("Probe_sendto_un", senderA, Encoding.ASCII.GetBytes("named"), UnixPath(r, "ra").Address, UnixPath(r, "ra").Length);
                r.Sync("Probe_sendto_un", senderB, Encoding.ASCII.GetBytes("named"), UnixPath(r, "rb").Address, UnixPath(r, "rb").Length);
                nint headerA = Receiving(r, 16, 0, 110), headerB = Receiving(r, 16, 0, 110);
                try
                {
                    r.ExpectSame("recvmsg of a datagram from a bound sender", r.Sync("Probe_recvmsg_long", receiverA, (long)headerA, 0), await r.Async(("sockfd", receiverB), ("msg", headerB), ("flags", 0)));
                    r.ExpectSame("msg_namelen the kernel wrote", HeaderValue(r, "NameLength", headerA), new VariantOutcome(null, HeaderValue(r, "NameLength", headerB), null, null));
                    r.ExpectBytes("the payload", HeaderPayload(r, headerA), HeaderPayload(r, headerB));
                }
                finally
                {
                    Free(r, headerA);
                    Free(r, headerB);
                }
            }
            finally
            {
                foreach (int fd in new[] { receiverA, senderA, receiverB, senderB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.sendmsg_ordinary_descriptor"] = async r =>
        {
            int fileA = r.OpenFile("msg-sd-a", Content), fileB = r.OpenFile("msg-sd-b", Content);
            r.ExpectBadFd(r.Sync("Probe_send_descriptor", HeldOutRun.NotAnOpenFd, fileA, Encoding.ASCII.GetBytes("hello")),
                await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("descriptor", fileB), ("payload", Encoding.ASCII.GetBytes("hello"))));
            await WithPairs(r, SockDgram, async (a, b) =>
            {
                r.ExpectSame("send 5 bytes and a descriptor", r.Sync("Probe_send_descriptor", a[0], fileA, Encoding.ASCII.GetBytes("hello")),
                    await r.Async(("socket", b[0]), ("descriptor", fileB), ("payload", Encoding.ASCII.GetBytes("hello"))));
                await ExpectDescriptorReceived(r, a[1], b[1], "Probe_recvmsg", MsgDontWait);
            });
        },
        ["msg.recvmsg_ordinary_out_descriptor"] = async r =>
        {
            int fileA = r.OpenFile("msg-rd-a", Content), fileB = r.OpenFile("msg-rd-b", Content);
            await WithPairs(r, SockDgram, async (a, b) =>
            {
                SendWithDescriptor(r, a[0], fileA);
                SendWithDescriptor(r, b[0], fileB);
                long[] outs = new long[1];
                byte[] syncPayload = new byte[16], asyncPayload = new byte[16];
                VariantOutcome outcome = await r.Async(("socket", b[1]), ("payload", asyncPayload));
                r.ExpectSame("receive 5 bytes and a descriptor", r.Sync("Probe_receive_descriptor", a[1], syncPayload, outs), outcome);
                r.ExpectBytes("the payload", syncPayload, asyncPayload);
                long? received = HeldOutRun.Member(outcome.Result, "descriptor");
                r.Row.Runs.Add("descriptor received: sync " + outs[0] + ", async " + (received?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not returned"));
                if (received is not long fd || fd <= 2 || outs[0] <= 2)
                {
                    r.Row.Problems.Add("the received descriptor does not come back (sync " + outs[0] + ", async " + (received?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none") + ")");
                }
                else
                {
                    r.ExpectSame("FD_CLOEXEC on the received descriptor (MSG_CMSG_CLOEXEC)", r.Sync("Probe_getfd", (int)outs[0]), new VariantOutcome(null, r.Sync("Probe_getfd", (int)fd), null, null));
                    r.Sync("Probe_close", (int)fd);
                }

                if (outs[0] > 2)
                {
                    r.Sync("Probe_close", (int)outs[0]);
                }
            });
        },
        ["msg.recvfrom_sockaddr_un_pointer"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_recvfrom_un", HeldOutRun.NotAnOpenFd, new byte[32], new byte[110], new long[1]),
                await r.Async(RecvFromArgs(HeldOutRun.NotAnOpenFd, new byte[32], AddressArgument(r, "src_addr", new byte[110], 110), 110)));
            (int receiverA, int senderA) = BoundDatagramPair(r, "fa", "ga");
            (int receiverB, int senderB) = BoundDatagramPair(r, "fb", "gb");
            int unboundA = (int)r.Sync("Probe_socket", AfUnix, SockDgram), unboundB = (int)r.Sync("Probe_socket", AfUnix, SockDgram);
            try
            {
                foreach ((string what, int fromA, int fromB) in new[] { ("from a bound sender", senderA, senderB), ("from an unbound sender (address length 2)", unboundA, unboundB) })
                {
                    r.Sync("Probe_sendto_un", fromA, Encoding.ASCII.GetBytes("datagram"), UnixPath(r, "fa").Address, UnixPath(r, "fa").Length);
                    r.Sync("Probe_sendto_un", fromB, Encoding.ASCII.GetBytes("datagram"), UnixPath(r, "fb").Address, UnixPath(r, "fb").Length);
                    byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32], syncAddress = new byte[110];
                    long[] outs = new long[1];
                    VariantOutcome outcome = await r.Async(RecvFromArgs(receiverB, asyncBuffer, AddressArgument(r, "src_addr", new byte[110], 110), 110));
                    r.ExpectSame("recvfrom " + what, r.Sync("Probe_recvfrom_un", receiverA, syncBuffer, syncAddress, outs), outcome);
                    r.ExpectBytes("the datagram", syncBuffer, asyncBuffer);
                    ExpectAddressLength(r, what, outcome, outs[0]);
                }
            }
            finally
            {
                foreach (int fd in new[] { receiverA, senderA, receiverB, senderB, unboundA, unboundB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.recvfrom_in6_bytes_ref_length"] = r => ReceiveFromIPv6(r, "Probe_recvfrom6", withFlags: true),
        ["msg.recvfrom_in6_pointer_int_length"] = r => ReceiveFromIPv6(r, "Probe_recvfrom_in6", withFlags: false),
        ["msg.sendto_sockaddr_un_pointer"] = async r =>
        {
            int receiverA = UnixSocketBoundTo(r, SockDgram, AbstractName("sta")), receiverB = UnixSocketBoundTo(r, SockDgram, AbstractName("stb"));
            int senderA = (int)r.Sync("Probe_socket", AfUnix, SockDgram), senderB = (int)r.Sync("Probe_socket", AfUnix, SockDgram);
            try
            {
                (byte[] addressA, int length) = AbstractName("sta");
                (byte[] addressB, _) = AbstractName("stb");
                byte[] payload = Encoding.ASCII.GetBytes("to an abstract name");
                (string, object?)[] Args(int fd, byte[] address, int addrlen) => new (string, object?)[] { ("sockfd", fd), ("buf", payload), ("len", (long)payload.Length), ("flags", 0), ("dest_addr", AddressArgument(r, "dest_addr", address, addrlen)), ("addrlen", addrlen) };
                r.ExpectSame("sendto an abstract name (the array holds more than addrlen)", r.Sync("Probe_sendto_un", senderA, payload, addressA, length), await r.Async(Args(senderB, addressB, length)));
                byte[] syncBytes = new byte[64], asyncBytes = new byte[64];
                r.ExpectSame("bytes the receiver got", r.Sync("Probe_read_nowait", receiverA, syncBytes), new VariantOutcome(null, r.Sync("Probe_read_nowait", receiverB, asyncBytes), null, null));
                r.ExpectBytes("the datagram", syncBytes, asyncBytes);
                (byte[] nobody, int nobodyLength) = AbstractName("none");
                r.ExpectSame("sendto a name nobody bound (ECONNREFUSED)", r.Sync("Probe_sendto_un", senderA, payload, nobody, nobodyLength), await r.Async(Args(senderB, nobody, nobodyLength)));
            }
            finally
            {
                foreach (int fd in new[] { receiverA, receiverB, senderA, senderB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.sendto_in6_spans"] = async r =>
        {
            using var receiver = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            receiver.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            byte[] address = SockaddrIn6(((IPEndPoint)receiver.LocalEndPoint!).Port);
            int senderA = (int)r.Sync("Probe_socket", AfInet6, SockDgram), senderB = (int)r.Sync("Probe_socket", AfInet6, SockDgram);
            try
            {
                byte[] payload = Encoding.ASCII.GetBytes("over IPv6");
                (string, object?)[] Args(int fd, byte[] to) => new (string, object?)[] { ("sockfd", fd), ("buf", payload), ("len", (long)payload.Length), ("flags", 0), ("dest_addr", to), ("addrlen", to.Length) };
                r.ExpectSame("sendto [::1]", r.Sync("Probe_sendto6", senderA, payload, address, 28), await r.Async(Args(senderB, address)));
                byte[] got = new byte[64];
                long arrived = 0;
                while (receiver.Poll(500_000, SelectMode.SelectRead))
                {
                    // Never a blocking receive: a variant that sent nothing must not hang the run.
                    arrived += receiver.Receive(got);
                }

                r.ExpectSame("the two datagrams arrived", arrived, new VariantOutcome(null, 2L * payload.Length, null, null));
                byte[] shortAddress = address.AsSpan(0, 8).ToArray();
                r.ExpectSame("sendto with an 8-byte address (EINVAL)", r.Sync("Probe_sendto6", senderA, payload, shortAddress, 8), await r.Async(Args(senderB, shortAddress)));
            }
            finally
            {
                r.Sync("Probe_close", senderA);
                r.Sync("Probe_close", senderB);
            }
        },
        ["msg.recv_peek_truncate_array"] = async r =>
        {
            await WithPairs(r, SockDgram, async (a, b) =>
            {
                byte[] datagram = Encoding.ASCII.GetBytes("twenty bytes of data");
                r.Sync("Probe_write", a[1], datagram);
                r.Sync("Probe_write", b[1], datagram);
                byte[] syncPeek = new byte[4], asyncPeek = new byte[4];
                r.ExpectSame("MSG_PEEK | MSG_TRUNC into 4 bytes (the datagram's real length)", r.Sync("Probe_recv", a[0], syncPeek, 4L, MsgPeek | MsgTrunc),
                    await r.Async(("sockfd", b[0]), ("buf", asyncPeek), ("len", 4L), ("flags", MsgPeek | MsgTrunc)));
                r.ExpectBytes("the bytes peeked", syncPeek, asyncPeek);
                byte[] syncAll = new byte[32], asyncAll = new byte[32];
                r.ExpectSame("recv of the whole datagram", r.Sync("Probe_recv", a[0], syncAll, 32L, 0), await r.Async(("sockfd", b[0]), ("buf", asyncAll), ("len", 32L), ("flags", 0)));
                r.ExpectBytes("the datagram", syncAll, asyncAll);
                r.ExpectSame("MSG_DONTWAIT with nothing queued (EAGAIN)", r.Sync("Probe_recv", a[0], syncAll, 32L, MsgDontWait), await r.Async(("sockfd", b[0]), ("buf", asyncAll), ("len", 32L), ("flags", MsgDontWait)));
            });
        },
        ["msg.bind_abstract_sockaddr_un_pointer"] = r => BindRun(r, "Probe_bind_un", name => AbstractName(name)),
        ["msg.bind_bytes_unix_path"] = r => BindRun(r, "Probe_bind_bytes", name => UnixPath(r, name)),
        ["msg.connect_abstract_bytes_longer_than_length"] = r => ConnectRun(r, "Probe_connect"),
        ["msg.connect_sockaddr_un_pointer"] = r => ConnectRun(r, "Probe_connect_un"),
        ["msg.listen_backlog"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_listen_call", HeldOutRun.NotAnOpenFd, 8), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("backlog", 8)));
            int a = UnixSocketBoundTo(r, SockStream, AbstractName("lsa")), b = UnixSocketBoundTo(r, SockStream, AbstractName("lsb"));
            int udpA = (int)r.Sync("Probe_socket", AfInet6, SockDgram), udpB = (int)r.Sync("Probe_socket", AfInet6, SockDgram);
            try
            {
                r.ExpectSame("listen on a bound stream socket", r.Sync("Probe_listen_call", a, 8), await r.Async(("sockfd", b), ("backlog", 8)));
                r.ExpectSame("listen on a datagram socket (EOPNOTSUPP)", r.Sync("Probe_listen_call", udpA, 8), await r.Async(("sockfd", udpB), ("backlog", 8)));
            }
            finally
            {
                foreach (int fd in new[] { a, b, udpA, udpB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.shutdown_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_shutdown", HeldOutRun.NotAnOpenFd, 1), await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("how", 1)));
            await WithPairs(r, SockStream, async (a, b) =>
            {
                r.ExpectSame("SHUT_WR", r.Sync("Probe_shutdown", a[0], 1), await r.Async(("socket", b[0]), ("how", 1)));
                r.ExpectSame("the peer reads end of file", r.Sync("Probe_read_nowait", a[1], new byte[8]), new VariantOutcome(null, r.Sync("Probe_read_nowait", b[1], new byte[8]), null, null));
                r.ExpectSame("an unknown how (EINVAL)", r.Sync("Probe_shutdown", a[0], 7), await r.Async(("socket", b[0]), ("how", 7)));
            });
            int lonelyA = (int)r.Sync("Probe_socket", AfUnix, SockStream), lonelyB = (int)r.Sync("Probe_socket", AfUnix, SockStream);
            try
            {
                r.ExpectSame("shutdown of an unconnected socket (ENOTCONN)", r.Sync("Probe_shutdown", lonelyA, 2), await r.Async(("socket", lonelyB), ("how", 2)));
            }
            finally
            {
                r.Sync("Probe_close", lonelyA);
                r.Sync("Probe_close", lonelyB);
            }
        },
        ["msg.accept4_sockaddr_un_pointer"] = async r =>
        {
            int listenerA = UnixSocketBoundTo(r, SockStream, AbstractName("aca")), listenerB = UnixSocketBoundTo(r, SockStream, AbstractName("acb"));
            r.Sync("Probe_listen", listenerA);
            r.Sync("Probe_listen", listenerB);
            int clientA = (int)r.Sync("Probe_socket", AfUnix, SockStream), clientB = (int)r.Sync("Probe_socket", AfUnix, SockStream);
            try
            {
                r.Sync("Probe_connect", clientA, AbstractName("aca").Address, AbstractName("aca").Length);
                r.Sync("Probe_connect", clientB, AbstractName("acb").Address, AbstractName("acb").Length);
                long[] outs = new long[1];
                long sync = r.Sync("Probe_accept4_un", listenerA, outs);
                bool addresses = r.ParameterType("addrlen") is "nint" or "System.IntPtr";
                uint[] length = { 110 };
                VariantOutcome outcome = await r.Async(("sockfd", listenerB), ("addr", new byte[110]), ("addrlen", addresses ? (object)length : 110u), ("flags", OCloexec));
                r.ExpectSame("accept4 of an unbound client", sync, ClosedDescriptor(r, outcome));
                if (addresses)
                {
                    r.ExpectSame("the address length the kernel wrote through addrlen", outs[0], new VariantOutcome(null, length[0], null, null));
                }
                else
                {
                    ExpectAddressLength(r, "accept4", outcome, outs[0]);
                }
            }
            finally
            {
                foreach (int fd in new[] { listenerA, listenerB, clientA, clientB })
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.getsockname_sockaddr_un_pointer"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_getsockname_un", HeldOutRun.NotAnOpenFd, new byte[110], new long[1]),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", AddressArgument(r, "addr", new byte[110], 110)), ("addrlen", 110u)));
            int a = UnixSocketBoundTo(r, SockDgram, AbstractName("gna")), b = UnixSocketBoundTo(r, SockDgram, AbstractName("gnb"));
            try
            {
                long[] outs = new long[1];
                object address = AddressArgument(r, "addr", new byte[110], 110);
                VariantOutcome outcome = await r.Async(("sockfd", b), ("addr", address), ("addrlen", 110u));
                byte[] syncAddress = new byte[110];
                r.ExpectSame("getsockname of a socket bound to an abstract name", r.Sync("Probe_getsockname_un", a, syncAddress, outs), CallSucceeded(outcome));
                ExpectAddressLength(r, "getsockname", outcome, outs[0]);
                if (address is byte[] written && outs[0] > 2)
                {
                    // The names differ in their last byte ('a' and 'b'): everything before it must be the same.
                    r.ExpectBytes("the address written (all but the name's last byte)", syncAddress.AsSpan(0, (int)outs[0] - 1).ToArray(), written.AsSpan(0, (int)outs[0] - 1).ToArray());
                }
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["msg.getpeername_in6_bytes_ref_uint"] = async r =>
        {
            using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            listener.Listen(4);
            using var clientA = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            using var clientB = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            clientA.Connect(listener.LocalEndPoint!);
            clientB.Connect(listener.LocalEndPoint!);
            int a = (int)clientA.Handle, b = (int)clientB.Handle;
            long[] outs = new long[1];
            byte[] syncAddress = new byte[28], asyncAddress = new byte[28];
            VariantOutcome outcome = await r.Async(("socket", b), ("addr", asyncAddress), ("addrlen", 28u));
            r.ExpectSame("getpeername of a connected IPv6 socket", r.Sync("Probe_getpeername", a, syncAddress, outs), CallSucceeded(outcome));
            r.ExpectBytes("the peer's address (the same listener)", syncAddress, asyncAddress);
            ExpectAddressLength(r, "getpeername", outcome, outs[0]);
            using var lonely = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            r.ExpectSame("getpeername of an unconnected socket (ENOTCONN)", r.Sync("Probe_getpeername", (int)lonely.Handle, new byte[28], new long[1]),
                await r.Async(("socket", (int)lonely.Handle), ("addr", new byte[28]), ("addrlen", 28u)));
        },
        ["msg.ppoll_outputbuffer_pollfd_count"] = async r =>
        {
            int[] readyA = new int[2], readyB = new int[2], idleA = new int[2], idleB = new int[2];
            foreach (int[] pipe in new[] { readyA, readyB, idleA, idleB })
            {
                r.Sync("Probe_pipe", pipe);
            }

            try
            {
                r.Sync("Probe_write", readyA[1], new byte[] { 1 });
                r.Sync("Probe_write", readyB[1], new byte[] { 1 });
                long[] syncRevents = new long[2];
                long sync = r.Sync("Probe_ppoll", new[] { readyA[0], idleA[0] }, (short)1, syncRevents);
                (object fds, Func<long[]> revents) = PollfdArgument(r, new[] { readyB[0], idleB[0] });
                long[] zero = new long[2];
                VariantOutcome outcome = await r.Async(("fds", fds), ("nfds", 2L), ("tmo_p", zero), ("sigmask", 0L));
                r.ExpectSame("ppoll of a readable and an idle pipe, timeout 0", sync, outcome);
                long[] got = revents();
                r.ExpectSame("revents written into the two pollfds", (syncRevents[0] * 1000) + syncRevents[1], new VariantOutcome(null, (got[0] * 1000) + got[1], null, null));
            }
            finally
            {
                foreach (int fd in readyA.Concat(readyB).Concat(idleA).Concat(idleB))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["msg.epoll_pwait_lparray"] = async r =>
        {
            long[] setA = new long[2], setB = new long[2];
            r.Sync("Probe_epoll_with_ready_eventfd", setA);
            r.Sync("Probe_epoll_with_ready_eventfd", setB);
            try
            {
                long[] outs = new long[2];
                Array events = r.NewArray("HeldOut.Messages.EpollEvent", 4);
                VariantOutcome outcome = await r.Async(("epfd", (int)setB[0]), ("events", events), ("maxevents", 4), ("timeout", 0), ("sigmask", 0L));
                r.ExpectSame("epoll_pwait of a ready eventfd", r.Sync("Probe_epoll_pwait", (int)setA[0], 4, 4, outs), outcome);
                object first = events.GetValue(0)!;
                long data = (long)(ulong)first.GetType().GetField("Data")!.GetValue(first)!;
                r.ExpectSame("the event's data written into the array", outs[1], new VariantOutcome(null, data, null, null));
                ExpectRefusedBeforeTheCall(r, "maxevents 8 over a 4-entry array", await r.Async(("epfd", (int)setB[0]), ("events", r.NewArray("HeldOut.Messages.EpollEvent", 4)), ("maxevents", 8), ("timeout", 0), ("sigmask", 0L)));
                r.ExpectSame("maxevents 0 (EINVAL)", r.Sync("Probe_epoll_pwait", (int)setA[0], 4, 0, outs),
                    await r.Async(("epfd", (int)setB[0]), ("events", r.NewArray("HeldOut.Messages.EpollEvent", 4)), ("maxevents", 0), ("timeout", 0), ("sigmask", 0L)));
            }
            finally
            {
                foreach (long fd in setA.Concat(setB))
                {
                    r.Sync("Probe_close", (int)fd);
                }
            }
        },
    };

    /// <summary>A call returning the error number, by kind of descriptor: closed (EBADF), a pipe (ESPIPE), two files.</summary>
    private static async Task FdKinds(HeldOutRun r, string name, Func<int, long> sync, Func<int, Task<VariantOutcome>> variant)
    {
        r.ExpectBadFd(sync(HeldOutRun.NotAnOpenFd), await variant(HeldOutRun.NotAnOpenFd));
        int[] pipe = new int[2];
        r.Sync("Probe_pipe", pipe);
        try
        {
            r.ExpectSame("on a pipe (ESPIPE, as the error number)", sync(pipe[1]), await variant(pipe[1]));
        }
        finally
        {
            r.Sync("Probe_close", pipe[0]);
            r.Sync("Probe_close", pipe[1]);
        }

        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("on a file", sync(a), await variant(b));
    }

    /// <summary>posix_fallocate-like calls: EBADF, ESPIPE, a file grown to 4096 and to 5 GB, len 0 (EINVAL), all as error numbers.</summary>
    private static async Task FileErrorNumberCall(HeldOutRun r, string probe, Func<int, long, long, (string, object?)[]> arguments)
    {
        string name = "desc-" + r.Row.Case.Id.Replace('.', '-');
        await FdKinds(r, name, fd => r.Sync(probe, fd, 0L, 4096L), fd => r.Async(arguments(fd, 0L, 4096L)));
        int a = r.OpenExisting(Path.Combine(r.Directory, name + "-a")), b = r.OpenExisting(Path.Combine(r.Directory, name + "-b"));
        r.ExpectSame("4096 bytes at 5 GB", r.Sync(probe, a, BeyondFourGiB, 4096L), await r.Async(arguments(b, BeyondFourGiB, 4096L)));
        ExpectSameLength(r, name + "-a", name + "-b");
        r.ExpectSame("len 0 (EINVAL)", r.Sync(probe, a, 0L, 0L), await r.Async(arguments(b, 0L, 0L)));
    }

    /// <summary>posix_memalign: EINVAL for an alignment that is no power of two, an aligned pointer (freed) for 64.</summary>
    private static async Task AlignedAllocation(HeldOutRun r, string probe)
    {
        r.ExpectSame("alignment 3 (EINVAL, as the error number)", r.Sync(probe, 3L, 128L), await r.Async(("alignment", 3L), ("size", 128L)));
        VariantOutcome outcome = await r.Async(("alignment", 64L), ("size", 128L));
        r.ExpectSame("alignment 64, 128 bytes", r.Sync(probe, 64L, 128L), outcome);
        if (outcome.Other is null && outcome.Errno is null)
        {
            long? pointer = HeldOutRun.Member(outcome.Result, "memptr");
            r.Row.Runs.Add("memptr returned: " + (pointer is long p ? "0x" + p.ToString("x", System.Globalization.CultureInfo.InvariantCulture) : "none"));
            if (pointer is not long address || address == 0 || address % 64 != 0)
            {
                r.Row.Problems.Add("the memory posix_memalign wrote through memptr does not come back aligned (" + outcome + ")");
            }
            else
            {
                r.Sync("Probe_free", address);
            }
        }
    }

    /// <summary>
    /// A clock of the calling thread: after the calling thread burned 200 ms of CPU, the variant called from it must answer
    /// at least what the thread has used (a worker that answers for itself reports its own, smaller time).
    /// </summary>
    private static async Task ThreadCpuTime(HeldOutRun r, string probe, Func<Task<VariantOutcome>> variant, Func<object?, long?> microseconds, string? refusedNaming = null)
    {
        if (refusedNaming is not null && await variant() is { Other: ArgumentException } refused)
        {
            // Refusing the calling thread's value at the call is right too: it never answers for the worker. Asked first, so
            // the 200 ms spin (which a loaded machine can starve) is needed only by a variant that answers.
            r.ExpectCallingThreadRefused("CPU time of the calling thread", refused, refusedNaming);
            return;
        }

        // Spin until the thread itself reports 200 ms of CPU (wall time is not CPU time on a loaded machine, where a
        // 200 ms spin got less than the 150 ms this check used to demand), within 20 s.
        var spin = Stopwatch.StartNew();
        long sync = r.Sync(probe);
        while (sync < 200_000 && spin.ElapsedMilliseconds < 20_000)
        {
            for (int i = 0; i < 100; i++)
            {
                Thread_SpinOnce();
            }

            sync = r.Sync(probe);
        }

        if (sync < 200_000)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the calling thread reports " + sync + " µs after spinning 20 s; the run is wrong");
        }

        VariantOutcome outcome = await variant();
        long? answered = outcome.Other is null && outcome.Errno is null ? microseconds(outcome.Result) : null;
        r.Row.Runs.Add("CPU time of the calling thread: sync " + sync + " µs, async " + (answered?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.ToString()));
        if (answered is not long value || value < sync - 20_000)
        {
            r.Row.Problems.Add("the variant answered " + (answered?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.ToString())
                + " µs where the calling thread had used " + sync + " µs: it answered for another thread");
        }
    }

    private static void Thread_SpinOnce() => System.Threading.Thread.SpinWait(1000);

    /// <summary>A timespec's microseconds, in the result itself or in a member holding it.</summary>
    private static long? MicrosecondsOf(object? result)
    {
        object? spec = result?.GetType().Name == "Timespec" ? result
            : result?.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.GetValue(result)).FirstOrDefault(v => v?.GetType().Name == "Timespec");
        return spec is null ? null : (long)spec.GetType().GetField("Seconds")!.GetValue(spec)! * 1_000_000 + (long)spec.GetType().GetField("Nanoseconds")!.GetValue(spec)! / 1000;
    }

    /// <summary>lseek on a sparse file: SEEK_HOLE, SEEK_DATA past the data (ENXIO), 5 GB (an off_t past 32 bits), negative (EINVAL).</summary>
    private static async Task SeekRun(HeldOutRun r, string probe)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, 0L, SeekSet), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("whence", SeekSet)));
        string name = "desc-" + r.Row.Case.Id.Replace('.', '-');
        foreach (string side in new[] { "-a", "-b" })
        {
            // Made sparse before the run opens it: .NET's own lock on an open handle refuses a second writer.
            using FileStream stream = File.Create(Path.Combine(r.Directory, name + side));
            stream.WriteByte(1);
            stream.SetLength(1 << 20);
        }

        int a = r.OpenExisting(Path.Combine(r.Directory, name + "-a")), b = r.OpenExisting(Path.Combine(r.Directory, name + "-b"));

        foreach ((string what, long offset, int whence) in new[] { ("SEEK_HOLE from 0", 0L, SeekHole), ("SEEK_DATA past the data (ENXIO)", 8192L, SeekData), ("SEEK_SET to 5 GB", BeyondFourGiB, SeekSet), ("SEEK_END -2 TB (EINVAL)", -2_000_000_000_000L, SeekEnd), ("SEEK_SET to -1 (EINVAL)", -1L, SeekSet) })
        {
            r.ExpectSame(what, r.Sync(probe, a, offset, whence), await r.Async(("fd", b), ("offset", offset), ("whence", whence)));
        }
    }

    /// <summary>openat2 below a directory: RESOLVE_BENEATH with "..", a plain open, a missing name, a closed dirfd.</summary>
    private static async Task OpenAt2Run(HeldOutRun r, string probe, Func<int, string, long, long, (string, object?)[]> arguments, bool sizeTakesPart = true)
    {
        string name = "desc-" + r.Row.Case.Id.Replace('.', '-');
        string directory = Path.Combine(r.Directory, name), sub = Path.Combine(directory, "sub");
        Directory.CreateDirectory(sub);
        File.WriteAllBytes(Path.Combine(directory, "f"), Content);
        File.WriteAllBytes(Path.Combine(sub, "g"), Content);
        long Sync(int dirfd, string path, long resolve) => sizeTakesPart ? r.Sync(probe, dirfd, path, (long)OCloexec, resolve, 24L) : r.Sync(probe, dirfd, path, (long)OCloexec, resolve);
        r.ExpectBadFd(Sync(HeldOutRun.NotAnOpenFd, "g", 0), ClosedDescriptor(r, await r.Async(arguments(HeldOutRun.NotAnOpenFd, "g", OCloexec, 0))));
        int a = (int)r.Sync("Probe_open_dir", sub), b = (int)r.Sync("Probe_open_dir", sub);
        try
        {
            foreach ((string what, string path, long resolve) in new[] { ("a file below the directory", "g", 0L), ("'..' with RESOLVE_BENEATH (EXDEV)", "../f", (long)ResolveBeneath), ("'..' without it", "../f", 0L), ("a missing name (ENOENT)", "missing", 0L) })
            {
                r.ExpectSame("openat2 of " + what, Sync(a, path, resolve), ClosedDescriptor(r, await r.Async(arguments(b, path, OCloexec, resolve))));
            }
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    /// <summary>
    /// An open_how as the variant's parameter takes it, decided from its type before the call: a struct array (or memory of
    /// structs) of one, or its 24 bytes.
    /// </summary>
    private static object OpenHowArgument(HeldOutRun r, string parameter, long flags, long resolve)
    {
        string? type = r.ParameterType(parameter);
        if (type is not null && type.Contains("OpenHow", StringComparison.Ordinal))
        {
            Array one = r.NewArray("HeldOut.Descriptors.OpenHow", 1);
            one.SetValue(OpenHowValue(r, flags, resolve), 0);
            return one;
        }

        byte[] bytes = new byte[24];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)flags);
        BitConverter.TryWriteBytes(bytes.AsSpan(16, 8), (ulong)resolve);
        return bytes;
    }

    private static object OpenHowValue(HeldOutRun r, long flags, long resolve)
    {
        object how = r.NewArray("HeldOut.Descriptors.OpenHow", 1).GetValue(0)!;
        how.GetType().GetField("Flags")!.SetValue(how, (ulong)flags);
        how.GetType().GetField("Resolve")!.SetValue(how, (ulong)resolve);
        return how;
    }

    /// <summary>Two timespecs {atime s, atime ns, mtime s, mtime ns} as an array of the case file's Timespec.</summary>
    private static Array TimesArgument(HeldOutRun r, long[] t)
    {
        Array times = r.NewArray("HeldOut.Descriptors.Timespec", 2);
        for (int i = 0; i < 2; i++)
        {
            object spec = times.GetValue(i)!;
            spec.GetType().GetField("Seconds")!.SetValue(spec, t[2 * i]);
            spec.GetType().GetField("Nanoseconds")!.SetValue(spec, t[(2 * i) + 1]);
            times.SetValue(spec, i);
        }

        return times;
    }

    /// <summary>mlock-like calls: a page this run allocated (0; unlocked after), address 0 (ENOMEM).</summary>
    private static async Task MemoryLock(HeldOutRun r, string probe, Func<long, long, (string, object?)[]> arguments, bool onFault)
    {
        long page = r.Sync("Probe_alloc_page");
        try
        {
            object?[] probeArgs = onFault ? new object?[] { page, 4096L, 1 } : new object?[] { page, 4096L };
            long sync = r.Sync(probe, probeArgs);
            VariantOutcome outcome = await r.Async(arguments(page, 4096L));
            r.Sync("Probe_munlock", page, 4096L);
            r.ExpectSame("lock a page of this process", sync, outcome);
            object?[] zeroArgs = onFault ? new object?[] { 0L, 4096L, 1 } : new object?[] { 0L, 4096L };
            r.ExpectSame("lock address 0 (ENOMEM)", r.Sync(probe, zeroArgs), await r.Async(arguments(0L, 4096L)));
        }
        finally
        {
            r.Sync("Probe_free_page", page);
        }
    }

    private static async Task WithPairs(HeldOutRun r, int type, Func<int[], int[], Task> run)
    {
        int[] a = new int[2], b = new int[2];
        r.Sync("Probe_socketpair", type, a);
        r.Sync("Probe_socketpair", type, b);
        try
        {
            await run(a, b);
        }
        finally
        {
            foreach (int fd in a.Concat(b))
            {
                r.Sync("Probe_close", fd);
            }
        }
    }

    private static nint Sending(HeldOutRun r, string payload, int fd) =>
        (nint)r.CallStatic("HeldOut.Messages.Headers", "Sending", Encoding.ASCII.GetBytes(payload), fd)!;

    private static nint Receiving(HeldOutRun r, int payload, int control, int name) =>
        (nint)r.CallStatic("HeldOut.Messages.Headers", "Receiving", payload, control, name)!;

    private static void Free(HeldOutRun r, nint header) => r.CallStatic("HeldOut.Messages.Headers", "Free", header);

    private static long HeaderValue(HeldOutRun r, string what, nint header) => (long)r.CallStatic("HeldOut.Messages.Headers", what, header)!;

    private static byte[] HeaderPayload(HeldOutRun r, nint header) => (byte[])r.CallStatic("HeldOut.Messages.Headers", "Payload", header)!;

    private static int ReceivedFd(HeldOutRun r, nint header) => (int)r.CallStatic("HeldOut.Messages.Headers", "ReceivedFd", header)!;

    private static void SendWithDescriptor(HeldOutRun r, int socket, int fd)
    {
        nint header = Sending(r, "hello", fd);
        try
        {
            if (r.Sync("Probe_sendmsg", socket, (long)header, 0) != 5)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": sending a descriptor failed; the run is wrong");
            }
        }
        finally
        {
            Free(r, header);
        }
    }

    /// <summary>Both sides received a descriptor (by the same synchronous recvmsg) that reads the same file content.</summary>
    private static Task ExpectDescriptorReceived(HeldOutRun r, int socketA, int socketB, string probe, int flags)
    {
        nint headerA = Receiving(r, 16, 24, 0), headerB = Receiving(r, 16, 24, 0);
        try
        {
            r.ExpectSame("the peer receives the message", r.Sync(probe, socketA, (long)headerA, flags), new VariantOutcome(null, r.Sync(probe, socketB, (long)headerB, flags), null, null));
            int fdA = ReceivedFd(r, headerA), fdB = ReceivedFd(r, headerB);
            r.Row.Runs.Add("descriptors received: " + fdA + ", " + fdB);
            if (fdA <= 2 || fdB <= 2)
            {
                r.Row.Problems.Add("the descriptor sent with SCM_RIGHTS did not arrive (sync " + fdA + ", async " + fdB + ")");
            }
            else
            {
                r.Sync("Probe_close", fdA);
                r.Sync("Probe_close", fdB);
            }
        }
        finally
        {
            Free(r, headerA);
            Free(r, headerB);
        }

        return Task.CompletedTask;
    }

    /// <summary>recvmsg of a message with a descriptor: the control length written back, the descriptor, MSG_CTRUNC, EAGAIN.</summary>
    private static async Task ReceiveMessages(HeldOutRun r, string probe, string socketName, string headerName, int flags)
    {
        int fileA = r.OpenFile("msg-recv-a-" + socketName, Content), fileB = r.OpenFile("msg-recv-b-" + socketName, Content);
        nint closedHeader = Receiving(r, 16, 24, 0);
        try
        {
            r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, (long)closedHeader, flags), await r.Async((socketName, HeldOutRun.NotAnOpenFd), (headerName, closedHeader), ("flags", flags)));
        }
        finally
        {
            Free(r, closedHeader);
        }

        await WithPairs(r, SockDgram, async (a, b) =>
        {
            SendWithDescriptor(r, a[0], fileA);
            SendWithDescriptor(r, b[0], fileB);
            nint headerA = Receiving(r, 16, 24, 0), headerB = Receiving(r, 16, 24, 0);
            try
            {
                r.ExpectSame("recvmsg of 5 bytes and a descriptor", r.Sync(probe, a[1], (long)headerA, flags), await r.Async((socketName, b[1]), (headerName, headerB), ("flags", flags)));
                r.ExpectSame("msg_controllen written back", HeaderValue(r, "ControlLength", headerA), new VariantOutcome(null, HeaderValue(r, "ControlLength", headerB), null, null));
                r.ExpectBytes("the payload", HeaderPayload(r, headerA), HeaderPayload(r, headerB));
                int fdA = ReceivedFd(r, headerA), fdB = ReceivedFd(r, headerB);
                if (fdA > 2 && fdB > 2)
                {
                    r.ExpectSame("FD_CLOEXEC on the descriptor received", r.Sync("Probe_getfd", fdA), new VariantOutcome(null, r.Sync("Probe_getfd", fdB), null, null));
                    r.Sync("Probe_close", fdA);
                    r.Sync("Probe_close", fdB);
                }
                else
                {
                    r.Row.Problems.Add("no descriptor received (sync " + fdA + ", async " + fdB + ")");
                }
            }
            finally
            {
                Free(r, headerA);
                Free(r, headerB);
            }

            SendWithDescriptor(r, a[0], fileA);
            SendWithDescriptor(r, b[0], fileB);
            nint shortA = Receiving(r, 16, 8, 0), shortB = Receiving(r, 16, 8, 0);
            try
            {
                r.ExpectSame("recvmsg with an 8-byte control buffer", r.Sync(probe, a[1], (long)shortA, flags), await r.Async((socketName, b[1]), (headerName, shortB), ("flags", flags)));
                r.ExpectSame("msg_flags written back (MSG_CTRUNC)", HeaderValue(r, "Flags", shortA) & MsgCtrunc, new VariantOutcome(null, HeaderValue(r, "Flags", shortB) & MsgCtrunc, null, null));
                r.ExpectSame("recvmsg with nothing queued (EAGAIN)", r.Sync(probe, a[1], (long)shortA, flags | MsgDontWait), await r.Async((socketName, b[1]), (headerName, shortB), ("flags", flags | MsgDontWait)));
            }
            finally
            {
                Free(r, shortA);
                Free(r, shortB);
            }
        });
    }

    /// <summary>An abstract AF_UNIX name: the array holds the name and 'Z's after it up to 110 bytes; the length covers the name only.</summary>
    private static (byte[] Address, int Length) AbstractName(string name)
    {
        byte[] address = Enumerable.Repeat((byte)'Z', 110).ToArray();
        address[0] = AfUnix;
        address[1] = 0;
        address[2] = 0;
        byte[] text = Encoding.ASCII.GetBytes("asyncsys-heldout8-" + Environment.ProcessId + "-" + name);
        text.CopyTo(address, 3);
        return (address, 3 + text.Length);
    }

    /// <summary>A path AF_UNIX name in the run's directory (names of equal length), NUL-terminated, 110 bytes.</summary>
    private static (byte[] Address, int Length) UnixPath(HeldOutRun r, string name)
    {
        byte[] address = new byte[110];
        address[0] = AfUnix;
        byte[] text = Encoding.UTF8.GetBytes(Path.Combine(r.Directory, "u-" + name));
        if (text.Length > 100)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the socket path is too long; the run is wrong");
        }

        text.CopyTo(address, 2);
        return (address, 2 + text.Length + 1);
    }

    private static int UnixSocketBoundTo(HeldOutRun r, int type, (byte[] Address, int Length) name)
    {
        int fd = (int)r.Sync("Probe_socket", AfUnix, type);
        if (r.Sync("Probe_bind", fd, name.Address, name.Length) != 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": binding a test socket failed; the run is wrong");
        }

        return fd;
    }

    /// <summary>A datagram receiver bound to a path and a sender bound to another, both in the run's directory.</summary>
    private static (int Receiver, int Sender) BoundDatagramPair(HeldOutRun r, string receiver, string sender) =>
        (UnixSocketBoundTo(r, SockDgram, UnixPath(r, receiver)), UnixSocketBoundTo(r, SockDgram, UnixPath(r, sender)));

    private static byte[] SockaddrIn6(int port)
    {
        byte[] address = new byte[28];
        address[0] = AfInet6;
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        address[23] = 1; // ::1
        return address;
    }

    /// <summary>
    /// A socket address as the variant's parameter takes it, decided from its type: bytes, an array (or memory) of one of
    /// the case file's address structs, or one such struct.
    /// </summary>
    private static object AddressArgument(HeldOutRun r, string parameter, byte[] bytes, int length)
    {
        string? type = r.ParameterType(parameter);
        string? structName = type is null ? null : type.Contains("SockaddrUn", StringComparison.Ordinal) ? "HeldOut.Messages.SockaddrUn"
            : type.Contains("SockaddrIn6", StringComparison.Ordinal) ? "HeldOut.Messages.SockaddrIn6" : null;
        if (structName is null)
        {
            // Bytes with no length parameter beside them (a sockaddr pointer and its length became one ReadOnlyMemory<byte>):
            // the memory is the address, so it holds the length's bytes, as a caller converting the two would pass.
            return r.ParameterType("addrlen") is null && type is not null && type.Contains("ReadOnlyMemory", StringComparison.Ordinal) ? bytes.AsSpan(0, length).ToArray() : bytes;
        }

        Array one = r.NewArray(structName, 1);
        Type element = one.GetType().GetElementType()!;
        IntPtr memory = Marshal.AllocHGlobal(Marshal.SizeOf(element));
        try
        {
            byte[] padded = new byte[Marshal.SizeOf(element)];
            bytes.AsSpan(0, Math.Min(bytes.Length, padded.Length)).CopyTo(padded);
            Marshal.Copy(padded, 0, memory, padded.Length);
            one.SetValue(Marshal.PtrToStructure(memory, element), 0);
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }

        return type!.Contains('[', StringComparison.Ordinal) || type.Contains("Memory", StringComparison.Ordinal) ? one : one.GetValue(0)!;
    }

    private static (string, object?)[] RecvFromArgs(int fd, byte[] buffer, object address, int addressLength) => new (string, object?)[]
    {
        ("sockfd", fd), ("buf", buffer), ("len", (long)buffer.Length), ("flags", 0), ("src_addr", address), ("addrlen", (uint)addressLength),
    };

    /// <summary>A variant whose result is the address length (a uint where the call returns its int 0): the call's 0, for the comparison with it.</summary>
    private static VariantOutcome CallSucceeded(VariantOutcome outcome) => outcome.Result is uint ? outcome with { Number = 0 } : outcome;

    /// <summary>The address length the kernel wrote: from the result (a member named like the length, or the result).</summary>
    private static void ExpectAddressLength(HeldOutRun r, string what, VariantOutcome outcome, long sync)
    {
        if (outcome.Other is not null || outcome.Errno is not null)
        {
            return;
        }

        // A result of the length's own type (uint where the call returns int) is the length the kernel wrote (round 2's rule).
        long? written = outcome.Result is uint length ? length
            : HeldOutRun.Member(outcome.Result, "addrlen") ?? HeldOutRun.Member(outcome.Result, "AddressLength") ?? HeldOutRun.Member(outcome.Result, "addrLen");
        r.Row.Runs.Add(what + ": address length sync " + sync + ", async " + (written?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not returned (" + outcome + ")"));
        if (written != sync)
        {
            r.Row.Problems.Add(what + ": the kernel wrote an address length of " + sync + "; the variant " + (written is null ? "does not return it" : "returns " + written));
        }
    }

    /// <summary>recvfrom from an IPv6 sender: a full address (28), a short address buffer (the kernel writes 28 back), MSG_TRUNC.</summary>
    private static async Task ReceiveFromIPv6(HeldOutRun r, string probe, bool withFlags)
    {
        using var receiverA = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        using var receiverB = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        using var sender = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        receiverA.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        receiverB.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        sender.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        int a = (int)receiverA.Handle, b = (int)receiverB.Handle;
        byte[] datagram = Encoding.ASCII.GetBytes("twelve bytes");
        foreach ((string what, int addressLength, int bufferLength, int flags) in withFlags
            ? new[] { ("into a 28-byte address", 28, 32, 0), ("into an 8-byte address (truncated; the kernel writes 28)", 8, 32, 0), ("MSG_TRUNC into 4 bytes", 28, 4, MsgTrunc) }
            : new[] { ("into a sockaddr_in6", 28, 32, 0), ("into a 4-byte buffer (the rest is dropped)", 28, 4, 0) })
        {
            sender.SendTo(datagram, receiverA.LocalEndPoint!);
            sender.SendTo(datagram, receiverB.LocalEndPoint!);
            byte[] syncBuffer = new byte[bufferLength], asyncBuffer = new byte[bufferLength], syncAddress = new byte[addressLength];
            object asyncAddress = AddressArgument(r, "src_addr", new byte[addressLength], addressLength);
            long[] outs = new long[1];
            long sync = withFlags ? r.Sync(probe, a, syncBuffer, flags, syncAddress, outs) : r.Sync(probe, a, syncBuffer, syncAddress, outs);
            VariantOutcome outcome = await r.Async(("sockfd", b), ("buf", asyncBuffer), ("len", (long)bufferLength), ("flags", flags), ("src_addr", asyncAddress), ("addrlen", (uint)addressLength));
            r.ExpectSame("recvfrom " + what, sync, outcome);
            r.ExpectBytes("the datagram", syncBuffer, asyncBuffer);
            ExpectAddressLength(r, what, outcome, outs[0]);
            if (asyncAddress is byte[] written)
            {
                // Both senders are the same socket: the address the kernel wrote is the same bytes.
                r.ExpectBytes("the source address", syncAddress, written);
            }
        }
    }

    /// <summary>bind of a name (abstract: its length is part of it), the length getsockname reports, the name in use (EADDRINUSE).</summary>
    private static async Task BindRun(HeldOutRun r, string probe, Func<string, (byte[] Address, int Length)> name)
    {
        (string, object?)[] Args(int fd, (byte[] Address, int Length) n) => new (string, object?)[] { ("sockfd", fd), ("addr", AddressArgument(r, "addr", n.Address, n.Length)), ("addrlen", n.Length) };
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, name("bda").Address, name("bda").Length), await r.Async(Args(HeldOutRun.NotAnOpenFd, name("bdb"))));
        int a = (int)r.Sync("Probe_socket", AfUnix, SockDgram), b = (int)r.Sync("Probe_socket", AfUnix, SockDgram);
        int c = (int)r.Sync("Probe_socket", AfUnix, SockDgram), d = (int)r.Sync("Probe_socket", AfUnix, SockDgram);
        try
        {
            r.ExpectSame("bind", r.Sync(probe, a, name("bda").Address, name("bda").Length), await r.Async(Args(b, name("bdb"))));
            r.ExpectSame("the name's length as getsockname reports it", r.Sync("Probe_getsockname", a, new byte[110]), new VariantOutcome(null, r.Sync("Probe_getsockname", b, new byte[110]), null, null));
            r.ExpectSame("the same name from another socket (EADDRINUSE)", r.Sync(probe, c, name("bda").Address, name("bda").Length), await r.Async(Args(d, name("bdb"))));
            r.ExpectSame("binding a bound socket again (EINVAL)", r.Sync(probe, a, name("bdc").Address, name("bdc").Length), await r.Async(Args(b, name("bdd"))));
        }
        finally
        {
            foreach (int fd in new[] { a, b, c, d })
            {
                r.Sync("Probe_close", fd);
            }
        }
    }

    /// <summary>connect to an abstract name given by an array longer than its length; a name nobody listens on (ECONNREFUSED).</summary>
    private static async Task ConnectRun(HeldOutRun r, string probe)
    {
        (string, object?)[] Args(int fd, (byte[] Address, int Length) n) => new (string, object?)[] { ("sockfd", fd), ("addr", AddressArgument(r, "addr", n.Address, n.Length)), ("addrlen", n.Length) };
        string tag = r.Row.Case.Id.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, AbstractName("cna" + tag).Address, AbstractName("cna" + tag).Length), await r.Async(Args(HeldOutRun.NotAnOpenFd, AbstractName("cnb" + tag))));
        int listenerA = UnixSocketBoundTo(r, SockStream, AbstractName("cna" + tag)), listenerB = UnixSocketBoundTo(r, SockStream, AbstractName("cnb" + tag));
        r.Sync("Probe_listen", listenerA);
        r.Sync("Probe_listen", listenerB);
        int a = (int)r.Sync("Probe_socket", AfUnix, SockStream), b = (int)r.Sync("Probe_socket", AfUnix, SockStream);
        int c = (int)r.Sync("Probe_socket", AfUnix, SockStream), d = (int)r.Sync("Probe_socket", AfUnix, SockStream);
        try
        {
            r.ExpectSame("connect to a listening abstract name", r.Sync(probe, a, AbstractName("cna" + tag).Address, AbstractName("cna" + tag).Length), await r.Async(Args(b, AbstractName("cnb" + tag))));
            r.ExpectSame("connect to a name nobody listens on (ECONNREFUSED)", r.Sync(probe, c, AbstractName("cnx" + tag).Address, AbstractName("cnx" + tag).Length), await r.Async(Args(d, AbstractName("cny" + tag))));
        }
        finally
        {
            foreach (int fd in new[] { listenerA, listenerB, a, b, c, d })
            {
                r.Sync("Probe_close", fd);
            }
        }
    }

    /// <summary>
    /// Two pollfds as the variant's parameter takes them, with a reader of the revents the kernel wrote: an array of the
    /// case file's Pollfd, or their bytes as a Memory over the start of an array eight times longer (a count of pollfds
    /// read as bytes would make the kernel go that far; the bytes behind stay this run's, and it would count them).
    /// </summary>
    private static (object Value, Func<long[]> Revents) PollfdArgument(HeldOutRun r, int[] fds)
    {
        string? type = r.ParameterType("fds");
        if (type is not null && type.Contains("Pollfd", StringComparison.Ordinal))
        {
            Array set = r.NewArray("HeldOut.Messages.Pollfd", fds.Length);
            for (int i = 0; i < fds.Length; i++)
            {
                object entry = set.GetValue(i)!;
                entry.GetType().GetField("Fd")!.SetValue(entry, fds[i]);
                entry.GetType().GetField("Events")!.SetValue(entry, (short)1);
                set.SetValue(entry, i);
            }

            return (set, () => Enumerable.Range(0, fds.Length).Select(i => (long)(short)set.GetValue(i)!.GetType().GetField("Revents")!.GetValue(set.GetValue(i))!).ToArray());
        }

        byte[] backing = new byte[8 * 8 * fds.Length];
        for (int i = 0; i < 8 * fds.Length; i++)
        {
            // Behind the two handed over: more pollfds of the readable descriptor, so a kernel sent that far counts them.
            BitConverter.TryWriteBytes(backing.AsSpan(8 * i, 4), i < fds.Length ? fds[i] : fds[0]);
            BitConverter.TryWriteBytes(backing.AsSpan((8 * i) + 4, 2), (short)1);
        }

        return (backing.AsMemory(0, 8 * fds.Length), () => Enumerable.Range(0, fds.Length).Select(i => (long)BitConverter.ToInt16(backing, (8 * i) + 6)).ToArray());
    }
}
