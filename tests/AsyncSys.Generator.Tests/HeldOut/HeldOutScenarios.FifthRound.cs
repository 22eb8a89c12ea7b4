using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the fifth blind round (Handles.case, Pointers.case, Results.case, Rings.case), written with the
/// case files, before the generator was run on them.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int EInval = 22;
    private const int LockExclusiveNonBlocking = 2 | 4;
    private const int SpliceNonBlock = 2;

    private static Dictionary<string, (string, string)> WithFifthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Handles"] = (HeldOutProbes.Handles, "");
        probes["Pointers"] = (HeldOutProbes.Pointers, HeldOutProbes.PointersLibraryImport);
        probes["Results"] = (HeldOutProbes.Results, "");
        probes["Rings"] = (HeldOutProbes.Rings, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithFifthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in HandleRuns().Concat(PointerRuns()).Concat(ResultRuns()).Concat(RingRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>An eventfd's identity as /proc shows it (its "eventfd-id", unique per eventfd), or null if the number is not one.</summary>
    private static string? EventFdIdentity(int fd)
    {
        try
        {
            return File.ReadAllLines("/proc/self/fdinfo/" + fd).FirstOrDefault(line => line.StartsWith("eventfd-id:", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null; // not open (FileNotFoundException, or closed while read)
        }
    }

    /// <summary>0 while the number still names the same eventfd, -EBADF once it is closed (or names someone else's descriptor since).</summary>
    private static long StillOpen((int Fd, string? Identity) eventFd) =>
        eventFd.Identity is not null && EventFdIdentity(eventFd.Fd) == eventFd.Identity ? 0 : -9;

    private static Dictionary<string, Func<HeldOutRun, Task>> HandleRuns() => new()
    {
        ["handles.pread_own_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L), ("offset", 0L)));
            int a = r.OpenFile("h-pread-a", Content), b = r.OpenFile("h-pread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at 5 through the library's SafeHandle", r.Sync("Probe_pread", a, syncBuffer, 5L),
                await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", 5L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["handles.open_returns_own_safehandle"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "h-open-missing"), present = Path.Combine(r.Directory, "h-open");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("open of a missing path", r.Sync("Probe_open", missing, OnlyRead), await r.Async(("path", new PathArg(missing)), ("flags", OnlyRead), ("mode", 0)));
            r.ExpectSame("open of an existing file (0: a valid handle came back)", r.Sync("Probe_open", present, OnlyRead),
                ValidHandle(r, await r.Async(("path", new PathArg(present)), ("flags", OnlyRead), ("mode", 0))));
        },
        ["handles.accept4_returns_own_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_accept4", HeldOutRun.NotAnOpenFd),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", 0L), ("addrlen", 0L), ("flags", OCloexec)));
            using Socket listener = Listener();
            using Socket first = Connected(listener), second = Connected(listener);
            int fd = (int)listener.Handle;
            r.ExpectSame("accept4 of a pending connection (0: a valid handle came back)", r.Sync("Probe_accept4", fd),
                ValidHandle(r, await r.Async(("sockfd", fd), ("addr", 0L), ("addrlen", 0L), ("flags", OCloexec))));
        },
        ["handles.fallocate_safehandle_base"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd, 0L, 4096L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("h-falloc-a", Array.Empty<byte>()), b = r.OpenFile("h-falloc-b", Array.Empty<byte>());
            r.ExpectSame("fallocate 4096 bytes", r.Sync("Probe_fallocate", a, 0L, 4096L), await r.Async(("fd", b), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            ExpectSameLength(r, "h-falloc-a", "h-falloc-b");
        },
        ["handles.fdatasync_critical_handle"] = async r =>
        {
            const string Type = "HeldOut.Handles.CriticalFd";
            r.ExpectBadFd(r.Sync("Probe_datasync_critical", HeldOutRun.NotAnOpenFd), await r.Async(("file", r.NewObject(Type, HeldOutRun.NotAnOpenFd))));
            int a = r.OpenFile("h-critical-a", Content), b = r.OpenFile("h-critical-b", Content);
            r.ExpectSame("fdatasync through a CriticalHandle", r.Sync("Probe_datasync_critical", a), await r.Async(("file", r.NewObject(Type, b))));
        },
        ["handles.instance_flush_worker"] = r => OwnerCall(r, "HeldOut.Handles.DescriptorFile", "Probe_flush", _ => Array.Empty<(string, object?)>()),
        ["handles.instance_read_at_span"] = async r =>
        {
            const string Type = "HeldOut.Handles.DescriptorFile";
            r.ExpectBadFd(r.Sync("Probe_read_at", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd)), ("buffer", new byte[8]), ("offset", 0L)));
            int a = r.OpenFile("h-readat-a", Content), b = r.OpenFile("h-readat-b", Content);
            byte[] syncBuffer = new byte[9], asyncBuffer = new byte[9];
            r.ExpectSame("ReadAt 9 bytes at 4 on the file's own descriptor", r.Sync("Probe_read_at", a, syncBuffer, 4L),
                await r.Async(("this", r.NewObject(Type, b)), ("buffer", asyncBuffer), ("offset", 4L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["handles.instance_write_named_like_call"] = async r =>
        {
            const string Type = "HeldOut.Handles.DescriptorFile";
            byte[] data = Encoding.ASCII.GetBytes("owned descriptor");
            r.ExpectBadFd(r.Sync("Probe_write", HeldOutRun.NotAnOpenFd, data), await r.Async(("this", r.NewObject(Type, HeldOutRun.NotAnOpenFd)), ("data", data)));
            int a = r.OpenFile("h-write-a", Array.Empty<byte>()), b = r.OpenFile("h-write-b", Array.Empty<byte>());
            r.ExpectSame("Write on the file's own descriptor", r.Sync("Probe_write", a, data), await r.Async(("this", r.NewObject(Type, b)), ("data", data)));
            ExpectSameContent(r, "h-write-a", "h-write-b");
        },
        ["handles.instance_ring_fsync_with_fd"] = async r =>
        {
            object owner = r.NewObject("HeldOut.Handles.DescriptorFile", HeldOutRun.NotAnOpenFd);
            r.ExpectBadFd(r.Sync("Probe_fsync", HeldOutRun.NotAnOpenFd), await r.Async(("this", owner), ("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("h-syncfd-a", Content), b = r.OpenFile("h-syncfd-b", Content);
            r.ExpectSame("fsync of the descriptor passed", r.Sync("Probe_fsync", a), await r.Async(("this", owner), ("fd", b)));
        },
        ["handles.record_class_static_extern"] = r => FdCall(r, "Probe_journal_fdatasync", fd => new (string, object?)[] { ("fd", fd) }),
        ["handles.record_class_instance"] = r => OwnerCall(r, "HeldOut.Handles.Journal", "Probe_journal_lock", _ => new (string, object?)[] { ("operation", LockExclusiveNonBlocking) }),
        ["handles.record_struct_extern_no_setlasterror"] = r => FdCall(r, "Probe_slot_fsync", fd => new (string, object?)[] { ("fd", fd) }),
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> PointerRuns() => new()
    {
        ["ptr.write_through_field_worker"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("through a function pointer");
            r.ExpectBadFd(r.Sync("Probe_write_via", HeldOutRun.NotAnOpenFd, data), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (long)data.Length)));
            int a = r.OpenFile("p-via-a", Array.Empty<byte>()), b = r.OpenFile("p-via-b", Array.Empty<byte>());
            r.ExpectSame("write through the function pointer", r.Sync("Probe_write_via", a, data), await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length)));
            ExpectSameContent(r, "p-via-a", "p-via-b");
        },
        ["ptr.suppress_gc_fdatasync"] = r => FdCall(r, "Probe_fdatasync_fast", fd => new (string, object?)[] { ("fd", fd) }),
        ["ptr.suppress_gc_getpid"] = async r =>
            r.ExpectSame("getpid", Environment.ProcessId, await r.Async()),
        ["ptr.unmanaged_callconv_pwrite"] = r => WriteAtRun(r, "Probe_pwrite", "p-pwrite", data => new (string, object?)[] { ("buf", data), ("count", (long)data.Length) }),
        ["ptr.scoped_span_pwrite"] = r => WriteAtRun(r, "Probe_put", "p-put", data => new (string, object?)[] { ("data", data), ("count", (long)data.Length) }),
        ["ptr.openat_default_values"] = async r =>
        {
            // flags and mode left out: the variant must keep the wrapper's defaults (O_RDONLY | O_CLOEXEC, 0644).
            string missing = Path.Combine(r.Directory, "p-openat-missing"), present = Path.Combine(r.Directory, "p-openat");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("openat of a missing path with the default flags", r.Sync("Probe_openat", missing), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(missing))));
            r.ExpectSame("openat of a file with the default flags (0: a descriptor came back)", r.Sync("Probe_openat", present),
                ClosedDescriptor(r, await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(present)))));
        },
        ["ptr.send_default_flags"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_send", HeldOutRun.NotAnOpenFd, new byte[4]), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", new byte[4]), ("len", 4L)));
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("send with the default MSG_NOSIGNAL", r.Sync("Probe_send", fd, Encoding.ASCII.GetBytes("sync-")),
                await r.Async(("sockfd", fd), ("buf", Encoding.ASCII.GetBytes("async")), ("len", 5L)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["ptr.params_chunks_worker"] = async r =>
        {
            byte[][] Chunks() => new[] { Encoding.ASCII.GetBytes("first-"), Encoding.ASCII.GetBytes("second-"), Encoding.ASCII.GetBytes("third") };
            r.ExpectBadFd(r.Sync("Probe_gather", HeldOutRun.NotAnOpenFd, Chunks()), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("chunks", Chunks())));
            int a = r.OpenFile("p-gather-a", Array.Empty<byte>()), b = r.OpenFile("p-gather-b", Array.Empty<byte>());
            r.ExpectSame("three chunks", r.Sync("Probe_gather", a, Chunks()), await r.Async(("fd", b), ("chunks", Chunks())));
            ExpectSameContent(r, "p-gather-a", "p-gather-b");
        },
        ["ptr.params_descriptors_worker"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_close_all", new[] { HeldOutRun.NotAnOpenFd }), await r.Async(("fds", new[] { HeldOutRun.NotAnOpenFd })));
            int[] mine = { (int)r.Sync("Probe_eventfd", 0), (int)r.Sync("Probe_eventfd", 0) }, theirs = { (int)r.Sync("Probe_eventfd", 0), (int)r.Sync("Probe_eventfd", 0) };
            // Whether the second is closed is asked of /proc, never by closing the number again: other tests run beside this
            // one, and a number closed here may already be someone else's descriptor (closing it would close theirs).
            (int, string?) mineSecond = (mine[1], EventFdIdentity(mine[1])), theirsSecond = (theirs[1], EventFdIdentity(theirs[1]));
            r.ExpectSame("close two eventfds", r.Sync("Probe_close_all", mine), await r.Async(("fds", theirs)));
            r.ExpectSame("the second closed descriptor is closed", StillOpen(mineSecond), new VariantOutcome(null, StillOpen(theirsSecond), null, null));
        },
        ["ptr.getxattr_nullable_array"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "p-xattr-missing"), present = Path.Combine(r.Directory, "p-xattr");
            File.WriteAllBytes(present, Content);
            const string Name = "user.asyncsys-heldout";
            r.ExpectSame("getxattr of a missing path", r.Sync("Probe_getxattr", missing, Name, new byte[64]),
                await r.Async(("path", new PathArg(missing)), ("name", new PathArg(Name)), ("value", new byte[64]), ("size", 64L)));
            r.ExpectSame("getxattr of an attribute the file does not have", r.Sync("Probe_getxattr", present, Name, new byte[64]),
                await r.Async(("path", new PathArg(present)), ("name", new PathArg(Name)), ("value", new byte[64]), ("size", 64L)));
            r.ExpectSame("getxattr with a null value (asks for the size)", r.Sync("Probe_getxattr", present, Name, null),
                await r.Async(("path", new PathArg(present)), ("name", new PathArg(Name)), ("value", null), ("size", 0L)));
        },
        ["ptr.mkdirat_nullable_path"] = async r =>
        {
            string a = Path.Combine(r.Directory, "p-mkdir-a"), b = Path.Combine(r.Directory, "p-mkdir-b");
            r.ExpectSame("mkdirat of a new directory", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("mode", 0x1edu)));
            r.ExpectSame("mkdirat of an existing directory", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("mode", 0x1edu)));
            r.ExpectSame("mkdirat with a null path (NULL: EFAULT)", r.Sync("Probe_mkdirat", (string?)null), await r.Async(("dirfd", AtFdCwd), ("path", null), ("mode", 0x1edu)));
        },
        ["ptr.unlinkat_oblivious_path"] = async r =>
        {
            string a = Path.Combine(r.Directory, "p-unlink-a"), b = Path.Combine(r.Directory, "p-unlink-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            r.ExpectSame("unlinkat of a file", r.Sync("Probe_unlinkat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("flags", 0)));
            r.ExpectSame("unlinkat of the same, now missing", r.Sync("Probe_unlinkat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("flags", 0)));
        },
        ["ptr.epoll_wait_span_of_struct"] = async r =>
        {
            const string Event = "HeldOut.Pointers.epoll_event";
            int[] fds = new int[2];
            r.Sync("Probe_epoll_setup", fds);
            try
            {
                Array syncEvents = r.NewArray(Event, 4), asyncEvents = r.NewArray(Event, 4);
                r.ExpectSame("epoll_wait on a readable eventfd", r.Sync("Probe_epoll_wait", fds[0], syncEvents),
                    await r.Async(("epfd", fds[0]), ("events", asyncEvents), ("maxevents", 4), ("timeout", 0)));
                r.ExpectSame("data of the first event", FieldOf(syncEvents.GetValue(0), "data"), new VariantOutcome(null, FieldOf(asyncEvents.GetValue(0), "data"), null, null));
                r.ExpectBadFd(r.Sync("Probe_epoll_wait", HeldOutRun.NotAnOpenFd, syncEvents),
                    await r.Async(("epfd", HeldOutRun.NotAnOpenFd), ("events", asyncEvents), ("maxevents", 4), ("timeout", 0)));
            }
            finally
            {
                r.Sync("Probe_close", fds[0]);
                r.Sync("Probe_close", fds[1]);
            }
        },
        ["ptr.poll_memory_of_struct_ordinary"] = async r =>
        {
            int ready = (int)r.Sync("Probe_eventfd", 1), idle = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                Array PollFds()
                {
                    Array fds = r.NewArray("HeldOut.Pointers.pollfd", 2);
                    for (int i = 0; i < 2; i++)
                    {
                        object entry = Activator.CreateInstance(fds.GetType().GetElementType()!)!;
                        entry.GetType().GetField("fd")!.SetValue(entry, i == 0 ? ready : idle);
                        entry.GetType().GetField("events")!.SetValue(entry, (short)1);
                        fds.SetValue(entry, i);
                    }

                    return fds;
                }

                Array syncFds = PollFds(), asyncFds = PollFds();
                r.ExpectSame("poll of a readable and an idle eventfd", r.Sync("Probe_poll_many", syncFds), await r.Async(("fds", asyncFds), ("timeout", 0)));
                for (int i = 0; i < 2; i++)
                {
                    r.ExpectSame("revents of entry " + i, FieldOf(syncFds.GetValue(i), "revents"), new VariantOutcome(null, FieldOf(asyncFds.GetValue(i), "revents"), null, null));
                }
            }
            finally
            {
                r.Sync("Probe_close", ready);
                r.Sync("Probe_close", idle);
            }
        },
        ["ptr.writev_readonlyspan_of_iovec"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("span-of-"), second = Encoding.ASCII.GetBytes("iovec");
            r.ExpectBadFd(r.Sync("Probe_writev", HeldOutRun.NotAnOpenFd, first, second),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2)));
            int a = r.OpenFile("p-writev-a", Array.Empty<byte>()), b = r.OpenFile("p-writev-b", Array.Empty<byte>());
            r.ExpectSame("writev of 8 + 5 bytes", r.Sync("Probe_writev", a, first, second),
                await r.Async(("fd", b), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2)));
            ExpectSameContent(r, "p-writev-a", "p-writev-b");
        },
        ["ptr.pipe2_span_of_int"] = r => PipeRun(r, "Probe_pipe2", ("fds", new int[2]), ("flags", OCloexec)),
        ["ptr.statx_span_of_struct"] = async r =>
        {
            const string Head = "HeldOut.Pointers.StatxHead";
            if (r.ParameterType("buffer") is not string type || !type.Contains("StatxHead", StringComparison.Ordinal))
            {
                throw new ArgumentException("the variant takes '" + r.ParameterType("buffer") + "' for the statx buffer; this run passes StatxHead elements");
            }

            string missing = Path.Combine(r.Directory, "p-statx-missing"), present = Path.Combine(r.Directory, "p-statx");
            File.WriteAllBytes(present, Content);
            (string, object?)[] Statx(string path, object buffer) => new (string, object?)[] { ("dirfd", AtFdCwd), ("path", new PathArg(path)), ("flags", 0), ("mask", 0x7ffu), ("buffer", buffer) };
            r.ExpectSame("statx of a missing path", r.Sync("Probe_statx_head", missing, r.NewArray(Head, 32)), await r.Async(Statx(missing, r.NewArray(Head, 32))));
            Array syncBuffer = r.NewArray(Head, 32), asyncBuffer = r.NewArray(Head, 32);
            r.ExpectSame("statx of a file into 32 elements (256 bytes)", r.Sync("Probe_statx_head", present, syncBuffer), await r.Async(Statx(present, asyncBuffer)));
            r.ExpectSame("stx_mask", FieldOf(syncBuffer.GetValue(0), "Mask"), new VariantOutcome(null, FieldOf(asyncBuffer.GetValue(0), "Mask"), null, null));

            // One element (8 bytes) of a larger array: the kernel writes all 256 bytes of struct statx whatever the span's
            // length. The variant must refuse it or keep the kernel inside it; an overrun shows in the elements after it.
            Array larger = r.NewArray(Head, 64);
            object memory = Activator.CreateInstance(typeof(Memory<>).MakeGenericType(larger.GetType().GetElementType()!), larger, 0, 1)!;
            VariantOutcome shortBuffer = await r.Async(Statx(present, memory));
            bool overrun = Enumerable.Range(1, 31).Any(i => FieldOf(larger.GetValue(i), "Mask") != 0 || FieldOf(larger.GetValue(i), "BlockSize") != 0);
            r.Row.Runs.Add("statx into one 8-byte element: async " + shortBuffer + (overrun ? ", elements past it were written" : ", nothing written past it"));
            if (overrun)
            {
                r.Row.Problems.Add("statx into a Memory<StatxHead> of one element: the kernel wrote past the end of the memory the caller passed");
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ResultRuns() => new()
    {
        ["res.isatty_bool_neverfails"] = async r =>
        {
            int a = r.OpenFile("r-isatty-a", Content);
            r.ExpectSame("isatty of a regular file", r.Sync("Probe_isatty", a), await r.Async(("fd", a)));
            r.ExpectSame("isatty of a closed descriptor", r.Sync("Probe_isatty", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["res.lseek_ulong_result"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_lseek", HeldOutRun.NotAnOpenFd, 5L, SeekSet), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 5L), ("whence", SeekSet)));
            int a = r.OpenFile("r-lseek-a", Content), b = r.OpenFile("r-lseek-b", Content);
            r.ExpectSame("lseek to 7", r.Sync("Probe_lseek", a, 7L, SeekSet), await r.Async(("fd", b), ("offset", 7L), ("whence", SeekSet)));
            r.ExpectSame("lseek to -1 (EINVAL)", r.Sync("Probe_lseek", a, -1L, SeekSet), await r.Async(("fd", b), ("offset", -1L), ("whence", SeekSet)));
        },
        ["res.read_nuint_result"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("r-read-a", Content), b = r.OpenFile("r-read-b", Content);
            byte[] syncBuffer = new byte[11], asyncBuffer = new byte[11];
            r.ExpectSame("read 11 bytes", r.Sync("Probe_read", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 11L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["res.write_uint_result"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("thirty-two bits");
            r.ExpectBadFd(r.Sync("Probe_write32", HeldOutRun.NotAnOpenFd, data), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (long)data.Length)));
            int a = r.OpenFile("r-write-a", Array.Empty<byte>()), b = r.OpenFile("r-write-b", Array.Empty<byte>());
            r.ExpectSame("write", r.Sync("Probe_write32", a, data), await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length)));
            ExpectSameContent(r, "r-write-a", "r-write-b");
        },
        ["res.posix_fallocate_enum_result"] = r => ErrorNumberCall(r, "Probe_reserve", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 4096L) }),
        ["res.posix_madvise_stated"] = r => AddressAdvice(r, "Probe_posix_madvise", "len"),
        ["res.madvise_stated"] = r => AddressAdvice(r, "Probe_madvise", "length"),
        ["res.raw_fsync_negative_errno"] = r => FdCall(r, "Probe_raw_fsync", fd => new (string, object?)[] { ("fd", fd) }),
        ["res.raw_fdatasync_return_negative"] = async r =>
        {
            VariantOutcome closed = await r.Async(("fd", HeldOutRun.NotAnOpenFd));
            r.ExpectSame("closed fd: -EBADF in the result, no exception (ReturnNegativeErrno)", r.Sync("Probe_raw_fdatasync", HeldOutRun.NotAnOpenFd), closed);
            if (closed.Errno is not null)
            {
                r.Row.Problems.Add("ReturnNegativeErrno: the variant threw ErrnoException instead of returning -errno");
            }

            int a = r.OpenFile("r-rawfds-a", Content), b = r.OpenFile("r-rawfds-b", Content);
            r.ExpectSame("on a file", r.Sync("Probe_raw_fdatasync", a), await r.Async(("fd", b)));
        },
        ["res.own_cancellation_token"] = async r =>
        {
            int ready = (int)r.Sync("Probe_eventfd", 1), idle = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                r.ExpectSame("poll of a readable eventfd", r.Sync("Probe_wait_readable", ready), await r.Async(("fd", ready), ("timeout", 0)));
                r.ExpectSame("poll of an idle eventfd", r.Sync("Probe_wait_readable", idle), await r.Async(("fd", idle), ("timeout", 0)));
            }
            finally
            {
                r.Sync("Probe_close", ready);
                r.Sync("Probe_close", idle);
            }
        },
        ["res.write_overload_pointer"] = r => OverloadWrite(r, "Probe_write_pointer"),
        ["res.write_overload_array"] = r => OverloadWrite(r, "Probe_write_array"),
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> RingRuns() => new()
    {
        ["ring.preadv_iovec_array_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_preadv", HeldOutRun.NotAnOpenFd, new byte[4], new byte[4], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("vectors", new[] { new Memory<byte>(new byte[4]), new Memory<byte>(new byte[4]) }), ("count", 2), ("offset", 0L)));
            int a = r.OpenFile("g-preadv-a", Content), b = r.OpenFile("g-preadv-b", Content);
            byte[] syncFirst = new byte[4], syncSecond = new byte[7], asyncFirst = new byte[4], asyncSecond = new byte[7];
            r.ExpectSame("preadv 4 + 7 bytes at 3", r.Sync("Probe_preadv", a, syncFirst, syncSecond, 3L),
                await r.Async(("fd", b), ("vectors", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("count", 2), ("offset", 3L)));
            r.ExpectBytes("first segment", syncFirst, asyncFirst);
            r.ExpectBytes("second segment", syncSecond, asyncSecond);
        },
        ["ring.writev_safehandle_span_no_count"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("safe-"), second = Encoding.ASCII.GetBytes("gather");
            r.ExpectBadFd(r.Sync("Probe_writev", HeldOutRun.NotAnOpenFd, first, second),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("vectors", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) })));
            int a = r.OpenFile("g-writev-a", Array.Empty<byte>()), b = r.OpenFile("g-writev-b", Array.Empty<byte>());
            r.ExpectSame("writev of 5 + 6 bytes", r.Sync("Probe_writev", a, first, second),
                await r.Async(("fd", b), ("vectors", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) })));
            ExpectSameContent(r, "g-writev-a", "g-writev-b");
        },
        ["ring.fsync_nint_descriptor"] = r => FdCall(r, "Probe_fsync_nint", fd => new (string, object?)[] { ("fd", fd) }),
        ["ring.sync_file_range_long_result"] = r => FdCall(r, "Probe_sync_file_range", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("nbytes", 0L), ("flags", 2u) }),
        ["ring.fallocate_typedef_off_t"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("g-falloc-a", Array.Empty<byte>()), b = r.OpenFile("g-falloc-b", Array.Empty<byte>());
            r.ExpectSame("fallocate 4096 bytes through off_t structs", r.Sync("Probe_fallocate", a), await r.Async(("fd", b), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            ExpectSameLength(r, "g-falloc-a", "g-falloc-b");
        },
        ["ring.statx_pointer_to_own_struct"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "g-statx-missing"), present = Path.Combine(r.Directory, "g-statx");
            File.WriteAllBytes(present, Content);
            // The variant may give the struct back, or take the memory the kernel writes (256 bytes: stx_size at 40).
            bool takesBytes = r.ParameterType("statxbuf") is "System.Memory<byte>";
            (string, object?)[] Statx(string path, byte[] buffer) => new (string, object?)[] { ("dirfd", AtFdCwd), ("path", new PathArg(path)), ("flags", 0), ("mask", 0x7ffu), ("statxbuf", buffer) };
            r.ExpectSame("statx of a missing path", r.Sync("Probe_statx_size", missing), await r.Async(Statx(missing, new byte[256])));
            byte[] buffer = new byte[256];
            VariantOutcome outcome = await r.Async(Statx(present, buffer));
            long? size = outcome.Other is not null || outcome.Errno is not null ? null
                : takesBytes ? BitConverter.ToInt64(buffer, 40)
                : HeldOutRun.Member(outcome.Result, "Size");
            r.ExpectSame("statx Size of a " + Content.Length + "-byte file", r.Sync("Probe_statx_size", present), outcome with { Number = size ?? outcome.Number });
            if (takesBytes)
            {
                byte[] larger = Enumerable.Repeat((byte)0xEE, 512).ToArray();
                VariantOutcome shortBuffer = await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(present)), ("flags", 0), ("mask", 0x7ffu), ("statxbuf", new Memory<byte>(larger, 0, 16)));
                bool overrun = larger.Skip(16).Take(240).Any(x => x != 0xEE);
                r.Row.Runs.Add("statx into a 16-byte buffer: async " + shortBuffer + (overrun ? ", bytes past the buffer were written" : ", nothing written past the buffer"));
                if (overrun)
                {
                    r.Row.Problems.Add("statx into a 16-byte Memory<byte>: the kernel wrote past the end of the buffer the caller passed");
                }
            }
        },
        ["ring.close_uint_descriptor"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_close_u", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = (int)r.Sync("Probe_eventfd", 0), b = (int)r.Sync("Probe_eventfd", 0);
            r.ExpectSame("close an eventfd", r.Sync("Probe_close_u", a), await r.Async(("fd", b)));
            // No second close of a and b: once closed, their numbers may already belong to a descriptor another thread of the
            // test host opened (the runtime's, a ring's, another test's), which a second close would take from it. EBADF of a
            // closed descriptor is the number that is never open, above.
        },
        ["ring.connect_safehandle_array"] = async r =>
        {
            using Socket receiver = Udp(bind: true), a = Udp(bind: false), b = Udp(bind: false);
            byte[] address = SockAddr((IPEndPoint)receiver.LocalEndPoint!);
            r.ExpectBadFd(r.Sync("Probe_connect", HeldOutRun.NotAnOpenFd, address), await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("addr", address), ("addrlen", 16)));
            r.ExpectSame("connect a UDP socket to a bound one", r.Sync("Probe_connect", (int)a.Handle, address), await r.Async(("socket", (int)b.Handle), ("addr", address), ("addrlen", 16)));
            r.ExpectSame("peer after connect", a.RemoteEndPoint is null ? 0 : 1, new VariantOutcome(null, b.RemoteEndPoint is null ? 0 : 1, null, null));
        },
        ["ring.send_memory_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_send", HeldOutRun.NotAnOpenFd, new byte[4]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("data", new byte[4]), ("flags", 0)));
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("send on a connected UDP socket", r.Sync("Probe_send", fd, Encoding.ASCII.GetBytes("sync-")),
                await r.Async(("fd", fd), ("data", Encoding.ASCII.GetBytes("async")), ("flags", 0)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["ring.recv_arraysegment_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_recv", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("flags", 0)));
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            int fd = (int)receiver.Handle;
            sender.SendTo(Encoding.ASCII.GetBytes("segment-datagram"), receiver.LocalEndPoint!);
            byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32];
            long sync = r.Sync("Probe_recv", fd, syncBuffer);
            sender.SendTo(Encoding.ASCII.GetBytes("segment-datagram"), receiver.LocalEndPoint!);
            r.ExpectSame("recv a datagram into an ArraySegment", sync, await r.Async(("fd", fd), ("buffer", asyncBuffer), ("flags", 0)));
            r.ExpectBytes("received data", syncBuffer, asyncBuffer);
        },
        ["ring.shutdown_enum_how"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_shutdown", HeldOutRun.NotAnOpenFd, 1), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("how", 1)));
            using (Socket loose = Udp(bind: false), other = Udp(bind: false))
            {
                r.ExpectSame("shutdown of an unconnected UDP socket", r.Sync("Probe_shutdown", (int)loose.Handle, 1), await r.Async(("sockfd", (int)other.Handle), ("how", 1)));
            }

            using Socket listener = Listener();
            using Socket a = Connected(listener), b = Connected(listener);
            r.ExpectSame("shutdown SHUT_WR of a connected TCP socket", r.Sync("Probe_shutdown", (int)a.Handle, 1), await r.Async(("sockfd", (int)b.Handle), ("how", 1)));
        },
        ["ring.renameat_byte_paths"] = async r =>
        {
            string Named(string name) => Path.Combine(r.Directory, "g-rename-" + name);
            File.WriteAllBytes(Named("a"), Content);
            File.WriteAllBytes(Named("b"), Content);
            (string, object?)[] Rename(string from, string to) => new (string, object?)[] { ("olddirfd", AtFdCwd), ("oldpath", new PathArg(from)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(to)) };
            r.ExpectSame("renameat of a file", r.Sync("Probe_renameat", Named("a"), Named("a-new")), await r.Async(Rename(Named("b"), Named("b-new"))));
            r.ExpectSame("renamed file exists", File.Exists(Named("a-new")) ? 1 : 0, new VariantOutcome(null, File.Exists(Named("b-new")) ? 1 : 0, null, null));
            r.ExpectSame("renameat of the old, now missing name", r.Sync("Probe_renameat", Named("a"), Named("a-new")), await r.Async(Rename(Named("b"), Named("b-new"))));
        },
        ["ring.unlinkat_safehandle_dirfd"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_unlinkat", HeldOutRun.NotAnOpenFd, "entry"), await r.Async(("dirfd", HeldOutRun.NotAnOpenFd), ("path", new PathArg("entry")), ("flags", 0)));
            string dirA = Path.Combine(r.Directory, "g-unlink-a"), dirB = Path.Combine(r.Directory, "g-unlink-b");
            foreach (string dir in new[] { dirA, dirB })
            {
                System.IO.Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, "entry"), Content);
            }

            int a = (int)r.Sync("Probe_open_dir", dirA), b = (int)r.Sync("Probe_open_dir", dirB);
            try
            {
                r.ExpectSame("unlinkat relative to a directory handle", r.Sync("Probe_unlinkat", a, "entry"), await r.Async(("dirfd", b), ("path", new PathArg("entry")), ("flags", 0)));
                r.ExpectSame("unlinkat of the removed entry", r.Sync("Probe_unlinkat", a, "entry"), await r.Async(("dirfd", b), ("path", new PathArg("entry")), ("flags", 0)));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["ring.mkdirat_typedef_mode"] = async r =>
        {
            string a = Path.Combine(r.Directory, "g-mkdir-a"), b = Path.Combine(r.Directory, "g-mkdir-b");
            r.ExpectSame("mkdirat of a new directory", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("mode", 0x1edu)));
            r.ExpectSame("mkdirat of an existing directory", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("mode", 0x1edu)));
        },
        ["ring.openat_ordinary_stated"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "g-openat-missing"), present = Path.Combine(r.Directory, "g-openat");
            File.WriteAllBytes(present, Content);
            (string, object?)[] Open(int dirfd, string path) => new (string, object?)[] { ("dirfd", dirfd), ("path", new PathArg(path)), ("flags", OnlyRead), ("mode", 0) };
            r.ExpectSame("openat of a missing path", r.Sync("Probe_openat", AtFdCwd, missing, OnlyRead), await r.Async(Open(AtFdCwd, missing)));
            r.ExpectSame("openat of a file (0: a descriptor came back)", r.Sync("Probe_openat", AtFdCwd, present, OnlyRead), ClosedDescriptor(r, await r.Async(Open(AtFdCwd, present))));
            r.ExpectSame("openat relative to a closed dirfd", r.Sync("Probe_openat", HeldOutRun.NotAnOpenFd, "relative", OnlyRead), await r.Async(Open(HeldOutRun.NotAnOpenFd, "relative")));
        },
        ["ring.splice_value_offsets_extern"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("spliced");
            int[] syncPipe = new int[2], asyncPipe = new int[2];
            r.Sync("Probe_pipe", syncPipe);
            r.Sync("Probe_pipe", asyncPipe);
            try
            {
                r.Sync("Probe_write_fd", syncPipe[1], data);
                r.Sync("Probe_write_fd", asyncPipe[1], data);
                int a = r.OpenFile("g-splice-a", Content), b = r.OpenFile("g-splice-b", Content);
                r.ExpectSame("splice 7 bytes from a pipe into a file at 3", r.Sync("Probe_splice", syncPipe[0], a, 3L, 7L),
                    await r.Async(("fdIn", asyncPipe[0]), ("offIn", -1L), ("fdOut", b), ("offOut", 3L), ("len", 7L), ("flags", 0u)));
                ExpectSameContent(r, "g-splice-a", "g-splice-b");
                r.ExpectSame("splice of 0 bytes", r.Sync("Probe_splice", syncPipe[0], a, 3L, 0L),
                    await r.Async(("fdIn", asyncPipe[0]), ("offIn", -1L), ("fdOut", b), ("offOut", 3L), ("len", 0L), ("flags", 0u)));
            }
            finally
            {
                foreach (int fd in syncPipe.Concat(asyncPipe))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["ring.tee_nonblocking"] = async r =>
        {
            int[] syncIn = new int[2], syncOut = new int[2], asyncIn = new int[2], asyncOut = new int[2];
            foreach (int[] pipe in new[] { syncIn, syncOut, asyncIn, asyncOut })
            {
                r.Sync("Probe_pipe", pipe);
            }

            try
            {
                r.ExpectSame("tee of an empty pipe with SPLICE_F_NONBLOCK", r.Sync("Probe_tee", syncIn[0], syncOut[1], 16L),
                    await r.Async(("fdIn", asyncIn[0]), ("fdOut", asyncOut[1]), ("len", 16L), ("flags", (uint)SpliceNonBlock)));
                r.Sync("Probe_write_fd", syncIn[1], Encoding.ASCII.GetBytes("teed"));
                r.Sync("Probe_write_fd", asyncIn[1], Encoding.ASCII.GetBytes("teed"));
                r.ExpectSame("tee of 4 bytes", r.Sync("Probe_tee", syncIn[0], syncOut[1], 16L),
                    await r.Async(("fdIn", asyncIn[0]), ("fdOut", asyncOut[1]), ("len", 16L), ("flags", (uint)SpliceNonBlock)));
            }
            finally
            {
                foreach (int fd in syncIn.Concat(syncOut).Concat(asyncIn).Concat(asyncOut))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["ring.poll_one_ordinary"] = r => ReadyEventFd(r, "Probe_wait_for", fd => new (string, object?)[] { ("fd", fd), ("events", 1) }),
        ["ring.poll_one_short_events"] = r => ReadyEventFd(r, "Probe_wait_for_short", fd => new (string, object?)[] { ("fd", fd), ("events", 1) }),
        ["ring.symlinkat_stated"] = async r =>
        {
            string Named(string name) => Path.Combine(r.Directory, "g-symlink-" + name);
            (string, object?)[] Link(string link) => new (string, object?)[] { ("target", new PathArg("target-of-the-link")), ("newdirfd", AtFdCwd), ("linkpath", new PathArg(link)) };
            r.ExpectSame("symlinkat of a new link", r.Sync("Probe_symlinkat", "target-of-the-link", Named("a")), await r.Async(Link(Named("b"))));
            r.ExpectSame("symlinkat over an existing link", r.Sync("Probe_symlinkat", "target-of-the-link", Named("a")), await r.Async(Link(Named("b"))));
        },
        ["ring.linkat_stated"] = async r =>
        {
            string Named(string name) => Path.Combine(r.Directory, "g-link-" + name);
            File.WriteAllBytes(Named("a"), Content);
            File.WriteAllBytes(Named("b"), Content);
            (string, object?)[] Link(string from, string to) => new (string, object?)[] { ("olddirfd", AtFdCwd), ("oldpath", new PathArg(from)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(to)), ("flags", 0) };
            r.ExpectSame("linkat of a file", r.Sync("Probe_linkat", Named("a"), Named("a-link")), await r.Async(Link(Named("b"), Named("b-link"))));
            r.ExpectSame("linkat onto an existing name", r.Sync("Probe_linkat", Named("a"), Named("a-link")), await r.Async(Link(Named("b"), Named("b-link"))));
        },
        ["ring.waitid_marked"] = async r =>
            r.ExpectSame("waitid WEXITED|WNOHANG of a pid that is no child", r.Sync("Probe_waitid", NoSuchPid), await r.Async(("idtype", 1), ("id", NoSuchPid), ("options", 4 | 1))),
        ["ring.udp_socket_bound_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async();
            long? port = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "port") : null;
            r.Row.Runs.Add("port that came back: " + (port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
            if (outcome.Other is null && outcome.Errno is null && (port is null || port <= 0))
            {
                r.Row.Problems.Add("the bound port (out parameter) does not come back");
            }

            r.ExpectSame("socket + bind + getsockname (0: a descriptor came back)", r.Sync("Probe_open_udp"), ClosedDescriptor(r, outcome));
        },
        ["ring.listen_ordinary_named_like_call"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_listen", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("backlog", 4)));
            using Socket a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            a.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            b.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            r.ExpectSame("listen on a bound TCP socket", r.Sync("Probe_listen", (int)a.Handle), await r.Async(("fd", (int)b.Handle), ("backlog", 4)));
            using Socket udp = Udp(bind: true), udp2 = Udp(bind: true);
            r.ExpectSame("listen on a UDP socket", r.Sync("Probe_listen", (int)udp.Handle), await r.Async(("fd", (int)udp2.Handle), ("backlog", 4)));
        },
        ["ring.fgetxattr_safehandle"] = async r =>
        {
            const string Name = "user.asyncsys-heldout";
            r.ExpectBadFd(r.Sync("Probe_fgetxattr", HeldOutRun.NotAnOpenFd, Name, new byte[64]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("name", new PathArg(Name)), ("value", new byte[64]), ("size", 64L)));
            int a = r.OpenFile("g-xattr-a", Content), b = r.OpenFile("g-xattr-b", Content);
            r.ExpectSame("fgetxattr of an attribute the file does not have", r.Sync("Probe_fgetxattr", a, Name, new byte[64]),
                await r.Async(("fd", b), ("name", new PathArg(Name)), ("value", new byte[64]), ("size", 64L)));
        },
    };

    /// <summary>An instance variant of a class that owns its descriptor: EBADF on a closed one, the same result on a file.</summary>
    private static async Task OwnerCall(HeldOutRun r, string type, string probe, Func<int, (string, object?)[]> arguments)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd),
            await r.Async(arguments(HeldOutRun.NotAnOpenFd).Append(("this", r.NewObject(type, HeldOutRun.NotAnOpenFd))).ToArray()));
        int a = r.OpenFile("owner-a-" + r.Row.Case.Id, Content), b = r.OpenFile("owner-b-" + r.Row.Case.Id, Content);
        r.ExpectSame("on a file", r.Sync(probe, a), await r.Async(arguments(b).Append(("this", r.NewObject(type, b))).ToArray()));
    }

    /// <summary>madvise/posix_madvise of 4096 bytes: an unaligned address (EINVAL), then a page of native memory (0).</summary>
    private static async Task AddressAdvice(HeldOutRun r, string probe, string lengthName)
    {
        if (r.Sync(probe, 1L) != -EInval)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the sync probe at an unaligned address did not fail with EINVAL; the run is wrong");
        }

        r.ExpectSame("advice at an unaligned address", -EInval, await r.Async(("addr", 1L), (lengthName, 4096L), ("advice", 0)));
        IntPtr memory = Marshal.AllocHGlobal(2 * 4096);
        try
        {
            long page = ((long)memory + 4095) & ~4095L;
            r.ExpectSame("advice on a page of native memory", r.Sync(probe, page), await r.Async(("addr", page), (lengthName, 4096L), ("advice", 0)));
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }

    /// <summary>write through one overload of a family: EBADF on a closed descriptor, the same bytes in a file.</summary>
    private static async Task OverloadWrite(HeldOutRun r, string probe)
    {
        byte[] data = Encoding.ASCII.GetBytes("overloaded write");
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, data), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (long)data.Length)));
        string fileA = "r-overload-a-" + r.Row.Case.Id, fileB = "r-overload-b-" + r.Row.Case.Id;
        int a = r.OpenFile(fileA, Array.Empty<byte>()), b = r.OpenFile(fileB, Array.Empty<byte>());
        r.ExpectSame("write", r.Sync(probe, a, data), await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length)));
        ExpectSameContent(r, fileA, fileB);
    }

    /// <summary>A single-descriptor poll of an eventfd holding 1: ready for reading at once.</summary>
    private static async Task ReadyEventFd(HeldOutRun r, string probe, Func<int, (string, object?)[]> arguments)
    {
        int a = (int)r.Sync("Probe_eventfd", 1), b = (int)r.Sync("Probe_eventfd", 1);
        try
        {
            r.ExpectSame("poll of a readable eventfd (the ready events)", r.Sync(probe, a), await r.Async(arguments(b)));
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    private static void ExpectSameContent(HeldOutRun r, string fileA, string fileB) =>
        r.ExpectBytes("file content", File.ReadAllBytes(Path.Combine(r.Directory, fileA)), File.ReadAllBytes(Path.Combine(r.Directory, fileB)));

    private static void ExpectSameLength(HeldOutRun r, string fileA, string fileB) =>
        r.ExpectSame("file length", new FileInfo(Path.Combine(r.Directory, fileA)).Length, new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, fileB)).Length, null, null));
}
