using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the ninth blind round (Members.case, Loops.case), written with the case files, before the
/// generator was run on them. Instance wrappers run on objects made over the test's descriptors (SafeHandle subclasses
/// that do not own them); wrappers that throw are compared by exception type and code; errno is read as the wrapper's
/// caller would (the saved P/Invoke error, or errno itself for imports without SetLastError); poll of a negative
/// descriptor, which poll(2) ignores, is given a token cancelled after a short wait.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int PollIn = 1, PollNval = 0x20;
    private const string MemberProbes = "HeldOut.Members.MemberProbes", LoopProbes = "HeldOut.Loops.LoopProbes";

    private static Dictionary<string, (string, string)> WithNinthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Members"] = (HeldOutProbes.Members, "");
        probes["Loops"] = (HeldOutProbes.Loops, HeldOutProbes.LoopsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithNinthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in MemberRuns().Concat(LoopRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object UnixFd(HeldOutRun r, int fd) => r.NewObject("HeldOut.Members.UnixFd", (IntPtr)fd, false);

    private static Dictionary<string, Func<HeldOutRun, Task>> MemberRuns() => new()
    {
        ["mem.safehandle_instance_fsync"] = r => FdCall(r, "Probe_unixfd_sync", fd => new (string, object?)[] { ("this", UnixFd(r, fd)) }),
        ["mem.safehandle_instance_read_array"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_unixfd_read", HeldOutRun.NotAnOpenFd, new byte[8], 0, 8),
                await r.Async(("this", UnixFd(r, HeldOutRun.NotAnOpenFd)), ("buffer", new byte[8]), ("offset", 0), ("count", 8)));
            int a = r.OpenFile("m-hread-a", Content), b = r.OpenFile("m-hread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("6 bytes into the buffer at 2", r.Sync("Probe_unixfd_read", a, syncBuffer, 2, 6),
                await r.Async(("this", UnixFd(r, b)), ("buffer", asyncBuffer), ("offset", 2), ("count", 6)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
        },
        ["mem.safehandle_instance_eintr_read"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_unixfd_read_retrying", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("this", UnixFd(r, HeldOutRun.NotAnOpenFd)), ("buffer", new byte[8])));
            int a = r.OpenFile("m-hretry-a", Content), b = r.OpenFile("m-hretry-b", Content);
            byte[] syncBuffer = new byte[12], asyncBuffer = new byte[12];
            r.ExpectSame("a read of 12 bytes", r.Sync("Probe_unixfd_read_retrying", a, syncBuffer), await r.Async(("this", UnixFd(r, b)), ("buffer", asyncBuffer)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
        },
        ["mem.safehandle_instance_write_all_win32exception"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("written in full by a loop");
            ExpectSameThrow(r, MemberProbes, "WriteAll on a closed descriptor (Win32Exception EBADF)", r.Sync("Probe_unixfd_write_all", HeldOutRun.NotAnOpenFd, data),
                await r.Async(("this", UnixFd(r, HeldOutRun.NotAnOpenFd)), ("data", data)));
            int a = r.OpenFile("m-hwrite-a", Array.Empty<byte>()), b = r.OpenFile("m-hwrite-b", Array.Empty<byte>());
            ExpectSameThrow(r, MemberProbes, "WriteAll to a file", r.Sync("Probe_unixfd_write_all", a, data), await r.Async(("this", UnixFd(r, b)), ("data", data)));
            ExpectSameContent(r, "m-hwrite-a", "m-hwrite-b");
        },
        ["mem.safehandle_instance_unstated_int"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_unixfd_trylock", HeldOutRun.NotAnOpenFd, LockExclusiveNonBlocking),
                await r.Async(("this", UnixFd(r, HeldOutRun.NotAnOpenFd)), ("operation", LockExclusiveNonBlocking)));
            await HeldLock(r, "m-htrylock", (a, b) => r.Sync("Probe_unixfd_trylock", a, LockExclusiveNonBlocking),
                b => r.Async(("this", UnixFd(r, b)), ("operation", LockExclusiveNonBlocking)), MemberProbes);
        },
        ["mem.safehandle_instance_ringop_read_with_fd"] = async r =>
        {
            object self = r.NewObject("HeldOut.Members.UnixFd");
            r.ExpectBadFd(r.Sync("Probe_unixfd_read_from", HeldOutRun.NotAnOpenFd, new byte[8], 8L),
                await r.Async(("this", self), ("fd", UnixFd(r, HeldOutRun.NotAnOpenFd)), ("buffer", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("m-hfrom-a", Content), b = r.OpenFile("m-hfrom-b", Content);
            byte[] syncBuffer = new byte[16], asyncBuffer = new byte[16];
            r.ExpectSame("a read of 7 into 16", r.Sync("Probe_unixfd_read_from", a, syncBuffer, 7L),
                await r.Async(("this", self), ("fd", UnixFd(r, b)), ("buffer", asyncBuffer), ("count", 7L)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
        },
        ["mem.safehandle_static_extern_in_subclass"] = r => FdCall(r, "Probe_unixfd_datasync", fd => new (string, object?)[] { ("fd", UnixFd(r, fd)) }),
        ["mem.extension_on_subclass"] = r => FdCall(r, "Probe_datasync_via", fd => new (string, object?)[] { ("fd", UnixFd(r, fd)) }),
        ["mem.owner_pread_nint_offset"] = async r =>
        {
            const string Type = "HeldOut.Members.PageFile";
            r.ExpectBadFd(r.Sync("Probe_page_read_at", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd)), ("buffer", new byte[8]), ("offset", (nint)0)));
            int a = r.OpenFile("m-pread-a", Content), b = r.OpenFile("m-pread-b", Content);
            byte[] syncBuffer = new byte[9], asyncBuffer = new byte[9];
            r.ExpectSame("9 bytes at 4", r.Sync("Probe_page_read_at", a, syncBuffer, 4L), await r.Async(("this", r.NewObject(Type, b)), ("buffer", asyncBuffer), ("offset", (nint)4)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_page_read_at", a, syncBuffer, -1L), await r.Async(("this", r.NewObject(Type, b)), ("buffer", asyncBuffer), ("offset", (nint)(-1))));
        },
        ["mem.owner_write_all_loop"] = async r =>
        {
            const string Type = "HeldOut.Members.PageFile";
            byte[] data = Encoding.ASCII.GetBytes(new string('w', 70_000));
            r.ExpectBadFd(r.Sync("Probe_page_write_all", HeldOutRun.NotAnOpenFd, data), await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd)), ("data", data)));
            int a = r.OpenFile("m-wall-a", Array.Empty<byte>()), b = r.OpenFile("m-wall-b", Array.Empty<byte>());
            r.ExpectSame("70000 bytes to a file", r.Sync("Probe_page_write_all", a, data), await r.Async(("this", r.NewObject(Type, b)), ("data", data)));
            ExpectSameContent(r, "m-wall-a", "m-wall-b");
        },
        ["mem.owner_flush_throws_ioexception"] = async r =>
        {
            const string Type = "HeldOut.Members.PageFile";
            ExpectSameThrow(r, MemberProbes, "Flush of a closed descriptor (IOException)", r.Sync("Probe_page_flush", HeldOutRun.NotAnOpenFd), await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd))));
            int a = r.OpenFile("m-flush-a", Content), b = r.OpenFile("m-flush-b", Content);
            ExpectSameThrow(r, MemberProbes, "Flush of a file", r.Sync("Probe_page_flush", a), await r.Async(("this", r.NewObject(Type, b))));
        },
        ["mem.owner_open_child_exceptions"] = async r =>
        {
            const string Type = "HeldOut.Members.PageFile";
            string directory = Path.Combine(r.Directory, "m-children");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "present"), Content);
            int dirA = (int)r.Sync("Probe_open_dir", directory), dirB = (int)r.Sync("Probe_open_dir", directory);
            try
            {
                foreach ((string what, string name) in new[] { ("a present child", "present"), ("a missing child (FileNotFoundException)", "missing"), ("below a file (ENOTDIR: DirectoryNotFoundException)", "present/below") })
                {
                    long sync = r.Sync("Probe_page_open_child", dirA, name);
                    ExpectSameThrow(r, MemberProbes, what, sync, ClosedDescriptor(r, await r.Async(("this", r.NewObject(Type, dirB)), ("name", name))));
                }

                ExpectSameThrow(r, MemberProbes, "a closed directory descriptor (IOException)", r.Sync("Probe_page_open_child", HeldOutRun.NotAnOpenFd, "present"),
                    await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd)), ("name", "present")));
            }
            finally
            {
                r.Sync("Probe_close", dirA);
                r.Sync("Probe_close", dirB);
            }
        },
        ["mem.owner_lock_throws_errnoexception"] = async r =>
        {
            const string Type = "HeldOut.Members.PageFile";
            ExpectSameThrow(r, MemberProbes, "a closed descriptor (ErrnoException EBADF)", r.Sync("Probe_page_try_lock", HeldOutRun.NotAnOpenFd), await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd))));
            await HeldLock(r, "m-trylock", (a, b) => r.Sync("Probe_page_try_lock", a), b => r.Async(("this", r.NewObject(Type, b))), MemberProbes);
        },
        ["mem.owner_sync_unstated_int"] = r => OwnerCall(r, "HeldOut.Members.PageFile", "Probe_page_sync", _ => Array.Empty<(string, object?)>()),
        ["mem.record_primary_ctor_instance"] = r => OwnerCall(r, "HeldOut.Members.Device", "Probe_device_sync", _ => Array.Empty<(string, object?)>()),
        ["mem.record_struct_static_ordinary"] = r => FdCall(r, "Probe_slot_sync", fd => new (string, object?)[] { ("fd", fd) }),
        ["mem.struct_static_extern_pwrite"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("struct page");
            r.ExpectBadFd(r.Sync("Probe_rawio_pwrite", HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (nuint)data.Length), ("offset", 0L)));
            int a = r.OpenFile("m-rawio-a", Content), b = r.OpenFile("m-rawio-b", Content);
            r.ExpectSame("pwrite 11 bytes at 5", r.Sync("Probe_rawio_pwrite", a, data, 5L), await r.Async(("fd", b), ("buf", data), ("count", (nuint)data.Length), ("offset", 5L)));
            ExpectSameContent(r, "m-rawio-a", "m-rawio-b");
        },
        ["mem.nested_static_internal"] = r => FdCall(r, "Probe_inner_fdatasync", fd => new (string, object?)[] { ("fd", fd) }),
        ["mem.split_partial_first"] = r => FdCall(r, "Probe_split_a", fd => new (string, object?)[] { ("fd", fd) }),
        ["mem.split_partial_second"] = r => FdCall(r, "Probe_split_b", fd => new (string, object?)[] { ("fd", fd) }),
        ["mem.overload_fsync_int"] = r => FdCall(r, "Probe_overload_sync_int", fd => new (string, object?)[] { ("fd", fd) }),
        ["mem.overload_fsync_safehandle"] = r => FdCall(r, "Probe_overload_sync_handle", fd => new (string, object?)[] { ("fd", new SafeFileHandle((IntPtr)fd, false)) }),
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> LoopRuns() => new()
    {
        ["loop.eagain_poll_read"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_when_ready", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8])));
            int[] pipeA = new int[2], pipeB = new int[2];
            r.Sync("Probe_pipe_nonblocking", pipeA);
            r.Sync("Probe_pipe_nonblocking", pipeB);
            try
            {
                byte[] data = Encoding.ASCII.GetBytes("ready now");
                r.Sync("Probe_write", pipeA[1], data);
                r.Sync("Probe_write", pipeB[1], data);
                byte[] syncBuffer = new byte[16], asyncBuffer = new byte[16];
                r.ExpectSame("a pipe with data", r.Sync("Probe_read_when_ready", pipeA[0], syncBuffer), await r.Async(("fd", pipeB[0]), ("buffer", asyncBuffer)));
                r.ExpectBytes("the bytes read", syncBuffer, asyncBuffer);

                // An empty non-blocking pipe: EAGAIN, then poll until a writer 100 ms later.
                byte[] later = Encoding.ASCII.GetBytes("later");
                Task writerA = Task.Delay(100).ContinueWith(_ => r.Sync("Probe_write", pipeA[1], later), TaskScheduler.Default);
                long sync = r.Sync("Probe_read_when_ready", pipeA[0], syncBuffer);
                await writerA;
                Task writerB = Task.Delay(100).ContinueWith(_ => r.Sync("Probe_write", pipeB[1], later), TaskScheduler.Default);
                VariantOutcome variant = await r.Async(("fd", pipeB[0]), ("buffer", asyncBuffer));
                await writerB;
                r.ExpectSame("an empty pipe written 100 ms later (EAGAIN, poll, read)", sync, variant);
                r.ExpectBytes("the bytes read later", syncBuffer, asyncBuffer);
            }
            finally
            {
                foreach (int fd in pipeA.Concat(pipeB))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["loop.eintr_named_read_ringop_none"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_ringop_none", HeldOutRun.NotAnOpenFd, new byte[8], 8L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("count", (nint)8)));
            int a = r.OpenFile("l-read-a", Content), b = r.OpenFile("l-read-b", Content);
            byte[] syncBuffer = new byte[12], asyncBuffer = new byte[12];
            r.ExpectSame("read 10 of 12", r.Sync("Probe_read_ringop_none", a, syncBuffer, 10L), await r.Async(("fd", b), ("buffer", asyncBuffer), ("count", (nint)10)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
        },
        ["loop.negative_errno_ordinary"] = r => LockRun(r, "Probe_lock_negative", "l-negerr"),
        ["loop.minus_one_ordinary_return_negative_mode"] = r => LockRun(r, "Probe_lock_or_negative", "l-negmode"),
        ["loop.errno_restored_after_cleanup"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            File.WriteAllBytes(P("l-locked-a"), Content);
            File.WriteAllBytes(P("l-locked-b"), Content);
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_open_locked", P("l-locked-missing")), ClosedDescriptor(r, await r.Async(("path", new PathArg(P("l-locked-missing"))))));
            r.ExpectSame("a free file (0: a descriptor came back)", r.Sync("Probe_open_locked", P("l-locked-a")), ClosedDescriptor(r, await r.Async(("path", new PathArg(P("l-locked-b"))))));
            int holderA = r.OpenExisting(P("l-locked-a")), holderB = r.OpenExisting(P("l-locked-b"));
            r.Sync("Probe_lock_exclusive", holderA);
            r.Sync("Probe_lock_exclusive", holderB);
            r.ExpectSame("a file locked elsewhere (EWOULDBLOCK, saved before close and restored)", r.Sync("Probe_open_locked", P("l-locked-a")),
                ClosedDescriptor(r, await r.Async(("path", new PathArg(P("l-locked-b"))))));
        },
        ["loop.ordinary_system_errno"] = r => LockRun(r, "Probe_lock_no_save", "l-syserr"),
        ["loop.dllimport_flock_no_setlasterror"] = r => LockRun(r, "Probe_flock_no_setlasterror", "l-nsle"),
        ["loop.libraryimport_flock_no_setlasterror"] = r => LockRun(r, "Probe_flock_library", "l-nsle-lib"),
        ["loop.dllimport_syncfs_default_setlasterror"] = async r =>
        {
            r.ExpectSame("fd -1 (EBADF)", r.Sync("Probe_syncfs", -1), await r.Async(("fd", -1)));
            await FdCall(r, "Probe_syncfs", fd => new (string, object?)[] { ("fd", fd) });
        },
        ["loop.dllimport_pread_no_setlasterror"] = async r =>
        {
            (string, object?)[] Args(int fd, byte[] buffer, long offset) => new (string, object?)[] { ("fd", fd), ("buf", buffer), ("count", (nuint)buffer.Length), ("offset", offset) };
            r.ExpectBadFd(r.Sync("Probe_pread_no_setlasterror", HeldOutRun.NotAnOpenFd, new byte[8], 0L), await r.Async(Args(HeldOutRun.NotAnOpenFd, new byte[8], 0L)));
            r.ExpectSame("fd -1 (EBADF, the wrapper's errno)", r.Sync("Probe_pread_no_setlasterror", -1, new byte[8], 0L), await r.Async(Args(-1, new byte[8], 0L)));
            int a = r.OpenFile("l-pread-a", Content), b = r.OpenFile("l-pread-b", Content);
            byte[] syncBuffer = new byte[8], asyncBuffer = new byte[8];
            r.ExpectSame("8 bytes at 3", r.Sync("Probe_pread_no_setlasterror", a, syncBuffer, 3L), await r.Async(Args(b, asyncBuffer, 3L)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
            r.ExpectSame("offset -5 (EINVAL, the wrapper's errno)", r.Sync("Probe_pread_no_setlasterror", a, syncBuffer, -5L), await r.Async(Args(b, asyncBuffer, -5L)));
        },
        ["loop.fsync_marshalas_bool_result"] = r => FdCall(r, "Probe_fsync_bool", fd => new (string, object?)[] { ("fd", fd) }),
        ["loop.access_bool_ordinary"] = async r =>
        {
            string present = Path.Combine(r.Directory, "l-access");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("a writable file (true)", r.Sync("Probe_can_write", present), await r.Async(("path", new PathArg(present))));
            r.ExpectSame("a missing file (false)", r.Sync("Probe_can_write", present + "-missing"), await r.Async(("path", new PathArg(present + "-missing"))));
        },
        ["loop.try_lock_bool_stated"] = async r =>
        {
            ExpectSameThrow(r, LoopProbes, "a closed descriptor (IOException)", r.Sync("Probe_try_lock", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            await HeldLock(r, "l-trylock", (a, b) => r.Sync("Probe_try_lock", a), b => r.Async(("fd", b)), LoopProbes);
        },
        ["loop.pread_uintptr_intptr"] = async r =>
        {
            (string, object?)[] Args(int fd, byte[] buffer, long count, long offset) => new (string, object?)[] { ("fd", fd), ("buf", buffer), ("count", (UIntPtr)(ulong)count), ("offset", (IntPtr)offset) };
            r.ExpectBadFd(r.Sync("Probe_pread_uintptr", HeldOutRun.NotAnOpenFd, new byte[8], 8L, 0L), await r.Async(Args(HeldOutRun.NotAnOpenFd, new byte[8], 8L, 0L)));
            int a = r.OpenFile("l-preadu-a", Content), b = r.OpenFile("l-preadu-b", Content);
            byte[] syncBuffer = new byte[8], asyncBuffer = new byte[8];
            r.ExpectSame("6 of 8 bytes at 30 (EOF after 6)", r.Sync("Probe_pread_uintptr", a, syncBuffer, 8L, 30L), await r.Async(Args(b, asyncBuffer, 8L, 30L)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
            r.ExpectSame("offset -1 (EINVAL)", r.Sync("Probe_pread_uintptr", a, syncBuffer, 8L, -1L), await r.Async(Args(b, asyncBuffer, 8L, -1L)));
        },
        ["loop.pwrite_long_count"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("long count");
            (string, object?)[] Args(int fd, long offset) => new (string, object?)[] { ("fd", fd), ("buf", data), ("count", (long)data.Length), ("offset", offset) };
            r.ExpectBadFd(r.Sync("Probe_pwrite_long", HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(Args(HeldOutRun.NotAnOpenFd, 0L)));
            int a = r.OpenFile("l-pwritel-a", Content), b = r.OpenFile("l-pwritel-b", Content);
            r.ExpectSame("10 bytes at 2", r.Sync("Probe_pwrite_long", a, data, 2L), await r.Async(Args(b, 2L)));
            ExpectSameContent(r, "l-pwritel-a", "l-pwritel-b");
        },
        ["loop.read_uint_count_int_result"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_uint", HeldOutRun.NotAnOpenFd, new byte[8], 8L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8u)));
            int a = r.OpenFile("l-readu-a", Content), b = r.OpenFile("l-readu-b", Content);
            byte[] syncBuffer = new byte[8], asyncBuffer = new byte[8];
            r.ExpectSame("5 of 8", r.Sync("Probe_read_uint", a, syncBuffer, 5L), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 5u)));
            r.ExpectBytes("the buffer", syncBuffer, asyncBuffer);
        },
        ["loop.lseek_nint"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_lseek_nint", HeldOutRun.NotAnOpenFd, 0L, SeekSet), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", (nint)0), ("whence", SeekSet)));
            int a = r.OpenFile("l-lseek-a", Content), b = r.OpenFile("l-lseek-b", Content);
            foreach ((string what, long offset, int whence) in new[] { ("SEEK_SET to 5 GB", BeyondFourGiB, SeekSet), ("SEEK_END -3", -3L, SeekEnd), ("SEEK_SET to -1 (EINVAL)", -1L, SeekSet) })
            {
                r.ExpectSame(what, r.Sync("Probe_lseek_nint", a, offset, whence), await r.Async(("fd", b), ("offset", (nint)offset), ("whence", whence)));
            }
        },
        ["loop.ftruncate_nuint"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ftruncate_nuint", HeldOutRun.NotAnOpenFd, 7UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", (nuint)7)));
            int a = r.OpenFile("l-trunc-a", Content), b = r.OpenFile("l-trunc-b", Content);
            r.ExpectSame("to 7", r.Sync("Probe_ftruncate_nuint", a, 7UL), await r.Async(("fd", b), ("length", (nuint)7)));
            ExpectSameLength(r, "l-trunc-a", "l-trunc-b");
            r.ExpectSame("to 2^63 (a negative off_t: EINVAL)", r.Sync("Probe_ftruncate_nuint", a, 1UL << 63), await r.Async(("fd", b), ("length", unchecked((nuint)(1UL << 63)))));
        },
        ["loop.fallocate_nint"] = async r =>
        {
            (string, object?)[] Args(int fd, long offset, long len) => new (string, object?)[] { ("fd", fd), ("mode", 0), ("offset", (nint)offset), ("len", (nint)len) };
            r.ExpectBadFd(r.Sync("Probe_fallocate_nint", HeldOutRun.NotAnOpenFd, 0, 0L, 4096L), await r.Async(Args(HeldOutRun.NotAnOpenFd, 0L, 4096L)));
            int a = r.OpenFile("l-falloc-a", Array.Empty<byte>()), b = r.OpenFile("l-falloc-b", Array.Empty<byte>());
            foreach ((string what, long offset, long len) in new[] { ("4096 at 0", 0L, 4096L), ("a length of 0 (EINVAL)", 0L, 0L), ("offset -1 (EINVAL)", -1L, 4096L) })
            {
                r.ExpectSame(what, r.Sync("Probe_fallocate_nint", a, 0, offset, len), await r.Async(Args(b, offset, len)));
                ExpectSameLength(r, "l-falloc-a", "l-falloc-b");
            }
        },
        ["loop.openat_charset_unicode"] = r => OpenAtMarshalling(r, "Probe_openat_unicode"),
        ["loop.openat_charset_auto"] = r => OpenAtMarshalling(r, "Probe_openat_auto"),
        ["loop.openat_lpstr"] = r => OpenAtMarshalling(r, "Probe_openat_lpstr"),
        ["loop.openat_lptstr"] = r => OpenAtMarshalling(r, "Probe_openat_lptstr"),
        ["loop.mkdirat_span_byte_path"] = async r =>
        {
            string P(string name) => Path.Combine(r.Directory, name);
            byte[] Utf8(string path) => Encoding.UTF8.GetBytes(path + "\0");
            r.ExpectSame("a new directory", r.Sync("Probe_mkdirat_span", AtFdCwd, Utf8(P("l-mkdir-a")), 0x1ed), await r.Async(("dirfd", AtFdCwd), ("path", Utf8(P("l-mkdir-b"))), ("mode", 0x1edu)));
            r.ExpectSame("the directory again (EEXIST)", r.Sync("Probe_mkdirat_span", AtFdCwd, Utf8(P("l-mkdir-a")), 0x1ed), await r.Async(("dirfd", AtFdCwd), ("path", Utf8(P("l-mkdir-b"))), ("mode", 0x1edu)));
        },
        ["loop.unlinkat_utf16_libraryimport"] = async r =>
        {
            // UTF-16 "ab" reaches the kernel as "a": both sides remove "a", as the wrapper does.
            string dirA = Path.Combine(r.Directory, "l-unlink16-a"), dirB = Path.Combine(r.Directory, "l-unlink16-b");
            Directory.CreateDirectory(dirA);
            Directory.CreateDirectory(dirB);
            File.WriteAllBytes(Path.Combine(dirA, "a"), Content);
            File.WriteAllBytes(Path.Combine(dirB, "a"), Content);
            int fdA = (int)r.Sync("Probe_open_dir", dirA), fdB = (int)r.Sync("Probe_open_dir", dirB);
            try
            {
                r.ExpectSame("unlinkat of \"ab\" marshalled as UTF-16", r.Sync("Probe_unlinkat_utf16", fdA, "ab", 0), await r.Async(("dirfd", fdB), ("path", new PathArg("ab")), ("flags", 0)));
                r.ExpectSame("\"a\" left (1) or removed (0)", File.Exists(Path.Combine(dirA, "a")) ? 1 : 0, new VariantOutcome(null, File.Exists(Path.Combine(dirB, "a")) ? 1 : 0, null, null));
            }
            finally
            {
                r.Sync("Probe_close", fdA);
                r.Sync("Probe_close", fdB);
            }
        },
        ["loop.poll_ringop_throw"] = r => PollOneRun(r, "Probe_poll_one"),
        ["loop.poll_ringop_negative_errno"] = r => PollOneRun(r, "Probe_poll_one_errno"),
        ["loop.poll_ringop_ordinary_negative_errno"] = r => PollOneRun(r, "Probe_wait_readable"),
        ["loop.poll_ringop_libraryimport_negative_errno"] = r => PollOneRun(r, "Probe_poll_library"),
    };

    /// <summary>
    /// A wrapper that may throw: when the sync probe caught an exception, the variant must end with the same exception type
    /// and code (an ErrnoException with the same errno); otherwise the usual comparison.
    /// </summary>
    private static void ExpectSameThrow(HeldOutRun r, string probeClass, string what, long sync, VariantOutcome variant)
    {
        Exception? thrown = (Exception?)r.CallStatic(probeClass, "TakeThrown");
        if (thrown is null)
        {
            if (sync == HeldOutProbes.Threw)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": the probe says it threw but kept no exception; the run is wrong");
            }

            r.ExpectSame(what, sync, variant);
            return;
        }

        r.Row.Runs.Add(what + ": sync threw " + thrown.GetType().Name + " (" + CodeOf(thrown) + "), async " + variant);
        bool same = thrown is ErrnoException errno
            ? variant.Errno == errno.Errno
            : variant.Other is not null && variant.Other.GetType() == thrown.GetType() && CodeOf(variant.Other) == CodeOf(thrown);
        if (!same)
        {
            r.Row.Problems.Add(what + ": the wrapper throws " + thrown.GetType().Name + " (" + CodeOf(thrown) + "), the variant " + variant);
        }
    }

    private static long CodeOf(Exception e) => e switch
    {
        Win32Exception w => w.NativeErrorCode,
        ErrnoException x => x.Errno,
        _ => e.HResult,
    };

    /// <summary>A non-blocking exclusive flock: free (the call's success), then held through another open file (EWOULDBLOCK).</summary>
    private static async Task HeldLock(HeldOutRun r, string name, Func<int, int, long> sync, Func<int, Task<VariantOutcome>> variant, string probeClass)
    {
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        ExpectSameThrow(r, probeClass, "a free file", sync(a, b), await variant(b));
        // A second open file of each, by openat itself: File.OpenHandle takes a lock of its own (FileShare.None is flock on Linux).
        int otherA = (int)r.Sync("Probe_open_rw", Path.Combine(r.Directory, name + "-a")), otherB = (int)r.Sync("Probe_open_rw", Path.Combine(r.Directory, name + "-b"));
        try
        {
            ExpectSameThrow(r, probeClass, "a file locked through another open file (EWOULDBLOCK)", sync(otherA, otherB), await variant(otherB));
        }
        finally
        {
            r.Sync("Probe_close", otherA);
            r.Sync("Probe_close", otherB);
        }
    }

    /// <summary>flock(LOCK_EX | LOCK_NB) through an ordinary method or an import: a closed fd, a free file, a file locked elsewhere.</summary>
    private static async Task LockRun(HeldOutRun r, string probe, string name)
    {
        (string, object?)[] Args(int fd) => new (string, object?)[] { ("fd", fd), ("operation", LockExclusiveNonBlocking) };
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, LockExclusiveNonBlocking), await r.Async(Args(HeldOutRun.NotAnOpenFd)));
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("a free file", r.Sync(probe, a, LockExclusiveNonBlocking), await r.Async(Args(b)));
        int otherA = (int)r.Sync("Probe_open_rw", Path.Combine(r.Directory, name + "-a")), otherB = (int)r.Sync("Probe_open_rw", Path.Combine(r.Directory, name + "-b"));
        try
        {
            r.ExpectSame("a file locked through another open file (EWOULDBLOCK)", r.Sync(probe, otherA, LockExclusiveNonBlocking), await r.Async(Args(otherB)));
        }
        finally
        {
            r.Sync("Probe_close", otherA);
            r.Sync("Probe_close", otherB);
        }
        r.ExpectSame("an unknown operation (EINVAL)", r.Sync(probe, a, 0x40), await r.Async(("fd", b), ("operation", 0x40)));
    }

    /// <summary>
    /// openat below a directory descriptor of "ab" where only "a" exists (a path marshalled as UTF-16 reaches the kernel as
    /// "a"), of a non-ASCII name, and of a missing one: the variant must open what the wrapper opens.
    /// </summary>
    private static async Task OpenAtMarshalling(HeldOutRun r, string probe)
    {
        string directory = Path.Combine(r.Directory, "l-open-" + probe);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "a"), Content);
        File.WriteAllBytes(Path.Combine(directory, "fichier-é"), Content);
        int dirA = (int)r.Sync("Probe_open_dir", directory), dirB = (int)r.Sync("Probe_open_dir", directory);
        try
        {
            foreach ((string what, string name) in new[] { ("\"ab\" where only \"a\" exists", "ab"), ("a non-ASCII name", "fichier-é"), ("a missing name", "zz-missing") })
            {
                r.ExpectSame(what, r.Sync(probe, dirA, name),
                    ClosedDescriptor(r, await r.Async(("dirfd", dirB), ("path", new PathArg(name)), ("flags", 0x80000), ("mode", 0))));
            }
        }
        finally
        {
            r.Sync("Probe_close", dirA);
            r.Sync("Probe_close", dirB);
        }
    }

    /// <summary>
    /// The ring's one-descriptor poll: a readable eventfd (the ready events), a descriptor that is not open (POLLNVAL), and
    /// a negative descriptor, which poll(2) ignores: the wrapper waits out its timeout, the variant (no timeout) must wait
    /// until its token is cancelled (OperationCanceledException), never fail at once.
    /// </summary>
    private static async Task PollOneRun(HeldOutRun r, string probe)
    {
        int a = (int)r.Sync("Probe_eventfd", 1), b = (int)r.Sync("Probe_eventfd", 1);
        try
        {
            long sync = r.Sync(probe, a, PollIn, 0);
            VariantOutcome variant = await r.Async(("fd", b), ("events", PollIn));
            r.ExpectSame("a readable eventfd (POLLIN)", sync, variant);

            // The ring's form returns the one pollfd's revents, what the kernel wrote into fds: the static check cannot see it.
            r.ExpectOutputInResult("fds", sync, variant.Number);
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }

        long closed = r.Sync(probe, HeldOutRun.NotAnOpenFd, PollIn, 0);
        if (closed != PollNval)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": poll of a descriptor not open gave " + closed + ", not POLLNVAL; the run is wrong");
        }

        r.ExpectSame("a descriptor not open (POLLNVAL)", closed, await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", PollIn)));

        long ignored = r.Sync(probe, -1, PollIn, 100);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        VariantOutcome waited = await r.Async(("fd", -1), ("events", PollIn), ("cancellationToken", cancel.Token));
        r.Row.Runs.Add("a negative descriptor: sync (timeout 100 ms) returned " + ignored + ", async (cancelled after 300 ms) " + waited);
        if (waited.Other is not OperationCanceledException)
        {
            r.Row.Problems.Add("a negative descriptor: poll(2) ignores it and waits; the variant " + waited + " where it should wait until cancelled");
        }
    }
}
