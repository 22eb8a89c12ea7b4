using System;
using System.Collections.Generic;
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
/// The end-to-end runs of the fourth blind round (Transport.case, Engines.case, Idioms.case, Daemons.case), written with
/// the case files, before the generator was run on them.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const ulong NegativeAsOffT = 0x8000000000000000UL;
    private const ulong FionRead = 0x541B;
    private const int NoSuchPid = 0x3ffffff0;

    private static Dictionary<string, (string, string)> WithFourthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Transport"] = (HeldOutProbes.Transport, HeldOutProbes.TransportLibraryImport);
        probes["Engines"] = (HeldOutProbes.Engines, HeldOutProbes.EnginesLibraryImport);
        probes["Idioms"] = (HeldOutProbes.Idioms, "");
        probes["Daemons"] = (HeldOutProbes.Daemons, HeldOutProbes.DaemonsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithFourthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in TransportRuns().Concat(EngineRuns()).Concat(IdiomRuns()).Concat(DaemonRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> TransportRuns() => new()
    {
        ["transport.epoll_wait_nint_array"] = async r =>
        {
            const string Event = "HeldOut.Transport.epoll_event_packed";
            r.ExpectBadFd(r.Sync("Probe_epoll_wait", HeldOutRun.NotAnOpenFd, r.NewArray(Event, 4)),
                await r.Async(("epfd", HeldOutRun.NotAnOpenFd), ("ee", r.NewArray(Event, 4)), ("maxevents", 4), ("timeout", 0)));
            int[] fds = new int[2];
            r.Sync("Probe_epoll_setup", fds);
            try
            {
                Array syncEvents = r.NewArray(Event, 4), asyncEvents = r.NewArray(Event, 4);
                r.ExpectSame("epoll_wait on a readable eventfd", r.Sync("Probe_epoll_wait", fds[0], syncEvents),
                    await r.Async(("epfd", fds[0]), ("ee", asyncEvents), ("maxevents", 4), ("timeout", 0)));
                r.ExpectSame("data of the first event", FieldOf(syncEvents.GetValue(0), "data"), new VariantOutcome(null, FieldOf(asyncEvents.GetValue(0), "data"), null, null));
                r.ExpectSame("events of the first event", FieldOf(syncEvents.GetValue(0), "events"), new VariantOutcome(null, FieldOf(asyncEvents.GetValue(0), "events"), null, null));
            }
            finally
            {
                r.Sync("Probe_close", fds[0]);
                r.Sync("Probe_close", fds[1]);
            }
        },
        ["transport.accept4_intptr"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_accept4", HeldOutRun.NotAnOpenFd, new byte[16], new[] { 16 }),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", 0L), ("addrlen", 0L), ("flags", OCloexec)));
            using Socket listener = Listener();
            using Socket first = Connected(listener), second = Connected(listener);
            int fd = (int)listener.Handle;
            byte[] syncAddress = new byte[16], asyncAddress = new byte[16];
            int[] syncLength = { 16 }, asyncLength = { 16 };
            r.ExpectSame("accept4 of a pending connection (0: a descriptor came back)", r.Sync("Probe_accept4", fd, syncAddress, syncLength),
                ClosedDescriptor(r, await r.Async(("sockfd", fd), ("addr", asyncAddress), ("addrlen", asyncLength), ("flags", OCloexec))));
            r.ExpectSame("address length the kernel wrote", syncLength[0], new VariantOutcome(null, asyncLength[0], null, null));
            r.ExpectBytes("peer family and address (not the port)", syncAddress.Take(2).Concat(syncAddress.Skip(4).Take(4)).ToArray(), asyncAddress.Take(2).Concat(asyncAddress.Skip(4).Take(4)).ToArray());
        },
        ["transport.connect_intptr"] = async r =>
        {
            using Socket receiver = Udp(bind: true), a = Udp(bind: false), b = Udp(bind: false);
            byte[] address = SockAddr((IPEndPoint)receiver.LocalEndPoint!);
            r.ExpectBadFd(r.Sync("Probe_connect", HeldOutRun.NotAnOpenFd, address),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", address), ("addrlen", 16)));
            r.ExpectSame("connect a UDP socket to a bound one", r.Sync("Probe_connect", (int)a.Handle, address),
                await r.Async(("sockfd", (int)b.Handle), ("addr", address), ("addrlen", 16)));
        },
        ["transport.poll_intptr"] = r => PollRun(r, "Probe_poll", fds => new (string, object?)[] { ("fds", fds), ("nfds", 2), ("timeout", 0) }),
        ["transport.poll_span"] = r => PollRun(r, "Probe_poll_span", fds => new (string, object?)[] { ("fds", fds), ("nfds", 2L), ("timeout", 0) }),
        ["transport.recv_unmanaged_callconv"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_recv", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("len", 8L), ("flags", 0)));
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            int fd = (int)receiver.Handle;
            sender.SendTo(Encoding.ASCII.GetBytes("datagram-one"), receiver.LocalEndPoint!);
            byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32];
            long sync = r.Sync("Probe_recv", fd, syncBuffer);
            sender.SendTo(Encoding.ASCII.GetBytes("datagram-one"), receiver.LocalEndPoint!);
            r.ExpectSame("recv a datagram", sync, await r.Async(("sockfd", fd), ("buf", asyncBuffer), ("len", 32L), ("flags", 0)));
            r.ExpectBytes("received data", syncBuffer, asyncBuffer);
        },
        ["transport.send_suppress_gc"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_send", HeldOutRun.NotAnOpenFd, new byte[4]),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", new byte[4]), ("len", 4L), ("flags", 0)));
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("send on a connected UDP socket", r.Sync("Probe_send", fd, Encoding.ASCII.GetBytes("sync-")),
                await r.Async(("sockfd", fd), ("buf", Encoding.ASCII.GetBytes("async")), ("len", 5L), ("flags", 0)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["transport.read_via_function_pointer"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_via", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("transport-via-a", Content), b = r.OpenFile("transport-via-b", Content);
            byte[] syncBuffer = new byte[12], asyncBuffer = new byte[12];
            r.ExpectSame("read 12 bytes through the function pointer", r.Sync("Probe_read_via", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 12L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["transport.posixresult_ordinary"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_result", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8)));
            int a = r.OpenFile("transport-posix-a", Content), b = r.OpenFile("transport-posix-b", Content);
            byte[] syncBuffer = new byte[12], asyncBuffer = new byte[12];
            r.ExpectSame("read 12 bytes, PosixResult", r.Sync("Probe_read_result", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 12)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["transport.eventfd_write_value"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_eventfd_write", HeldOutRun.NotAnOpenFd, 7UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("value", 7UL)));
            int a = (int)r.Sync("Probe_eventfd", 0), b = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                r.ExpectSame("eventfd_write 7", r.Sync("Probe_eventfd_write", a, 7UL), await r.Async(("fd", b), ("value", 7UL)));
                r.ExpectSame("the counter after the write", r.Sync("Probe_eventfd_read", a), new VariantOutcome(null, r.Sync("Probe_eventfd_read", b), null, null));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["transport.eventfd_read_ptr"] = r => EventCounter(r, "Probe_eventfd_read", "value"),
        ["transport.timerfd_create_stated"] = async r =>
        {
            r.ExpectSame("timerfd_create with an unknown clock", r.Sync("Probe_timerfd_create", 999), await r.Async(("clockid", 999), ("flags", OCloexec)));
            r.ExpectSame("timerfd_create CLOCK_MONOTONIC (0: a descriptor came back)", r.Sync("Probe_timerfd_create", 1),
                ClosedDescriptor(r, await r.Async(("clockid", 1), ("flags", OCloexec))));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> EngineRuns() => new()
    {
        ["engine.pread_ulong_offset"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0UL),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L), ("offset", Offset(r, "offset", 0UL))));
            int a = r.OpenFile("engine-pread-a", Content), b = r.OpenFile("engine-pread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at 5", r.Sync("Probe_pread", a, syncBuffer, 5UL), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", Offset(r, "offset", 5UL))));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
            r.ExpectSame("pread at 2^63 (a negative off_t)", r.Sync("Probe_pread", a, syncBuffer, NegativeAsOffT),
                await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", Offset(r, "offset", NegativeAsOffT))));
        },
        ["engine.pwrite_ulong_offset"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("engine page");
            r.ExpectBadFd(r.Sync("Probe_pwrite", HeldOutRun.NotAnOpenFd, data, 0UL),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (long)data.Length), ("offset", Offset(r, "offset", 0UL))));
            int a = r.OpenFile("engine-pwrite-a", Content), b = r.OpenFile("engine-pwrite-b", Content);
            r.ExpectSame("pwrite at 3", r.Sync("Probe_pwrite", a, data, 3UL), await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length), ("offset", Offset(r, "offset", 3UL))));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwrite-b")));
            r.ExpectSame("pwrite at 2^63 (a negative off_t)", r.Sync("Probe_pwrite", a, data, NegativeAsOffT),
                await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length), ("offset", Offset(r, "offset", NegativeAsOffT))));
        },
        ["engine.pwrite_in_byte"] = r => WriteAtRun(r, "Probe_pwrite_ref", "engine-pwrite-ref", data => new (string, object?)[] { ("buf", data), ("count", (long)data.Length) }),
        ["engine.pwrite_readonlyspan_nocount"] = r => WriteAtRun(r, "Probe_write_at", "engine-write-at", data => new (string, object?)[] { ("buffer", data) }),
        ["engine.preadv2_current_position"] = async r =>
        {
            int a = r.OpenFile("engine-preadv2-a", Content), b = r.OpenFile("engine-preadv2-b", Content);
            r.Sync("Probe_lseek", a, 5L, SeekSet);
            r.Sync("Probe_lseek", b, 5L, SeekSet);
            byte[] syncFirst = new byte[4], syncSecond = new byte[6], asyncFirst = new byte[4], asyncSecond = new byte[6];
            r.ExpectSame("preadv2 at offset -1 (the file position, 5)", r.Sync("Probe_preadv2", a, syncFirst, syncSecond, -1L, 0),
                await r.Async(("fd", b), ("iov", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("iovcnt", 2), ("offset", -1L), ("flags", 0)));
            r.ExpectBytes("first segment", syncFirst, asyncFirst);
            r.ExpectBytes("second segment", syncSecond, asyncSecond);
            r.ExpectSame("file position after preadv2 at -1", r.Sync("Probe_lseek", a, 0L, 1), new VariantOutcome(null, r.Sync("Probe_lseek", b, 0L, 1), null, null));
        },
        ["engine.pwritev2_current_position"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("at-"), second = Encoding.ASCII.GetBytes("position");
            int a = r.OpenFile("engine-pwritev2-a", Content), b = r.OpenFile("engine-pwritev2-b", Content);
            r.Sync("Probe_lseek", a, 5L, SeekSet);
            r.Sync("Probe_lseek", b, 5L, SeekSet);
            r.ExpectSame("pwritev2 at offset -1 (the file position, 5)", r.Sync("Probe_pwritev2", a, first, second, -1L, 0),
                await r.Async(("fd", b), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2), ("offset", -1L), ("flags", 0)));
            r.ExpectBytes("file after pwritev2 at -1", File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev2-a")), File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev2-b")));
            r.ExpectSame("file position after pwritev2 at -1", r.Sync("Probe_lseek", a, 0L, 1), new VariantOutcome(null, r.Sync("Probe_lseek", b, 0L, 1), null, null));

            // RWF_DSYNC: the docs say the variant refuses non-zero RWF_ flags with ArgumentOutOfRangeException rather than
            // dropping them (noted in round 3); a documented refusal at the call is a note, not a wrong answer.
            const int RwfDsync = 2;
            long sync = r.Sync("Probe_pwritev2", a, first, second, 0L, RwfDsync);
            VariantOutcome outcome = await r.Async(("fd", b), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2), ("offset", 0L), ("flags", RwfDsync));
            if (outcome.Other is ArgumentOutOfRangeException)
            {
                r.Row.Runs.Add("pwritev2 RWF_DSYNC: sync returned " + sync + ", async " + outcome);
                r.Row.Notes.Add("pwritev2 with RWF_DSYNC: the variant throws ArgumentOutOfRangeException (documented), the sync call writes " + sync + " bytes");
            }
            else
            {
                r.ExpectSame("pwritev2 RWF_DSYNC at 0", sync, outcome);
                r.ExpectBytes("file after pwritev2 RWF_DSYNC", File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev2-a")), File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev2-b")));
            }
        },
        ["engine.pwritev_nint_count"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("gather-"), second = Encoding.ASCII.GetBytes("write");
            int a = r.OpenFile("engine-pwritev-a", Content), b = r.OpenFile("engine-pwritev-b", Content);
            r.ExpectSame("pwritev of 7 + 5 bytes at 2", r.Sync("Probe_pwritev", a, first, second, 2L),
                await r.Async(("fd", b), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2L), ("offset", 2L)));
            r.ExpectBytes("file after pwritev", File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev-a")), File.ReadAllBytes(Path.Combine(r.Directory, "engine-pwritev-b")));
        },
        ["engine.ftruncate_ulong"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ftruncate", HeldOutRun.NotAnOpenFd, 7UL), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", Offset(r, "length", 7UL))));
            int a = r.OpenFile("engine-trunc-a", Content), b = r.OpenFile("engine-trunc-b", Content);
            r.ExpectSame("ftruncate to 7", r.Sync("Probe_ftruncate", a, 7UL), await r.Async(("fd", b), ("length", Offset(r, "length", 7UL))));
            r.ExpectSame("file length after ftruncate", new FileInfo(Path.Combine(r.Directory, "engine-trunc-a")).Length,
                new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, "engine-trunc-b")).Length, null, null));
            r.ExpectSame("ftruncate to 2^63 (a negative off_t)", r.Sync("Probe_ftruncate", a, NegativeAsOffT), await r.Async(("fd", b), ("length", Offset(r, "length", NegativeAsOffT))));
        },
        ["engine.sync_file_range_ulong"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_sync_file_range", HeldOutRun.NotAnOpenFd, 0UL, 0UL),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", Offset(r, "offset", 0UL)), ("nbytes", Offset(r, "nbytes", 0UL)), ("flags", 2u)));
            int a = r.OpenFile("engine-sfr-a", Content), b = r.OpenFile("engine-sfr-b", Content);
            r.ExpectSame("sync_file_range WRITE", r.Sync("Probe_sync_file_range", a, 0UL, 0UL),
                await r.Async(("fd", b), ("offset", Offset(r, "offset", 0UL)), ("nbytes", Offset(r, "nbytes", 0UL)), ("flags", 2u)));
            r.ExpectSame("sync_file_range from 2^63 (a negative off64_t)", r.Sync("Probe_sync_file_range", a, NegativeAsOffT, 0UL),
                await r.Async(("fd", b), ("offset", Offset(r, "offset", NegativeAsOffT)), ("nbytes", Offset(r, "nbytes", 0UL)), ("flags", 2u)));
        },
        ["engine.fadvise_nint"] = r => ErrorNumberCall(r, "Probe_fadvise", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential) }),
        ["engine.statx_span_nocount"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "engine-statx-missing"), present = Path.Combine(r.Directory, "engine-statx");
            File.WriteAllBytes(present, Content);
            (string, object?)[] Statx(string path, object buffer) => new (string, object?)[] { ("dirfd", AtFdCwd), ("pathname", new PathArg(path)), ("flags", 0), ("mask", 0x7ffu), ("statxbuf", buffer) };
            r.ExpectSame("statx of a missing path", r.Sync("Probe_statx", missing, new byte[256]), await r.Async(Statx(missing, new byte[256])));
            byte[] syncBuffer = new byte[256], asyncBuffer = new byte[256];
            r.ExpectSame("statx of a file", r.Sync("Probe_statx", present, syncBuffer), await r.Async(Statx(present, asyncBuffer)));
            r.ExpectBytes("stx_mask", syncBuffer.Take(4).ToArray(), asyncBuffer.Take(4).ToArray());
            r.ExpectBytes("stx_size", syncBuffer.Skip(40).Take(8).ToArray(), asyncBuffer.Skip(40).Take(8).ToArray());

            // A buffer shorter than struct statx: the kernel writes 256 bytes whatever the span's length. The variant must
            // refuse it (or keep the kernel inside it); the 16 bytes are the start of a larger array, so an overrun shows.
            byte[] larger = Enumerable.Repeat((byte)0xEE, 512).ToArray();
            VariantOutcome shortBuffer = await r.Async(Statx(present, new Memory<byte>(larger, 0, 16)));
            bool overrun = larger.Skip(16).Take(240).Any(x => x != 0xEE);
            r.Row.Runs.Add("statx into a 16-byte buffer: async " + shortBuffer + (overrun ? ", bytes past the buffer were written" : ", nothing written past the buffer"));
            if (overrun)
            {
                r.Row.Problems.Add("statx into a 16-byte Memory<byte>: the kernel wrote past the end of the buffer the caller passed");
            }
        },
        ["engine.fallocate_syscall"] = async r =>
        {
            (string, object?)[] Allocate(int fd) => new (string, object?)[] { ("number", 285L), ("fd", fd), ("mode", 1), ("offset", 0L), ("len", 4096L) };
            r.ExpectBadFd(r.Sync("Probe_fallocate_raw", HeldOutRun.NotAnOpenFd), await r.Async(Allocate(HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("engine-falloc-a", Array.Empty<byte>()), b = r.OpenFile("engine-falloc-b", Array.Empty<byte>());
            r.ExpectSame("fallocate KEEP_SIZE 4096 through syscall(2)", r.Sync("Probe_fallocate_raw", a), await r.Async(Allocate(b)));
        },
        ["engine.fadvise64_syscall"] = async r =>
        {
            (string, object?)[] Advise(int fd) => new (string, object?)[] { ("number", 221L), ("fd", fd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential) };
            r.ExpectBadFd(r.Sync("Probe_fadvise64", HeldOutRun.NotAnOpenFd), await r.Async(Advise(HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("engine-fadv-a", Content), b = r.OpenFile("engine-fadv-b", Content);
            r.ExpectSame("fadvise64 SEQUENTIAL through syscall(2)", r.Sync("Probe_fadvise64", a), await r.Async(Advise(b)));
        },
        ["engine.renameat2_syscall"] = async r =>
        {
            const uint NoReplace = 1;
            string Named(string name) => Path.Combine(r.Directory, "engine-rename-" + name);
            foreach (string name in new[] { "a", "a-target", "b", "b-target" })
            {
                File.WriteAllBytes(Named(name), Content);
            }

            (string, object?)[] Rename(string from, string to) => new (string, object?)[] { ("number", 316L), ("olddirfd", AtFdCwd), ("oldpath", new PathArg(from)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(to)), ("flags", NoReplace) };
            r.ExpectSame("renameat2 NOREPLACE onto an existing file", r.Sync("Probe_renameat2", Named("a"), Named("a-target"), NoReplace), await r.Async(Rename(Named("b"), Named("b-target"))));
            r.ExpectSame("renameat2 NOREPLACE to a new name", r.Sync("Probe_renameat2", Named("a"), Named("a-new"), NoReplace), await r.Async(Rename(Named("b"), Named("b-new"))));
            r.ExpectSame("renamed file exists", File.Exists(Named("a-new")) ? 1 : 0, new VariantOutcome(null, File.Exists(Named("b-new")) ? 1 : 0, null, null));
        },
        ["engine.getdents64_syscall"] = async r =>
        {
            (string, object?)[] Read(int fd, byte[] buffer) => new (string, object?)[] { ("number", 217L), ("fd", fd), ("dirp", buffer), ("count", (long)buffer.Length) };
            r.ExpectBadFd(r.Sync("Probe_getdents", HeldOutRun.NotAnOpenFd, new byte[1024]), await r.Async(Read(HeldOutRun.NotAnOpenFd, new byte[1024])));
            string dirA = Path.Combine(r.Directory, "engine-dents-a"), dirB = Path.Combine(r.Directory, "engine-dents-b");
            foreach (string dir in new[] { dirA, dirB })
            {
                System.IO.Directory.CreateDirectory(dir);
                File.WriteAllBytes(Path.Combine(dir, "first"), Content);
                File.WriteAllBytes(Path.Combine(dir, "second-entry"), Content);
            }

            int a = (int)r.Sync("Probe_open_dir", dirA), b = (int)r.Sync("Probe_open_dir", dirB);
            try
            {
                r.ExpectSame("getdents64 of a directory of two files (bytes of records)", r.Sync("Probe_getdents", a, new byte[4096]), await r.Async(Read(b, new byte[4096])));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["engine.ioctl_syscall_outvalue"] = async r =>
        {
            (string, object?)[] Ask(int fd) => new (string, object?)[] { ("number", 16L), ("fd", fd), ("request", FionRead) };
            r.ExpectBadFd(r.Sync("Probe_fionread", HeldOutRun.NotAnOpenFd), await r.Async(Ask(HeldOutRun.NotAnOpenFd)));
            int[] pipe = new int[2];
            r.Sync("Probe_pipe", pipe);
            try
            {
                r.Sync("Probe_write_fd", pipe[1], Encoding.ASCII.GetBytes("five!"));
                VariantOutcome outcome = await r.Async(Ask(pipe[0]));
                long? value = outcome.Other is null && outcome.Errno is null ? (outcome.Result is int or long ? outcome.Number : HeldOutRun.Member(outcome.Result, "value")) : null;
                r.ExpectSame("FIONREAD of a pipe holding 5 bytes (the value written into 'value')", r.Sync("Probe_fionread", pipe[0]), outcome with { Number = value ?? outcome.Number });
            }
            finally
            {
                r.Sync("Probe_close", pipe[0]);
                r.Sync("Probe_close", pipe[1]);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> IdiomRuns() => new()
    {
        ["idiom.partial_mark_on_definition"] = r => FdCall(r, "Probe_sync_all", fd => new (string, object?)[] { ("fd", fd) }),
        ["idiom.partial_mark_on_implementation"] = r => FdCall(r, "Probe_lock_shared", fd => new (string, object?)[] { ("fd", fd) }),
        ["idiom.extension_ring"] = r => FdCall(r, "Probe_fsync_ext", fd => new (string, object?)[] { ("handle", fd) }),
        ["idiom.extension_worker"] = r => ErrorNumberCall(r, "Probe_advise", fd => new (string, object?)[] { ("handle", fd), ("offset", 0L), ("length", 0L), ("advice", FadviseSequential) }),
        ["idiom.obsolete_warning"] = r => FdCall(r, "Probe_syncfs", fd => new (string, object?)[] { ("fd", fd) }),
        ["idiom.editor_browsable_never"] = r => FdCall(r, "Probe_fdatasync", fd => new (string, object?)[] { ("fd", fd) }),
        ["idiom.readonly_struct_static"] = r => FdCall(r, "Probe_fsync_struct", fd => new (string, object?)[] { ("fd", fd) }),
        ["idiom.ref_struct_static"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_ref_struct", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("idiom-ref-a", Content), b = r.OpenFile("idiom-ref-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("read 10 bytes", r.Sync("Probe_read_ref_struct", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["idiom.existing_async_name"] = r => FdCall(r, "Probe_fsync_handwritten", fd => new (string, object?)[] { ("fd", fd) }),
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> DaemonRuns() => new()
    {
        ["daemon.sd_notify_negerrno"] = async r =>
            r.ExpectSame("sd_notify READY=1 (no NOTIFY_SOCKET: nothing to send)", r.Sync("Probe_sd_notify", "READY=1"), await r.Async(("unset_environment", 0), ("state", new PathArg("READY=1")))),
        ["daemon.setns_stated"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_setns", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("nstype", 0)));
            int a = r.OpenFile("daemon-setns-a", Content), b = r.OpenFile("daemon-setns-b", Content);
            r.ExpectSame("setns with a regular file", r.Sync("Probe_setns", a), await r.Async(("fd", b), ("nstype", 0)));
        },
        ["daemon.prctl_stated"] = async r =>
        {
            (string, object?)[] Ask(int option) => new (string, object?)[] { ("option", option), ("arg2", 0L), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L) };
            r.ExpectSame("prctl PR_GET_DUMPABLE", r.Sync("Probe_prctl", 3), await r.Async(Ask(3)));
            // An option prctl(2) does not list is counted as one that acts on the calling thread: refused at the call.
            r.ExpectCallingThreadRefused("prctl with an option the man page does not list", await r.Async(Ask(9999)), "option");
        },
        ["daemon.pidfd_open_syscall"] = async r =>
        {
            (string, object?)[] Open(int pid) => new (string, object?)[] { ("number", 434L), ("pid", pid), ("flags", 0u) };
            r.ExpectSame("pidfd_open of a pid nobody has", r.Sync("Probe_pidfd_open", NoSuchPid), await r.Async(Open(NoSuchPid)));
            r.ExpectSame("pidfd_open of pid -1", r.Sync("Probe_pidfd_open", -1), await r.Async(Open(-1)));
            r.ExpectSame("pidfd_open of this process (0: a descriptor came back)", r.Sync("Probe_pidfd_open", Environment.ProcessId),
                ClosedDescriptor(r, await r.Async(Open(Environment.ProcessId))));
        },
        ["daemon.waitpid_ptr"] = async r =>
            r.ExpectSame("waitpid WNOHANG of a pid that is no child", r.Sync("Probe_waitpid", NoSuchPid), await r.Async(("pid", NoSuchPid), ("options", 1))),
        ["daemon.waitpid_out"] = async r =>
            r.ExpectSame("waitpid WNOHANG of a pid that is no child", r.Sync("Probe_waitpid_out", NoSuchPid), await r.Async(("pid", NoSuchPid), ("options", 1))),
        ["daemon.kill_signal_zero"] = async r =>
        {
            r.ExpectSame("kill(self, 0)", r.Sync("Probe_kill", Environment.ProcessId, 0), await r.Async(("pid", Environment.ProcessId), ("sig", 0)));
            r.ExpectSame("kill(no such pid, 0)", r.Sync("Probe_kill", NoSuchPid, 0), await r.Async(("pid", NoSuchPid), ("sig", 0)));
        },
        ["daemon.sleep_ordinary"] = async r =>
        {
            r.ExpectSame("sleep 1 ms", r.Sync("Probe_sleep", 0L, 1_000_000L), await r.Async(("seconds", 0L), ("nanoseconds", 1_000_000L)));
            r.ExpectSame("sleep with 2e9 nanoseconds", r.Sync("Probe_sleep", 0L, 2_000_000_000L), await r.Async(("seconds", 0L), ("nanoseconds", 2_000_000_000L)));
        },
        ["daemon.ioctl_nint_arg"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fionread", HeldOutRun.NotAnOpenFd, new int[1]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", FionRead), ("arg", new int[1])));
            int[] pipe = new int[2];
            r.Sync("Probe_pipe", pipe);
            try
            {
                r.Sync("Probe_write_fd", pipe[1], Encoding.ASCII.GetBytes("five!"));
                int[] syncValue = new int[1], asyncValue = new int[1];
                r.ExpectSame("FIONREAD through an nint argument", r.Sync("Probe_fionread", pipe[0], syncValue), await r.Async(("fd", pipe[0]), ("request", FionRead), ("arg", asyncValue)));
                r.ExpectSame("the count the kernel wrote", syncValue[0], new VariantOutcome(null, asyncValue[0], null, null));
            }
            finally
            {
                r.Sync("Probe_close", pipe[0]);
                r.Sync("Probe_close", pipe[1]);
            }
        },
        ["daemon.getrandom_span"] = async r =>
        {
            byte[] syncBuffer = new byte[16], asyncBuffer = new byte[16];
            r.ExpectSame("getrandom 16 bytes", r.Sync("Probe_getrandom", syncBuffer), await r.Async(("buffer", asyncBuffer), ("buflen", 16L), ("flags", 0u)));
            if (asyncBuffer.All(x => x == 0))
            {
                r.Row.Problems.Add("getrandom: the variant's buffer is still all zeros");
            }
        },
        ["daemon.open_out_safefilehandle"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "daemon-open-missing"), present = Path.Combine(r.Directory, "daemon-open");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("open of a missing path", r.Sync("Probe_try_open", missing, OnlyRead), await r.Async(("path", new PathArg(missing)), ("flags", OnlyRead)));
            VariantOutcome outcome = await r.Async(("path", new PathArg(present)), ("flags", OnlyRead));
            SafeHandle? handle = outcome.Result?.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && typeof(SafeHandle).IsAssignableFrom(p.PropertyType)).Select(p => (SafeHandle?)p.GetValue(outcome.Result)).FirstOrDefault();
            r.Row.Runs.Add("handle in the result: " + (handle is null ? "none" : handle.IsInvalid ? "invalid" : "valid"));
            if (outcome.Other is null && outcome.Errno is null && (handle is null || handle.IsInvalid))
            {
                r.Row.Problems.Add("open of an existing file: the variant does not hand back the opened SafeFileHandle (out handle)");
            }

            handle?.Dispose();
            r.ExpectSame("open of an existing file", r.Sync("Probe_try_open", present, OnlyRead), outcome);
        },
    };

    /// <summary>An offset argument typed as the variant takes it: a ulong where it kept the wrapper's ulong, else the same bits as a long.</summary>
    private static object Offset(HeldOutRun r, string name, ulong value) =>
        r.ParameterType(name) is "ulong" or "ulong?" ? value : unchecked((long)value);

    /// <summary>A call on a descriptor: EBADF on a closed one, the same result on a file.</summary>
    private static async Task FdCall(HeldOutRun r, string probe, Func<int, (string, object?)[]> arguments)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd), await r.Async(arguments(HeldOutRun.NotAnOpenFd)));
        int a = r.OpenFile("fdcall-a-" + r.Row.Case.Id, Content), b = r.OpenFile("fdcall-b-" + r.Row.Case.Id, Content);
        r.ExpectSame("on a file", r.Sync(probe, a), await r.Async(arguments(b)));
    }

    /// <summary>A positional write of 11 bytes at 3 through probe and variant (extra arguments name the buffer and its count).</summary>
    private static async Task WriteAtRun(HeldOutRun r, string probe, string file, Func<byte[], (string, object?)[]> buffer)
    {
        byte[] data = Encoding.ASCII.GetBytes("engine page");
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, data, 0L), await r.Async(buffer(data).Concat(new (string, object?)[] { ("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L) }).ToArray()));
        int a = r.OpenFile(file + "-a", Content), b = r.OpenFile(file + "-b", Content);
        r.ExpectSame("write at 3", r.Sync(probe, a, data, 3L), await r.Async(buffer(data).Concat(new (string, object?)[] { ("fd", b), ("offset", 3L) }).ToArray()));
        r.ExpectBytes("file after the write", File.ReadAllBytes(Path.Combine(r.Directory, file + "-a")), File.ReadAllBytes(Path.Combine(r.Directory, file + "-b")));
    }

    /// <summary>poll over two pollfds: a readable eventfd and an empty one; the count and both revents must match.</summary>
    private static async Task PollRun(HeldOutRun r, string probe, Func<Array, (string, object?)[]> arguments)
    {
        int ready = (int)r.Sync("Probe_eventfd", 1), idle = (int)r.Sync("Probe_eventfd", 0);
        try
        {
            Array PollFds()
            {
                Array fds = r.NewArray("HeldOut.Transport.pollfd", 2);
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
            r.ExpectSame("poll of a readable and an idle eventfd", r.Sync(probe, syncFds), await r.Async(arguments(asyncFds)));
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
    }

    private static long FieldOf(object? value, string field) =>
        Convert.ToInt64(value?.GetType().GetField(field, BindingFlags.Instance | BindingFlags.Public)?.GetValue(value) ?? -1L, System.Globalization.CultureInfo.InvariantCulture);

    private static Socket Listener()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(8);
        return listener;
    }

    private static Socket Connected(Socket listener)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return client;
    }
}
