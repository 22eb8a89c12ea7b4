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
/// The end-to-end runs of the third blind round (Voron.case, Shims.case, Conventions.case; NativeLibs.case has none:
/// its libraries are not installed), written with the case files, before the generator was run on them.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int ESpipe = 29, ERange = 34, ENotConn = 107, EExist = 17, ENoEnt = 2;
    private const int OnlyRead = 0x80000; // O_RDONLY | O_CLOEXEC
    private const int InCreate = 0x100;

    private static Dictionary<string, (string, string)> WithThirdRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Voron"] = (HeldOutProbes.Voron, HeldOutProbes.VoronLibraryImport);
        probes["Shims"] = (HeldOutProbes.Shims, HeldOutProbes.ShimsLibraryImport);
        probes["Conventions"] = (HeldOutProbes.Conventions, HeldOutProbes.ConventionsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirdRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in VoronRuns().Concat(ShimRuns()).Concat(ConventionRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> VoronRuns() => new()
    {
        ["voron.pwrite_voidptr"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("voron page");
            r.ExpectBadFd(r.Sync("Probe_pwrite", HeldOutRun.NotAnOpenFd, data, 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", data), ("count", (long)data.Length), ("offset", 0L)));
            int a = r.OpenFile("voron-pwrite-a", Content), b = r.OpenFile("voron-pwrite-b", Content);
            r.ExpectSame("pwrite at 3", r.Sync("Probe_pwrite", a, data, 3L), await r.Async(("fd", b), ("buf", data), ("count", (long)data.Length), ("offset", 3L)));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "voron-pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "voron-pwrite-b")));
        },
        ["voron.pread_intptr"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread_raw", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L), ("offset", 0L)));
            int a = r.OpenFile("voron-pread-a", Content), b = r.OpenFile("voron-pread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at 5", r.Sync("Probe_pread_raw", a, syncBuffer, 5L), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", 5L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["voron.posix_fallocate_errnum"] = r => ErrorNumberCall(r, "Probe_posix_fallocate", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 4096L) }),
        ["voron.posix_fadvise_negerrno"] = r => ErrorNumberCall(r, "Probe_posix_fadvise", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential) }),
        ["voron.posix_fallocate64_negerrno"] = r => ErrorNumberCall(r, "Probe_try_allocate", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("len", 4096L) }),
        ["voron.fsync_subclass"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fsync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("voron-fsync-a", Content), b = r.OpenFile("voron-fsync-b", Content);
            r.ExpectSame("fsync of a file", r.Sync("Probe_fsync", a), await r.Async(("fd", b)));
        },
        ["voron.sync_file_range_enum"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_sync_file_range", HeldOutRun.NotAnOpenFd),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("nbytes", 0L), ("flags", 2u)));
            int a = r.OpenFile("voron-sfr-a", Content), b = r.OpenFile("voron-sfr-b", Content);
            r.ExpectSame("sync_file_range WRITE of a file", r.Sync("Probe_sync_file_range", a), await r.Async(("fd", b), ("offset", 0L), ("nbytes", 0L), ("flags", 2u)));
        },
        ["voron.fallocate_enum"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate_keep", HeldOutRun.NotAnOpenFd),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 1), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("voron-falloc-a", Array.Empty<byte>()), b = r.OpenFile("voron-falloc-b", Array.Empty<byte>());
            r.ExpectSame("fallocate KEEP_SIZE 4096", r.Sync("Probe_fallocate_keep", a), await r.Async(("fd", b), ("mode", 1), ("offset", 0L), ("len", 4096L)));
            r.ExpectSame("file length after fallocate KEEP_SIZE", new FileInfo(Path.Combine(r.Directory, "voron-falloc-a")).Length,
                new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, "voron-falloc-b")).Length, null, null));
        },
        ["voron.mmap_intptr"] = async r =>
        {
            (string, object?)[] Map(int fd) => new (string, object?)[] { ("start", 0L), ("length", 4096L), ("prot", 1), ("flags", 1), ("fd", fd), ("offset", 0L) };
            r.ExpectBadFd(r.Sync("Probe_mmap", HeldOutRun.NotAnOpenFd, 4096), await r.Async(Map(HeldOutRun.NotAnOpenFd)));
            int fd = r.OpenFile("voron-mmap", Content);
            VariantOutcome outcome = await r.Async(Map(fd));
            long? mapped = outcome.Number;
            if (mapped is long address && address != -1 && address != 0)
            {
                r.Sync("Probe_munmap", address, 4096);
                mapped = 0;
            }

            r.ExpectSame("mmap of a file (0: an address came back, not MAP_FAILED)", r.Sync("Probe_mmap", fd, 4096), outcome with { Number = mapped });
        },
        ["voron.open_utf8"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "voron-open-missing"), present = Path.Combine(r.Directory, "voron-open-ü");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("open of a missing path", r.Sync("Probe_open_valid", missing, OnlyRead),
                await r.Async(("path", new PathArg(missing)), ("flags", OnlyRead), ("mode", 0x180u)));
            r.ExpectSame("open of an existing non-ASCII path (0: a descriptor came back)", r.Sync("Probe_open_valid", present, OnlyRead),
                ClosedDescriptor(r, await r.Async(("path", new PathArg(present)), ("flags", OnlyRead), ("mode", 0x180u))));
        },
        ["voron.preadv2_flags"] = async r =>
        {
            int a = r.OpenFile("voron-preadv2-a", Content), b = r.OpenFile("voron-preadv2-b", Content);
            byte[] syncFirst = new byte[4], syncSecond = new byte[6], asyncFirst = new byte[4], asyncSecond = new byte[6];
            r.ExpectSame("preadv2 into 4 + 6 bytes at 5, no flags", r.Sync("Probe_preadv2", a, syncFirst, syncSecond, 5L, 0),
                await r.Async(("fd", b), ("iov", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("iovcnt", 2), ("offset", 5L), ("flags", 0)));
            r.ExpectBytes("first segment", syncFirst, asyncFirst);
            r.ExpectBytes("second segment", syncSecond, asyncSecond);

            // RWF_NOWAIT on a file just written (in the page cache). The docs say the variant refuses non-zero flags with
            // ArgumentOutOfRangeException rather than dropping them: a documented refusal at the call, noted, not wrong.
            const int RwfNowait = 8;
            long sync = r.Sync("Probe_preadv2", a, syncFirst, syncSecond, 1L, RwfNowait);
            VariantOutcome outcome = await r.Async(("fd", b), ("iov", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("iovcnt", 2), ("offset", 1L), ("flags", RwfNowait));
            if (outcome.Other is ArgumentOutOfRangeException)
            {
                r.Row.Runs.Add("preadv2 RWF_NOWAIT: sync returned " + sync + ", async " + outcome);
                r.Row.Notes.Add("preadv2 with RWF_NOWAIT: the variant throws ArgumentOutOfRangeException (documented), the sync call reads " + sync + " bytes");
            }
            else
            {
                r.ExpectSame("preadv2 RWF_NOWAIT at 1", sync, outcome);
                r.ExpectBytes("first segment (RWF_NOWAIT)", syncFirst, asyncFirst);
            }
        },
        ["voron.sendfile_longptr"] = async r =>
        {
            int inA = r.OpenFile("voron-sendfile-in-a", Content), inB = r.OpenFile("voron-sendfile-in-b", Content);
            int outA = r.OpenFile("voron-sendfile-out-a", Array.Empty<byte>()), outB = r.OpenFile("voron-sendfile-out-b", Array.Empty<byte>());
            long[] offset = { 5 };
            long sync = r.Sync("Probe_sendfile", outA, inA, offset, 10L);
            VariantOutcome outcome = await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", 5L), ("count", 10L));
            r.ExpectSame("sendfile 10 bytes from offset 5", sync, outcome);
            r.ExpectBytes("sendfile output file", File.ReadAllBytes(Path.Combine(r.Directory, "voron-sendfile-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "voron-sendfile-out-b")));
            ExpectAdvancedOffset(r, outcome, "offset", offset[0]);
        },
        ["voron.copy_file_range_ref"] = async r =>
        {
            int inA = r.OpenFile("voron-cfr-in-a", Content), inB = r.OpenFile("voron-cfr-in-b", Content);
            int outA = r.OpenFile("voron-cfr-out-a", Content), outB = r.OpenFile("voron-cfr-out-b", Content);
            long[] offsets = { 3, 20 };
            long sync = r.Sync("Probe_copy_file_range", inA, offsets, outA, 8L);
            VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", 3L), ("fd_out", outB), ("off_out", 20L), ("len", 8L), ("flags", 0u));
            r.ExpectSame("copy_file_range 8 bytes from 3 to 20", sync, outcome);
            r.ExpectBytes("copy_file_range output file", File.ReadAllBytes(Path.Combine(r.Directory, "voron-cfr-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "voron-cfr-out-b")));
            ExpectAdvancedOffset(r, outcome, "off_in", offsets[0]);
            ExpectAdvancedOffset(r, outcome, "off_out", offsets[1]);
        },
        ["voron.splice_longptr"] = async r =>
        {
            int inA = r.OpenFile("voron-splice-in-a", Content), inB = r.OpenFile("voron-splice-in-b", Content);
            int[] pipeA = new int[2], pipeB = new int[2];
            r.Sync("Probe_pipe", pipeA);
            r.Sync("Probe_pipe", pipeB);
            try
            {
                long[] offset = { 3 };
                long sync = r.Sync("Probe_splice_to_pipe", inA, offset, pipeA[1], 10L);
                // NULL for the pipe's offset: null where the variant takes long?, else -1 (RingRequest.Splice's "no offset").
                object? noOffset = r.ParameterType("off_out") is "long?" ? null : -1L;
                VariantOutcome outcome = await r.Async(("fd_in", inB), ("off_in", 3L), ("fd_out", pipeB[1]), ("off_out", noOffset), ("len", 10L), ("flags", 0u));
                r.ExpectSame("splice 10 bytes from offset 3 into a pipe", sync, outcome);
                byte[] syncBytes = new byte[10], asyncBytes = new byte[10];
                r.Sync("Probe_read_fd", pipeA[0], syncBytes);
                if (outcome.Number == 10)
                {
                    r.Sync("Probe_read_fd", pipeB[0], asyncBytes);
                }

                r.ExpectBytes("bytes spliced into the pipe", syncBytes, asyncBytes);
                ExpectAdvancedOffset(r, outcome, "off_in", offset[0]);
            }
            finally
            {
                foreach (int fd in pipeA.Concat(pipeB).Where(fd => fd > 2))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
        ["voron.pwritev_span"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("gather-"), second = Encoding.ASCII.GetBytes("write");
            int a = r.OpenFile("voron-pwritev-a", Content), b = r.OpenFile("voron-pwritev-b", Content);
            r.ExpectSame("pwritev of 7 + 5 bytes at 2", r.Sync("Probe_pwritev", a, first, second, 2L),
                await r.Async(("fd", b), ("iov", new[] { new ReadOnlyMemory<byte>(first), new ReadOnlyMemory<byte>(second) }), ("iovcnt", 2), ("offset", 2L)));
            r.ExpectBytes("file after pwritev", File.ReadAllBytes(Path.Combine(r.Directory, "voron-pwritev-a")), File.ReadAllBytes(Path.Combine(r.Directory, "voron-pwritev-b")));
        },
        ["voron.getdents64_span"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "voron-listing");
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "page-1"), "1");
            File.WriteAllText(Path.Combine(directory, "page-2"), "2");
            long a = r.Sync("Probe_open_dir", directory), b = r.Sync("Probe_open_dir", directory);
            try
            {
                byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
                r.ExpectSame("getdents64 of a directory", r.Sync("Probe_getdents", (int)a, syncBuffer), await r.Async(("fd", (int)b), ("dirp", asyncBuffer), ("count", 4096L)));
                r.ExpectBytes("directory entries", syncBuffer, asyncBuffer);
            }
            finally
            {
                r.Sync("Probe_close", (int)a);
                r.Sync("Probe_close", (int)b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ShimRuns() => new()
    {
        ["shim.readlink_refbyte"] = async r =>
        {
            string link = Path.Combine(r.Directory, "shim-link");
            File.CreateSymbolicLink(link, "target-of-the-shim-link");
            byte[] syncBuffer = new byte[64], asyncBuffer = new byte[64];
            r.ExpectSame("readlink", r.Sync("Probe_readlink_refbyte", link, syncBuffer),
                await r.Async(("path", new PathArg(link)), ("buffer", asyncBuffer), ("bufferSize", 64)));
            r.ExpectBytes("link target", syncBuffer, asyncBuffer);
        },
        ["shim.inotify_add_watch_utf8"] = r => INotifyWatch(r, "Probe_inotify_add_watch_handle", "pathName"),
        ["shim.inotify_add_watch_marshalas"] = r => INotifyWatch(r, "Probe_inotify_add_watch", "pathname"),
        ["shim.getsockname_ptr"] = async r =>
        {
            using Socket socket = Udp(bind: true);
            int fd = (int)socket.Handle;
            byte[] syncAddress = new byte[16], asyncAddress = new byte[16];
            long sync = r.Sync("Probe_getsockname", fd, syncAddress);
            int[] length = { 16 };
            object lengthArgument = r.ParameterType("socketAddressLen") is "nint" or "System.IntPtr" ? length : 16;
            VariantOutcome outcome = await r.Async(("socket", fd), ("socketAddress", asyncAddress), ("socketAddressLen", lengthArgument));
            long? written = lengthArgument is int[] ? (outcome.Other is null && outcome.Errno is null ? length[0] : null) : LengthOf(outcome, "socketAddressLen");
            r.ExpectSame("getsockname of a bound UDP socket: the address length", sync, outcome with { Number = written });
            r.ExpectOutputInResult("socketAddressLen", sync, written);
            r.ExpectBytes("socket address", syncAddress, asyncAddress);
        },
        ["shim.pipe2_span"] = r => PipeRun(r, "Probe_pipe_span", ("pipefd", new int[2]), ("flags", OCloexec)),
        ["shim.pipe2_fixed_struct"] = r => PipeRun(r, "Probe_pipe2_struct", ("fds", null), ("flags", OCloexec)),
        ["shim.pipe_lparray"] = r => PipeRun(r, "Probe_pipe", ("fds", new int[2])),
        ["shim.recvfrom_spans"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: true);
            byte[] from = SockAddr((IPEndPoint)sender.LocalEndPoint!);
            int fd = (int)receiver.Handle;
            sender.SendTo(Encoding.ASCII.GetBytes("shim-datagram"), receiver.LocalEndPoint!);
            byte[] syncData = new byte[32], syncAddress = new byte[16];
            long sync = r.Sync("Probe_recvfrom", fd, syncData, syncAddress);
            sender.SendTo(Encoding.ASCII.GetBytes("shim-datagram"), receiver.LocalEndPoint!);
            byte[] asyncData = new byte[32], asyncAddress = new byte[16];
            r.ExpectSame("recvfrom a datagram", sync,
                await r.Async(("socket", fd), ("buffer", asyncData), ("length", 32L), ("flags", 0), ("address", asyncAddress), ("addressLen", 16)));
            r.ExpectBytes("received data", syncData, asyncData);
            r.ExpectBytes("sender address", from, syncAddress);
            r.ExpectBytes("sender address", syncAddress, asyncAddress);
        },
        ["shim.sendto_readonlyspans"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            byte[] address = SockAddr((IPEndPoint)receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("sendto on an unconnected UDP socket", r.Sync("Probe_sendto", fd, Encoding.ASCII.GetBytes("sync-"), address),
                await r.Async(("socket", fd), ("buffer", Encoding.ASCII.GetBytes("async")), ("length", 5L), ("flags", 0), ("address", address), ("addressLen", address.Length)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["shim.readlinkat_span"] = async r =>
        {
            string link = Path.Combine(r.Directory, "shim-linkat");
            File.CreateSymbolicLink(link, "target-of-readlinkat");
            byte[] syncBuffer = new byte[64], asyncBuffer = new byte[64];
            r.ExpectSame("readlinkat", r.Sync("Probe_readlinkat", link, syncBuffer),
                await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(link)), ("buf", asyncBuffer), ("bufsiz", 64L)));
            r.ExpectBytes("link target", syncBuffer, asyncBuffer);
        },
        ["shim.getpeername_ref"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false), loose = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            r.ExpectSame("getpeername of an unconnected socket", r.Sync("Probe_getpeername", (int)loose.Handle, new byte[16]),
                await r.Async(("sockfd", (int)loose.Handle), ("addr", new byte[16]), ("addrlen", 16u)));
            byte[] syncAddress = new byte[16], asyncAddress = new byte[16];
            long sync = r.Sync("Probe_getpeername", (int)sender.Handle, syncAddress);
            VariantOutcome outcome = await r.Async(("sockfd", (int)sender.Handle), ("addr", asyncAddress), ("addrlen", 16u));
            r.ExpectSame("getpeername of a connected UDP socket: the address length", sync, outcome with { Number = LengthOf(outcome, "addrlen") });
            r.ExpectBytes("peer address", syncAddress, asyncAddress);
        },
        ["shim.accept4_storage"] = async r =>
        {
            object Length() => r.ParameterType("addrlen") is "nint" or "System.IntPtr" ? new uint[] { 128 } : 128u;
            r.ExpectBadFd(r.Sync("Probe_accept4", HeldOutRun.NotAnOpenFd, new byte[1]),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", new byte[128]), ("addrlen", Length()), ("flags", OCloexec)));
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(4);
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            first.Connect(listener.LocalEndPoint!);
            second.Connect(listener.LocalEndPoint!);
            byte[] syncLength = new byte[1];
            long sync = r.Sync("Probe_accept4", (int)listener.Handle, syncLength);
            object length = Length();
            byte[] address = new byte[128];
            VariantOutcome outcome = ClosedDescriptor(r, await r.Async(("sockfd", (int)listener.Handle), ("addr", address), ("addrlen", length), ("flags", OCloexec)));
            r.ExpectSame("accept4 of a pending connection (0: a descriptor came back)", sync, outcome);
            long? written = length is uint[] slot ? slot[0] : HeldOutRun.Member(outcome.Result, "addrlen");
            r.ExpectSame("accept4: the peer address length", syncLength[0], new VariantOutcome(null, written, null, null));
            r.ExpectSame("accept4: the peer address family (AF_INET)", 2, new VariantOutcome(null, address[0], null, null));
        },
        ["shim.shutdown_enum"] = async r =>
        {
            using var a = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var b = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            r.ExpectBadFd(r.Sync("Probe_shutdown", HeldOutRun.NotAnOpenFd, 1), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("how", 1)));
            r.ExpectSame("shutdown of an unconnected TCP socket", r.Sync("Probe_shutdown", (int)a.Handle, 1), await r.Async(("sockfd", (int)b.Handle), ("how", 1)));
        },
        ["shim.ioctl_out_int"] = async r =>
        {
            using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
            using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, server.ClientSafePipeHandle);
            server.Write(Content, 0, 5);
            server.Flush();
            int fd = (int)client.SafePipeHandle.DangerousGetHandle();
            VariantOutcome outcome = await r.Async(("fd", fd), ("request", Fionread));
            long? count = outcome.Other is null && outcome.Errno is null ? (outcome.Result is int or long ? outcome.Number : HeldOutRun.Member(outcome.Result, "value")) : null;
            r.ExpectSame("FIONREAD on a pipe holding 5 bytes (the value written)", r.Sync("Probe_fionread", fd), outcome with { Number = count ?? outcome.Number });
            r.ExpectBadFd(r.Sync("Probe_fionread", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", Fionread)));
        },
        ["shim.tee_pipes"] = async r =>
        {
            int[] a = new int[2], b = new int[2], c = new int[2], d = new int[2];
            foreach (int[] pipe in new[] { a, b, c, d })
            {
                r.Sync("Probe_pipe", pipe);
            }

            try
            {
                r.Sync("Probe_write_fd", a[1], Content);
                r.Sync("Probe_write_fd", c[1], Content);
                r.ExpectSame("tee 10 bytes between pipes", r.Sync("Probe_tee", a[0], b[1], 10L),
                    await r.Async(("fd_in", c[0]), ("fd_out", d[1]), ("len", 10L), ("flags", 0u)));
                byte[] syncBytes = new byte[10], asyncBytes = new byte[10];
                r.Sync("Probe_read_fd", b[0], syncBytes);
                r.Sync("Probe_read_fd", d[0], asyncBytes);
                r.ExpectBytes("bytes teed", syncBytes, asyncBytes);
                r.ExpectBadFd(r.Sync("Probe_tee", HeldOutRun.NotAnOpenFd, b[1], 10L),
                    await r.Async(("fd_in", HeldOutRun.NotAnOpenFd), ("fd_out", d[1]), ("len", 10L), ("flags", 0u)));
            }
            finally
            {
                foreach (int fd in a.Concat(b).Concat(c).Concat(d).Where(fd => fd > 2))
                {
                    r.Sync("Probe_close", fd);
                }
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ConventionRuns() => new()
    {
        ["conv.pthread_setname_errnum"] = async r =>
        {
            long self = r.Sync("Probe_self");
            const string TooLong = "a-thread-name-longer-than-fifteen-bytes";
            r.ExpectSame("pthread_setname_np with a 39-byte name (ERANGE, returned as the error number)", r.Sync("Probe_setname", self, TooLong),
                await r.Async(("thread", self), ("name", TooLong)));
        },
        ["conv.pthread_getname_marked"] = async r =>
        {
            long self = r.Sync("Probe_self");
            r.ExpectSame("pthread_getname_np into 4 bytes (ERANGE, returned as the error number)", r.Sync("Probe_getname", self, new byte[4]),
                await r.Async(("thread", self), ("name", new byte[4]), ("len", 4L)));
            byte[] syncName = new byte[16], asyncName = new byte[16];
            r.ExpectSame("pthread_getname_np into 16 bytes", r.Sync("Probe_getname", self, syncName), await r.Async(("thread", self), ("name", asyncName), ("len", 16L)));
            r.ExpectBytes("thread name", syncName, asyncName);
        },
        ["conv.realpath_null"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "conv-realpath-missing");
            r.ExpectSame("realpath of a missing path", r.Sync("Probe_realpath", missing, new byte[4096]), await r.Async(("path", new PathArg(missing)), ("resolved_path", new byte[4096])));
            string present = Path.Combine(r.Directory, "conv-realpath");
            File.WriteAllBytes(present, Content);
            string dotted = Path.Combine(r.Directory, ".", "conv-realpath");
            byte[] syncResolved = new byte[4096], asyncResolved = new byte[4096];
            long sync = r.Sync("Probe_realpath", dotted, syncResolved);
            VariantOutcome outcome = await r.Async(("path", new PathArg(dotted)), ("resolved_path", asyncResolved));
            r.ExpectSame("realpath of an existing path (0: a non-NULL pointer came back)", sync, outcome with { Number = outcome.Number is long p && p != 0 ? 0 : outcome.Number });
            r.ExpectBytes("resolved path", syncResolved, asyncResolved);
        },
        ["conv.isatty_bool"] = async r =>
        {
            r.ExpectSame("isatty of a closed descriptor (false)", r.Sync("Probe_isatty", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int fd = r.OpenFile("conv-isatty", Content);
            r.ExpectSame("isatty of a regular file (false)", r.Sync("Probe_isatty", fd), await r.Async(("fd", fd)));
        },
        ["conv.timerfd_gettime_outvalue"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_timerfd_interval", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int timer = (int)r.Sync("Probe_timerfd");
            try
            {
                VariantOutcome outcome = await r.Async(("fd", timer));
                r.ExpectSame("timerfd_gettime of a timer with a 5 s interval: it_interval.tv_sec", r.Sync("Probe_timerfd_interval", timer),
                    outcome with { Number = outcome.Other is null && outcome.Errno is null ? IntervalSeconds(outcome.Result) : null });
            }
            finally
            {
                r.Sync("Probe_close", timer);
            }
        },
        ["conv.statx_out_struct"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "conv-statx-missing"), present = Path.Combine(r.Directory, "conv-statx");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("statx of a missing path", r.Sync("Probe_statx_size", missing),
                await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(missing)), ("flags", 0), ("mask", (uint)StatxSize)));
            VariantOutcome outcome = await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(present)), ("flags", 0), ("mask", (uint)StatxSize));
            r.ExpectSame("statx stx_size of a " + Content.Length + "-byte file", r.Sync("Probe_statx_size", present),
                outcome with { Number = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "stx_size") : null });
        },
        ["conv.openat2_syscall"] = async r =>
        {
            object How() => r.ParameterType("how") is string type && type.Contains("open_how", StringComparison.Ordinal) ? r.NewArray("HeldOut.Conventions.open_how", 1) : new byte[24];
            string missing = Path.Combine(r.Directory, "conv-openat2-missing"), present = Path.Combine(r.Directory, "conv-openat2");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("openat2 of a missing path", r.Sync("Probe_openat2", missing),
                await r.Async(("number", 437L), ("dirfd", AtFdCwd), ("path", new PathArg(missing)), ("how", How()), ("size", 24L)));
            r.ExpectSame("openat2 of an existing file (0: a descriptor came back)", r.Sync("Probe_openat2", present),
                ClosedDescriptor(r, await r.Async(("number", 437L), ("dirfd", AtFdCwd), ("path", new PathArg(present)), ("how", How()), ("size", 24L))));
        },
        ["conv.mkdirat_default_mode"] = async r =>
        {
            string a = Path.Combine(r.Directory, "conv-mkdir-a"), b = Path.Combine(r.Directory, "conv-mkdir-b");
            r.ExpectSame("mkdirat with the default mode", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(b))));
            r.ExpectSame("mkdirat again (EEXIST)", r.Sync("Probe_mkdirat", a), await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(b))));
            r.ExpectSame("mode of the new directory", (long)File.GetUnixFileMode(a), new VariantOutcome(null, System.IO.Directory.Exists(b) ? (long)File.GetUnixFileMode(b) : -1, null, null));
        },
        ["conv.renameat2_default_flags"] = async r =>
        {
            string[] a = { "conv-rn-a1", "conv-rn-a2", "conv-rn-a3" }, b = { "conv-rn-b1", "conv-rn-b2", "conv-rn-b3" };
            foreach (string name in a.Take(2).Concat(b.Take(2)))
            {
                File.WriteAllBytes(Path.Combine(r.Directory, name), Content);
            }

            string P(string name) => Path.Combine(r.Directory, name);
            r.ExpectSame("renameat2 onto an existing file with the default RENAME_NOREPLACE", r.Sync("Probe_renameat2", P(a[0]), P(a[1])),
                await r.Async(("olddirfd", AtFdCwd), ("oldpath", new PathArg(P(b[0]))), ("newdirfd", AtFdCwd), ("newpath", new PathArg(P(b[1])))));
            r.ExpectSame("renameat2 to a new name", r.Sync("Probe_renameat2", P(a[0]), P(a[2])),
                await r.Async(("olddirfd", AtFdCwd), ("oldpath", new PathArg(P(b[0]))), ("newdirfd", AtFdCwd), ("newpath", new PathArg(P(b[2])))));
            r.ExpectSame("the renamed file exists", File.Exists(P(a[2])) ? 1 : 0, new VariantOutcome(null, File.Exists(P(b[2])) ? 1 : 0, null, null));
        },
        ["conv.openat_safehandle_result"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "conv-openat-missing"), present = Path.Combine(r.Directory, "conv-openat");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("openat of a missing path", r.Sync("Probe_openat", missing, OnlyRead),
                await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(missing)), ("flags", OnlyRead), ("mode", 0u)));
            VariantOutcome outcome = await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(present)), ("flags", OnlyRead), ("mode", 0u));
            r.ExpectSame("openat of an existing file (0: a valid handle came back)", r.Sync("Probe_openat", present, OnlyRead), ValidHandle(r, outcome));
        },
        ["conv.unlinkat_dir_handle"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "conv-unlinkat");
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, "a"), Content);
            File.WriteAllBytes(Path.Combine(directory, "b"), Content);
            int dirfd = (int)r.Sync("Probe_open_dir", directory);
            try
            {
                r.ExpectSame("unlinkat of a missing name", r.Sync("Probe_unlinkat", dirfd, "missing"),
                    await r.Async(("dirfd", dirfd), ("pathname", new PathArg("missing")), ("flags", 0)));
                r.ExpectSame("unlinkat of a file in the directory", r.Sync("Probe_unlinkat", dirfd, "a"),
                    await r.Async(("dirfd", dirfd), ("pathname", new PathArg("b")), ("flags", 0)));
                r.ExpectSame("the file is gone", File.Exists(Path.Combine(directory, "a")) ? 1 : 0, new VariantOutcome(null, File.Exists(Path.Combine(directory, "b")) ? 1 : 0, null, null));
            }
            finally
            {
                r.Sync("Probe_close", dirfd);
            }
        },
        ["conv.ordinary_ring_pread"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ring_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("count", 8L), ("offset", 0L)));
            int a = r.OpenFile("conv-pread-a", Content), b = r.OpenFile("conv-pread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at 5", r.Sync("Probe_ring_pread", a, syncBuffer, 5L), await r.Async(("fd", b), ("buffer", asyncBuffer), ("count", 10L), ("offset", 5L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["conv.ordinary_read_exactly"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_exactly", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("offset", 0L)));
            int a = r.OpenFile("conv-exact-a", Content), b = r.OpenFile("conv-exact-b", Content);
            byte[] syncBuffer = new byte[20], asyncBuffer = new byte[20];
            r.ExpectSame("ReadExactly 20 bytes at 30 (6 left in the file)", r.Sync("Probe_read_exactly", a, syncBuffer, 30L), await r.Async(("fd", b), ("buffer", asyncBuffer), ("offset", 30L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["conv.ordinary_seek_defaults"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_seek_end", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("conv-seek-a", Content), b = r.OpenFile("conv-seek-b", Content);
            r.ExpectSame("Seek(fd) with the defaults: the end of a " + Content.Length + "-byte file", r.Sync("Probe_seek_end", a), await r.Async(("fd", b)));
        },
        ["conv.ordinary_bool_exists"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "conv-exists-missing"), present = Path.Combine(r.Directory, "conv-exists");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("Exists of a missing path (false)", r.Sync("Probe_exists", missing), await r.Async(("path", new PathArg(missing))));
            r.ExpectSame("Exists of a file (true)", r.Sync("Probe_exists", present), await r.Async(("path", new PathArg(present))));
        },
        ["conv.interface_static"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_flush_interface", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("conv-iface-a", Content), b = r.OpenFile("conv-iface-b", Content);
            r.ExpectSame("fdatasync through an interface's static member", r.Sync("Probe_flush_interface", a), await r.Async(("fd", b)));
        },
        ["conv.nested_in_struct"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_flush_struct", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("conv-struct-a", Content), b = r.OpenFile("conv-struct-b", Content);
            r.ExpectSame("fdatasync in a class nested in a struct", r.Sync("Probe_flush_struct", a), await r.Async(("fd", b)));
        },
    };

    /// <summary>
    /// A call whose man page says it returns the error number: on a closed descriptor (EBADF), on a pipe (ESPIPE: a
    /// valid descriptor, so an errno left over from elsewhere cannot pass for the answer) and on a file (0).
    /// </summary>
    private static async Task ErrorNumberCall(HeldOutRun r, string probe, Func<int, (string, object?)[]> arguments)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd), await r.Async(arguments(HeldOutRun.NotAnOpenFd)));
        int[] pipe = new int[2];
        r.Sync("Probe_pipe", pipe);
        try
        {
            long sync = r.Sync(probe, pipe[1]);
            if (sync != -ESpipe)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": the sync probe on a pipe gave " + sync + ", not -ESPIPE; the run is wrong");
            }

            r.ExpectSame("on a pipe", sync, await r.Async(arguments(pipe[1])));
        }
        finally
        {
            r.Sync("Probe_close", pipe[0]);
            r.Sync("Probe_close", pipe[1]);
        }

        int a = r.OpenFile("errnum-a-" + r.Row.Case.Id, Content), b = r.OpenFile("errnum-b-" + r.Row.Case.Id, Content);
        r.ExpectSame("on a file", r.Sync(probe, a), await r.Async(arguments(b)));
    }

    /// <summary>
    /// The kernel writes the advanced offset back through an off_t pointer (sendfile, copy_file_range, splice); the docs
    /// say it comes back. A result without it loses what the kernel wrote.
    /// </summary>
    private static void ExpectAdvancedOffset(HeldOutRun r, VariantOutcome outcome, string name, long sync)
    {
        if (outcome.Other is not null || outcome.Errno is not null)
        {
            return;
        }

        long? written = HeldOutRun.Member(outcome.Result, name);
        r.Row.Runs.Add("advanced '" + name + "': sync " + sync + ", async " + (written?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not returned (" + outcome + ")"));
        if (written != sync)
        {
            r.Row.Problems.Add("'" + name + "': the kernel advanced it to " + sync + "; the variant " + (written is null ? "does not return it" : "returns " + written));
        }
    }

    private static async Task INotifyWatch(HeldOutRun r, string probe, string pathName)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, r.Directory), await r.Async(("fd", HeldOutRun.NotAnOpenFd), (pathName, new PathArg(r.Directory)), ("mask", (uint)InCreate)));
        int a = (int)r.Sync("Probe_inotify_init"), b = (int)r.Sync("Probe_inotify_init");
        try
        {
            string missing = Path.Combine(r.Directory, "inotify-missing"), watched = Path.Combine(r.Directory, "inotify-ü");
            System.IO.Directory.CreateDirectory(watched);
            r.ExpectSame("inotify_add_watch of a missing path", r.Sync(probe, a, missing), await r.Async(("fd", b), (pathName, new PathArg(missing)), ("mask", (uint)InCreate)));
            r.ExpectSame("inotify_add_watch of a directory (the watch descriptor)", r.Sync(probe, a, watched), await r.Async(("fd", b), (pathName, new PathArg(watched)), ("mask", (uint)InCreate)));
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    /// <summary>pipe/pipe2: both new descriptors must reach the caller (in the array passed, or in the result).</summary>
    private static async Task PipeRun(HeldOutRun r, string probe, params (string Name, object? Value)[] arguments)
    {
        int[] syncFds = new int[2];
        long sync = r.Sync(probe, syncFds);
        VariantOutcome outcome = await r.Async(arguments);
        r.ExpectSame("pipe", sync, outcome);
        int[] passed = arguments.Select(a => a.Value).OfType<int[]>().FirstOrDefault() ?? Array.Empty<int>();
        int[] got = passed.Length == 2 && passed[0] > 2 ? passed : FdsIn(outcome.Result);
        r.Row.Runs.Add("pipe descriptors: sync " + string.Join(",", syncFds) + ", async " + string.Join(",", got));
        if (got.Length != 2 || got[0] <= 2 || got[1] <= 2 || got[0] == got[1])
        {
            r.Row.Problems.Add("pipe: the two new descriptors are neither in the array passed nor in the result (descriptors leaked)");
        }

        foreach (int fd in syncFds.Concat(got).Where(fd => fd > 2).Distinct())
        {
            r.Sync("Probe_close", fd);
        }
    }

    /// <summary>Two descriptors in a result: an int[2], two int members, or a struct holding a fixed int[2].</summary>
    private static int[] FdsIn(object? result)
    {
        int[] found = FindFds(result);
        if (found.Length == 2 || result is null)
        {
            return found;
        }

        IEnumerable<object?> candidates = new[] { result }.Concat(result.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => p.GetValue(result)));
        foreach (object? candidate in candidates)
        {
            if (candidate is not null && candidate.GetType().IsValueType && !candidate.GetType().IsPrimitive && candidate.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public).Any(f => f.GetCustomAttribute<System.Runtime.CompilerServices.FixedBufferAttribute>() is not null))
            {
                IntPtr memory = Marshal.AllocHGlobal(Marshal.SizeOf(candidate.GetType()));
                try
                {
                    Marshal.StructureToPtr(candidate, memory, false);
                    return new[] { Marshal.ReadInt32(memory), Marshal.ReadInt32(memory, 4) };
                }
                finally
                {
                    Marshal.FreeHGlobal(memory);
                }
            }
        }

        return found;
    }

    /// <summary>A descriptor result as the probes count it: 0 for a valid descriptor (closed here), -errno otherwise.</summary>
    private static VariantOutcome ClosedDescriptor(HeldOutRun r, VariantOutcome outcome)
    {
        if (outcome.Number is long fd && fd > 2)
        {
            r.Sync("Probe_close", (int)fd);
            return outcome with { Number = 0 };
        }

        if (outcome.Result is SafeHandle)
        {
            return ValidHandle(r, outcome);
        }

        return outcome;
    }

    /// <summary>it_interval.tv_sec of an itimerspec in the result (the struct itself, or a member holding it).</summary>
    private static long? IntervalSeconds(object? result)
    {
        if (result is null)
        {
            return null;
        }

        object? spec = result.GetType().Name == "itimerspec" ? result
            : result.GetType().GetProperties().Select(p => p.GetIndexParameters().Length == 0 ? p.GetValue(result) : null).FirstOrDefault(v => v?.GetType().Name == "itimerspec");
        object? interval = spec?.GetType().GetField("it_interval")?.GetValue(spec);
        return interval?.GetType().GetField("tv_sec")?.GetValue(interval) is long seconds ? seconds : null;
    }
}
