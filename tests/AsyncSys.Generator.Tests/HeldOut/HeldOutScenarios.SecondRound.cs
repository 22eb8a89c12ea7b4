using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the second blind round (ClangSharp.case, Sockets.case, Modern.case, Ordinary.case),
/// written with the case files, before the generator was run on them.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int AtFdCwd = -100;
    private const int StatxSize = 0x200;
    private const int SolSocket = 1, SoReuseAddr = 2, SoType = 3, SoRcvBuf = 8;
    private const int EpollCtlAdd = 1;
    private const long Fionread = 0x541B;

    private static Dictionary<string, (string, string)> WithSecondRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["ClangSharp"] = (HeldOutProbes.ClangSharp, "");
        probes["Sockets"] = (HeldOutProbes.Sockets, HeldOutProbes.SocketsLibraryImport);
        probes["Modern"] = (HeldOutProbes.Modern, HeldOutProbes.ModernLibraryImport);
        probes["Ordinary"] = (HeldOutProbes.Ordinary, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithSecondRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ClangSharpRuns().Concat(SocketRuns()).Concat(ModernRuns()).Concat(OrdinaryRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ClangSharpRuns() => new()
    {
        ["clang.pread"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("__fd", HeldOutRun.NotAnOpenFd), ("__buf", new byte[8]), ("__nbytes", 8L), ("__offset", 0L)));
            int a = r.OpenFile("clang-pread-a", Content), b = r.OpenFile("clang-pread-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at 5", r.Sync("Probe_pread", a, syncBuffer, 5L),
                await r.Async(("__fd", b), ("__buf", asyncBuffer), ("__nbytes", 10L), ("__offset", 5L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["clang.pwrite"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("clangsharp");
            int a = r.OpenFile("clang-pwrite-a", Content), b = r.OpenFile("clang-pwrite-b", Content);
            r.ExpectSame("pwrite at 4", r.Sync("Probe_pwrite", a, data, 4L),
                await r.Async(("__fd", b), ("__buf", data), ("__n", (long)data.Length), ("__offset", 4L)));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "clang-pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "clang-pwrite-b")));
        },
        ["clang.unlink"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "clang-unlink-missing");
            r.ExpectSame("unlink of a missing path", r.Sync("Probe_unlink", missing), await r.Async(("__name", new PathArg(missing))));
            string a = Path.Combine(r.Directory, "clang-unlink-a"), b = Path.Combine(r.Directory, "clang-unlink-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            r.ExpectSame("unlink of a file", r.Sync("Probe_unlink", a), await r.Async(("__name", new PathArg(b))));
            if (File.Exists(b))
            {
                r.Row.Problems.Add("unlink: the variant left the file in place");
            }
        },
        ["clang.readlink"] = async r =>
        {
            string link = Path.Combine(r.Directory, "clang-link");
            File.CreateSymbolicLink(link, "target-of-the-clang-link");
            byte[] syncBuffer = new byte[64], asyncBuffer = new byte[64];
            r.ExpectSame("readlink", r.Sync("Probe_readlink", link, syncBuffer),
                await r.Async(("__path", new PathArg(link)), ("__buf", asyncBuffer), ("__len", 64L)));
            r.ExpectBytes("link target", syncBuffer, asyncBuffer);
        },
        ["clang.fstat"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fstat", HeldOutRun.NotAnOpenFd), await r.Async(("__fd", HeldOutRun.NotAnOpenFd)));
            int fd = r.OpenFile("clang-fstat", Content);
            VariantOutcome outcome = await r.Async(("__fd", fd));
            r.ExpectSame("fstat st_size of a " + Content.Length + "-byte file", r.Sync("Probe_fstat", fd),
                outcome with { Number = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "st_size") : null });
        },
        ["clang.statx"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "clang-statx-missing"), present = Path.Combine(r.Directory, "clang-statx");
            File.WriteAllBytes(present, Content);
            // A variant that takes the statx buffer as memory gets 256 bytes (struct statx); one that returns the struct gets none.
            byte[] buffer = new byte[256];
            r.ExpectSame("statx of a missing path", r.Sync("Probe_statx", missing),
                await r.Async(("__dirfd", AtFdCwd), ("__path", new PathArg(missing)), ("__flags", 0), ("__mask", (uint)StatxSize), ("__buf", new byte[256])));
            VariantOutcome outcome = await r.Async(("__dirfd", AtFdCwd), ("__path", new PathArg(present)), ("__flags", 0), ("__mask", (uint)StatxSize), ("__buf", buffer));
            long? size = BitConverter.ToInt64(buffer, 40) is long written && written != 0 ? written : HeldOutRun.Member(outcome.Result, "stx_size") ?? HeldOutRun.Member(outcome.Result, "Size");
            r.ExpectSame("statx stx_size of a " + Content.Length + "-byte file", r.Sync("Probe_statx", present),
                outcome with { Number = outcome.Other is null && outcome.Errno is null ? size : null });
        },
        ["clang.sendfile"] = async r =>
        {
            int inA = r.OpenFile("clang-sendfile-in-a", Content), inB = r.OpenFile("clang-sendfile-in-b", Content);
            int outA = r.OpenFile("clang-sendfile-out-a", Array.Empty<byte>()), outB = r.OpenFile("clang-sendfile-out-b", Array.Empty<byte>());
            r.ExpectSame("sendfile 10 bytes from offset 5", r.Sync("Probe_sendfile", outA, inA, 5L, 10L),
                await r.Async(("__out_fd", outB), ("__in_fd", inB), ("__offset", 5L), ("__count", 10L)));
            r.ExpectBytes("sendfile output file", File.ReadAllBytes(Path.Combine(r.Directory, "clang-sendfile-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "clang-sendfile-out-b")));
        },
        ["clang.copy_file_range"] = async r =>
        {
            int inA = r.OpenFile("clang-cfr-in-a", Content), inB = r.OpenFile("clang-cfr-in-b", Content);
            int outA = r.OpenFile("clang-cfr-out-a", Content), outB = r.OpenFile("clang-cfr-out-b", Content);
            r.ExpectSame("copy_file_range 8 bytes from 3 to 20", r.Sync("Probe_copy_file_range", inA, 3L, outA, 20L, 8L),
                await r.Async(("__infd", inB), ("__pinoff", 3L), ("__outfd", outB), ("__poutoff", 20L), ("__length", 8L), ("__flags", 0u)));
            r.ExpectBytes("copy_file_range output file", File.ReadAllBytes(Path.Combine(r.Directory, "clang-cfr-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "clang-cfr-out-b")));
        },
        ["clang.readv"] = async r =>
        {
            int a = r.OpenFile("clang-readv-a", Content), b = r.OpenFile("clang-readv-b", Content);
            byte[] syncFirst = new byte[4], syncSecond = new byte[6], asyncFirst = new byte[4], asyncSecond = new byte[6];
            r.ExpectSame("readv into 4 + 6 bytes", r.Sync("Probe_readv", a, syncFirst, syncSecond),
                await r.Async(("__fd", b), ("__iovec", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("__count", 2)));
            r.ExpectBytes("first segment", syncFirst, asyncFirst);
            r.ExpectBytes("second segment", syncSecond, asyncSecond);
        },
        ["clang.getrandom"] = async r =>
            r.ExpectSame("getrandom 16 bytes", r.Sync("Probe_getrandom", new byte[16]),
                await r.Async(("__buffer", new byte[16]), ("__length", 16L), ("__flags", 0u))),
        ["clang.getsockopt"] = async r =>
        {
            using Socket socket = Udp(bind: false);
            int fd = (int)socket.Handle;
            byte[] syncValue = new byte[4], asyncValue = new byte[4];
            long sync = r.Sync("Probe_getsockopt_type", fd, syncValue);
            VariantOutcome outcome = await r.Async(("__fd", fd), ("__level", SolSocket), ("__optname", SoType), ("__optval", asyncValue), ("__optlen", 4L));
            r.ExpectSame("getsockopt SO_TYPE: the option's length", sync, outcome with { Number = LengthOf(outcome, "__optlen") });
            r.ExpectBytes("SO_TYPE value", syncValue, asyncValue);
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> SocketRuns() => new()
    {
        ["sock.setsockopt_ref"] = async r =>
        {
            using Socket a = Udp(bind: false), b = Udp(bind: false);
            r.ExpectSame("setsockopt SO_REUSEADDR 1", r.Sync("Probe_setsockopt_ref", (int)a.Handle, 1),
                await r.Async(("socket", (int)b.Handle), ("level", SolSocket), ("option_name", SoReuseAddr), ("option_value", 1), ("option_len", 4u)));
            r.ExpectSame("SO_REUSEADDR read back", r.Sync("Probe_get_int_option", (int)a.Handle, SoReuseAddr),
                new VariantOutcome(null, r.Sync("Probe_get_int_option", (int)b.Handle, SoReuseAddr), null, null));
        },
        ["sock.setsockopt_intptr"] = async r =>
        {
            using Socket a = Udp(bind: false), b = Udp(bind: false);
            object value = r.ParameterType("option_value") is string type && type.Contains("int", StringComparison.Ordinal) ? new[] { 65536 } : BitConverter.GetBytes(65536);
            r.ExpectSame("setsockopt SO_RCVBUF 65536", r.Sync("Probe_setsockopt_ptr", (int)a.Handle, 65536),
                await r.Async(("socket", (int)b.Handle), ("level", SolSocket), ("option_name", SoRcvBuf), ("option_value", value), ("option_len", 4u)));
            r.ExpectSame("SO_RCVBUF read back", r.Sync("Probe_get_int_option", (int)a.Handle, SoRcvBuf),
                new VariantOutcome(null, r.Sync("Probe_get_int_option", (int)b.Handle, SoRcvBuf), null, null));
        },
        ["sock.getsockopt_out"] = async r =>
        {
            using Socket socket = Udp(bind: false);
            VariantOutcome outcome = await r.Async(("socket", (int)socket.Handle), ("level", SolSocket), ("option_name", SoType), ("option_len", 4));
            long? value = outcome.Other is null && outcome.Errno is null ? (outcome.Result is int or long ? outcome.Number : HeldOutRun.Member(outcome.Result, "option_value")) : null;
            r.ExpectSame("getsockopt SO_TYPE of a UDP socket (the value written)", r.Sync("Probe_get_int_option", (int)socket.Handle, SoType), outcome with { Number = value ?? outcome.Number });
        },
        ["sock.socketpair_ptr"] = async r =>
        {
            int[] syncFds = new int[2];
            long sync = r.Sync("Probe_socketpair", syncFds);
            VariantOutcome outcome = await r.Async(("domain", 1), ("type", 1 | OCloexec), ("protocol", 0));
            r.ExpectSame("socketpair", sync, outcome);
            int[] got = FindFds(outcome.Result);
            r.Row.Runs.Add("socketpair descriptors: sync " + string.Join(",", syncFds) + ", async " + string.Join(",", got));
            if (got.Length != 2 || got[0] <= 2 || got[1] <= 2 || got[0] == got[1])
            {
                r.Row.Problems.Add("socketpair: the two new descriptors are not in the result (descriptors leaked)");
            }

            foreach (int fd in syncFds.Concat(got).Where(fd => fd > 2))
            {
                r.Sync("Probe_close", fd);
            }
        },
        ["sock.accept4_safehandle"] = async r =>
            r.ExpectBadFd(r.Sync("Probe_accept4", HeldOutRun.NotAnOpenFd),
                await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("address", new byte[16]), ("address_len", 16u), ("flags", 0))),
        ["sock.recv_enum_default"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            int fd = (int)receiver.Handle;
            sender.SendTo(Encoding.ASCII.GetBytes("datagram-one"), receiver.LocalEndPoint!);
            byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32];
            long sync = r.Sync("Probe_recv", fd, syncBuffer);
            sender.SendTo(Encoding.ASCII.GetBytes("datagram-one"), receiver.LocalEndPoint!);
            r.ExpectSame("recv a datagram with the default flags", sync, await r.Async(("socket", fd), ("buffer", asyncBuffer), ("length", 32L)));
            r.ExpectBytes("received data", syncBuffer, asyncBuffer);
        },
        ["sock.send_optional"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("send on a connected UDP socket, flags omitted", r.Sync("Probe_send", fd, Encoding.ASCII.GetBytes("sync-")),
                await r.Async(("socket", fd), ("buffer", Encoding.ASCII.GetBytes("async")), ("length", 5L)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["sock.sendto_nullable"] = async r =>
        {
            using Socket receiver = Udp(bind: true), sender = Udp(bind: false);
            sender.Connect(receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("sendto with a null address on a connected socket", r.Sync("Probe_sendto_null", fd, Encoding.ASCII.GetBytes("sync-")),
                await r.Async(("socket", fd), ("message", Encoding.ASCII.GetBytes("async")), ("length", 5L), ("flags", 0), ("dest_addr", null), ("dest_len", 0)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["sock.epoll_ctl_ref"] = async r =>
        {
            int epA = (int)r.Sync("Probe_epoll_create"), epB = (int)r.Sync("Probe_epoll_create"), efd = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                r.ExpectSame("EPOLL_CTL_ADD of an eventfd", r.Sync("Probe_epoll_ctl_add", epA, efd), await r.Async(("epfd", epB), ("op", EpollCtlAdd), ("fd", efd), ("event", null)));
                r.ExpectSame("EPOLL_CTL_ADD again (EEXIST)", r.Sync("Probe_epoll_ctl_add", epA, efd), await r.Async(("epfd", epB), ("op", EpollCtlAdd), ("fd", efd), ("event", null)));
            }
            finally
            {
                r.Sync("Probe_close", epA);
                r.Sync("Probe_close", epB);
                r.Sync("Probe_close", efd);
            }
        },
        ["sock.eventfd_read_out"] = r => EventCounter(r, "Probe_eventfd_read", "value"),
        ["sock.read_counter_out"] = async r =>
        {
            int a = (int)r.Sync("Probe_eventfd", 7), b = (int)r.Sync("Probe_eventfd", 7);
            try
            {
                VariantOutcome outcome = await r.Async(("fd", b), ("size", 8L));
                r.Row.Runs.Add("read(2) of an eventfd holding 7: async " + outcome);
                r.ExpectSame("read(2) of an eventfd holding 7 (the counter written into 'value')", r.Sync("Probe_read_counter", a),
                    outcome with { Number = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "value") : null });
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["sock.write_counter_ref"] = async r =>
        {
            int a = (int)r.Sync("Probe_eventfd", 0), b = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                r.ExpectSame("write(2) of 3 to an eventfd", r.Sync("Probe_write_counter", a, 3L), await r.Async(("fd", b), ("value", 3UL), ("size", 8L)));
                r.ExpectSame("the eventfd's counter afterwards", r.Sync("Probe_read_counter", a), new VariantOutcome(null, r.Sync("Probe_read_counter", b), null, null));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ModernRuns() => new()
    {
        ["modern.record_static"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fdatasync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("modern-fdatasync-a", Content), b = r.OpenFile("modern-fdatasync-b", Content);
            r.ExpectSame("fdatasync of a file", r.Sync("Probe_fdatasync", a), await r.Async(("fd", b)));
        },
        ["modern.record_struct_static"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_syncfs", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("modern-syncfs-a", Content), b = r.OpenFile("modern-syncfs-b", Content);
            r.ExpectSame("syncfs of a file's file system", r.Sync("Probe_syncfs", a), await r.Async(("fd", b)));
        },
        ["modern.nullable_disabled_region"] = async r =>
        {
            string path = Path.Combine(r.Directory, "modern-xattr");
            File.WriteAllBytes(path, Content);
            long set = r.Sync("Probe_setxattr", path, "user.heldout", Encoding.ASCII.GetBytes("attribute-value"));
            r.Row.Runs.Add("setxattr user.heldout: " + set);
            byte[] syncValue = new byte[64], asyncValue = new byte[64];
            r.ExpectSame("getxattr of user.heldout", r.Sync("Probe_getxattr", path, "user.heldout", syncValue),
                await r.Async(("path", new PathArg(path)), ("name", new PathArg("user.heldout")), ("value", asyncValue), ("size", 64L)));
            r.ExpectBytes("attribute value", syncValue, asyncValue);
        },
        ["modern.nullable_value"] = async r =>
        {
            string path = Path.Combine(r.Directory, "modern-lxattr");
            File.WriteAllBytes(path, Content);
            r.Row.Runs.Add("setxattr user.heldout: " + r.Sync("Probe_setxattr", path, "user.heldout", Encoding.ASCII.GetBytes("twelve bytes")));
            r.ExpectSame("lgetxattr with a NULL value: the attribute's size", r.Sync("Probe_lgetxattr_size", path, "user.heldout"),
                await r.Async(("path", new PathArg(path)), ("name", new PathArg("user.heldout")), ("value", null), ("size", 0L)));
        },
        ["modern.keyword_params"] = async r =>
        {
            int inA = r.OpenFile("modern-sendfile-in-a", Content), inB = r.OpenFile("modern-sendfile-in-b", Content);
            int outA = r.OpenFile("modern-sendfile-out-a", Array.Empty<byte>()), outB = r.OpenFile("modern-sendfile-out-b", Array.Empty<byte>());
            r.ExpectSame("sendfile 10 bytes from offset 5", r.Sync("Probe_sendfile_keywords", outA, inA, 5L, 10L),
                await r.Async(("out", outB), ("in", inB), ("offset", 5L), ("count", 10L)));
            r.ExpectBytes("sendfile output file", File.ReadAllBytes(Path.Combine(r.Directory, "modern-sendfile-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "modern-sendfile-out-b")));
        },
        ["modern.param_named_state"] = async r =>
        {
            using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
            using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, server.ClientSafePipeHandle);
            server.Write(Content, 0, 3);
            server.Flush();
            int fd = (int)client.SafePipeHandle.DangerousGetHandle();
            VariantOutcome outcome = await r.Async(("fd", fd), ("request", Fionread));
            long? count = outcome.Other is null && outcome.Errno is null ? (outcome.Result is int or long ? outcome.Number : HeldOutRun.Member(outcome.Result, "state")) : null;
            r.ExpectSame("FIONREAD on a pipe holding 3 bytes (the value written into 'state')", r.Sync("Probe_ioctl_state", fd), outcome with { Number = count ?? outcome.Number });
        },
        ["modern.param_named_result"] = r => EventCounter(r, "Probe_eventfd_read_result", "result"),
        ["modern.const_entry_point"] = r => PRead(r, "buffer", "count", "Probe_readat"),
        ["modern.params_ordinary"] = async r =>
        {
            byte[] first = Encoding.ASCII.GetBytes("first,"), second = Encoding.ASCII.GetBytes("second");
            r.ExpectBadFd(r.Sync("Probe_write_chunks", HeldOutRun.NotAnOpenFd, first, second),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("chunks", new[] { first, second })));
            int a = r.OpenFile("modern-chunks-a", Array.Empty<byte>()), b = r.OpenFile("modern-chunks-b", Array.Empty<byte>());
            r.ExpectSame("two chunks written", r.Sync("Probe_write_chunks", a, first, second), await r.Async(("fd", b), ("chunks", new[] { first, second })));
            r.ExpectBytes("file after the chunks", File.ReadAllBytes(Path.Combine(r.Directory, "modern-chunks-a")), File.ReadAllBytes(Path.Combine(r.Directory, "modern-chunks-b")));
        },
        ["modern.split_partial"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("split");
            int a = r.OpenFile("modern-split-a", Content), b = r.OpenFile("modern-split-b", Content);
            r.ExpectSame("pwrite at 2", r.Sync("Probe_pwrite_split", a, data, 2L), await r.Async(("fd", b), ("buffer", data), ("count", (long)data.Length), ("offset", 2L)));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "modern-split-a")), File.ReadAllBytes(Path.Combine(r.Directory, "modern-split-b")));
        },
        ["modern.nested_private_default"] = async r =>
        {
            int a = r.OpenFile("modern-nested-a", Content), b = r.OpenFile("modern-nested-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread 10 bytes at the default offset 0", r.Sync("Probe_nested_pread", a, syncBuffer), await r.Async(("fd", b), ("buffer", asyncBuffer), ("count", 10L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> OrdinaryRuns() => new()
    {
        ["ord.close_disposes"] = async r =>
        {
            string path = Path.Combine(r.Directory, "ord-close");
            File.WriteAllBytes(path, Content);
            SafeFileHandle syncHandle = File.OpenHandle(path), asyncHandle = File.OpenHandle(path);
            r.Track(syncHandle);
            r.Track(asyncHandle);
            long sync = r.Sync("Probe_close", syncHandle);
            VariantOutcome outcome = await r.Async(("handle", asyncHandle));
            r.Row.Runs.Add("Close(handle): sync " + (sync == 0 ? "closed the SafeHandle" : "left it open") + ", async " + outcome + ", handle " + (asyncHandle.IsClosed ? "closed" : "open"));
            if (outcome.Other is not null || outcome.Errno is not null)
            {
                r.Row.Problems.Add("Close: the wrapper succeeds, the variant " + outcome);
            }

            if (!asyncHandle.IsClosed)
            {
                r.Row.Problems.Add("Close: after the variant the SafeFileHandle is still open (the wrapper disposes it); whatever the variant did to its descriptor, the handle would close that number again later");
                asyncHandle.SetHandleAsInvalid();
            }
        },
        ["ord.open_fileaccess"] = async r =>
        {
            string path = Path.Combine(r.Directory, "ord-open");
            File.WriteAllBytes(path, Content);
            long syncFd = r.Sync("Probe_open", path, (int)FileAccess.Read);
            VariantOutcome outcome = await r.Async(("path", new PathArg(path)), ("access", (int)FileAccess.Read));
            long? asyncFd = outcome.Number;
            r.Row.Runs.Add("Open(path, FileAccess.Read): sync fd " + syncFd + ", async " + outcome);
            byte[] syncBuffer = new byte[4], asyncBuffer = new byte[4];
            long syncRead = syncFd >= 0 ? r.Sync("Probe_read_fd", (int)syncFd, syncBuffer) : syncFd;
            long asyncRead = asyncFd is long fd && fd >= 0 ? r.Sync("Probe_read_fd", (int)fd, asyncBuffer) : asyncFd ?? -1;
            r.ExpectSame("reading 4 bytes from the descriptor Open returned", syncRead, new VariantOutcome(null, asyncRead, null, null));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
            foreach (long opened in new[] { syncFd, asyncFd ?? -1 }.Where(n => n > 2))
            {
                r.Sync("Probe_close_fd", (int)opened);
            }
        },
        ["ord.write_framed"] = async r =>
        {
            byte[] payload = Encoding.ASCII.GetBytes("payload");
            int a = r.OpenFile("ord-framed-a", Array.Empty<byte>()), b = r.OpenFile("ord-framed-b", Array.Empty<byte>());
            r.ExpectSame("Write(fd, payload)", r.Sync("Probe_write", a, payload), await r.Async(("fd", b), ("payload", payload)));
            r.ExpectBytes("file after Write", File.ReadAllBytes(Path.Combine(r.Directory, "ord-framed-a")), File.ReadAllBytes(Path.Combine(r.Directory, "ord-framed-b")));
        },
        ["ord.read_negative_errno"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read_negative", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("handle", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("offset", 0L)));
            int a = r.OpenFile("ord-readneg-a", Content), b = r.OpenFile("ord-readneg-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("read 10 bytes at 5", r.Sync("Probe_read_negative", a, syncBuffer, 5L), await r.Async(("handle", b), ("buffer", asyncBuffer), ("offset", 5L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["ord.flush_throws"] = async r =>
        {
            long sync = r.Sync("Probe_flush", HeldOutRun.NotAnOpenFd);
            VariantOutcome outcome = await r.Async(("handle", HeldOutRun.NotAnOpenFd));
            r.Row.Runs.Add("FlushToDisk of a closed descriptor: sync threw IOException " + -sync + ", async " + outcome);
            if (outcome.Other is not IOException { HResult: var code } || code != -sync)
            {
                r.Row.Problems.Add("FlushToDisk: the wrapper throws IOException(HResult " + -sync + ") on a closed descriptor, the variant " + outcome);
            }
        },
        ["ord.trylock_bool"] = async r =>
        {
            r.ExpectSame("TryLockExclusive of a closed descriptor (false)", r.Sync("Probe_trylock", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("ord-lock-a", Content), b = r.OpenFile("ord-lock-b", Content);
            r.ExpectSame("TryLockExclusive of a new file (true)", r.Sync("Probe_trylock", a), await r.Async(("fd", b)));
        },
        ["ord.open_returns_safehandle"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "ord-open-missing"), present = Path.Combine(r.Directory, "ord-open-present");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("open of a missing path", r.Sync("Probe_open_handle", missing, OCloexec), await r.Async(("path", new PathArg(missing)), ("flags", OCloexec), ("mode", 0)));
            VariantOutcome outcome = await r.Async(("path", new PathArg(present)), ("flags", OCloexec), ("mode", 0));
            r.ExpectSame("open of an existing file (0: a valid handle came back)", r.Sync("Probe_open_handle", present, OCloexec), ValidHandle(r, outcome));
        },
        ["ord.eventfd_returns_safehandle"] = async r =>
        {
            r.ExpectSame("eventfd with invalid flags", r.Sync("Probe_create_event", 0x7fffffff), await r.Async(("initval", 0u), ("flags", 0x7fffffff)));
            VariantOutcome outcome = await r.Async(("initval", 0u), ("flags", OCloexec));
            r.ExpectSame("eventfd (0: a valid handle came back)", r.Sync("Probe_create_event", OCloexec), ValidHandle(r, outcome));
        },
        ["ord.getrandom_guid"] = async r =>
        {
            object buffer = r.ParameterType("buffer") is string type && type.Contains("Guid", StringComparison.Ordinal) ? new Guid[1] : new byte[16];
            r.ExpectSame("getrandom into one Guid (16 bytes)", r.Sync("Probe_getrandom_guid"), await r.Async(("buffer", buffer), ("length", 16L), ("flags", 0u)));
        },
        ["ord.pwrite_longs"] = async r =>
        {
            int a = r.OpenFile("ord-longs-a", Array.Empty<byte>()), b = r.OpenFile("ord-longs-b", Array.Empty<byte>());
            object values = r.ParameterType("values") is string type && type.Contains("long", StringComparison.Ordinal) ? new long[] { 1, 2 } : BitConverter.GetBytes(1L).Concat(BitConverter.GetBytes(2L)).ToArray();
            r.ExpectSame("pwrite of two longs (16 bytes)", r.Sync("Probe_pwrite_longs", a, 1L, 2L), await r.Async(("fd", b), ("values", values), ("byteCount", 16L), ("offset", 0L)));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "ord-longs-a")), File.ReadAllBytes(Path.Combine(r.Directory, "ord-longs-b")));
        },
        ["ord.gethostname_fixed_struct"] = async r =>
        {
            object name = r.ParameterType("name") is string type && type.Contains("HostNameBuffer", StringComparison.Ordinal) ? r.NewArray("HeldOut.Ordinary.HostNameBuffer", 1) : new byte[65];
            r.ExpectSame("gethostname into a 65-byte struct", r.Sync("Probe_gethostname_struct", new byte[65]), await r.Async(("name", name), ("len", 65L)));
        },
        ["ord.readv_mono_iovec"] = async r =>
        {
            int a = r.OpenFile("ord-readv-a", Content), b = r.OpenFile("ord-readv-b", Content);
            byte[] syncFirst = new byte[5], syncSecond = new byte[7], asyncFirst = new byte[5], asyncSecond = new byte[7];
            r.ExpectSame("readv into 5 + 7 bytes", r.Sync("Probe_readv", a, syncFirst, syncSecond),
                await r.Async(("fd", b), ("iov", new[] { new Memory<byte>(asyncFirst), new Memory<byte>(asyncSecond) }), ("iovcnt", 2)));
            r.ExpectBytes("first segment", syncFirst, asyncFirst);
            r.ExpectBytes("second segment", syncSecond, asyncSecond);
        },
        ["ord.statx_bytes"] = async r =>
        {
            string present = Path.Combine(r.Directory, "ord-statx");
            File.WriteAllBytes(present, Content);
            byte[] buffer = new byte[256];
            VariantOutcome outcome = await r.Async(("dirfd", AtFdCwd), ("pathname", new PathArg(present)), ("flags", 0), ("mask", (uint)StatxSize), ("statxbuf", buffer));
            long? size = outcome.Other is null && outcome.Errno is null ? (BitConverter.ToInt64(buffer, 40) is long written && written != 0 ? written : HeldOutRun.Member(outcome.Result, "Size")) : null;
            r.ExpectSame("statx stx_size of a " + Content.Length + "-byte file", r.Sync("Probe_statx_size", present), outcome with { Number = size ?? outcome.Number });
        },
    };

    /// <summary>eventfd_read into an out parameter: a failure on a closed descriptor, then the counter of an eventfd holding 5.</summary>
    private static async Task EventCounter(HeldOutRun r, string probe, string outName)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        int a = (int)r.Sync("Probe_eventfd", 5), b = (int)r.Sync("Probe_eventfd", 5);
        try
        {
            VariantOutcome outcome = await r.Async(("fd", b));
            long? value = outcome.Other is null && outcome.Errno is null ? (outcome.Result is ulong or long or int ? outcome.Number : HeldOutRun.Member(outcome.Result, outName)) : null;
            r.ExpectSame("eventfd_read of an eventfd holding 5 (the value written into '" + outName + "')", r.Sync(probe, a), outcome with { Number = value ?? outcome.Number });
        }
        finally
        {
            r.Sync("Probe_close", a);
            r.Sync("Probe_close", b);
        }
    }

    /// <summary>The datagrams a receiver got (both the sync and the variant's must arrive).</summary>
    private static void ExpectDatagrams(HeldOutRun r, Socket receiver, string expected)
    {
        var received = new List<string>();
        receiver.ReceiveTimeout = 1000;
        byte[] buffer = new byte[64];
        try
        {
            for (int i = 0; i < 2; i++)
            {
                received.Add(Encoding.ASCII.GetString(buffer, 0, receiver.Receive(buffer)));
            }
        }
        catch (SocketException)
        {
            // Fewer datagrams than sent: reported below.
        }

        r.Row.Runs.Add("datagrams received: " + string.Join(", ", received));
        if (!received.Contains(expected))
        {
            r.Row.Problems.Add("the variant's datagram never arrived");
        }
    }

    /// <summary>A handle result as the probes count it: 0 for a valid handle (disposed here), the descriptor number otherwise.</summary>
    private static VariantOutcome ValidHandle(HeldOutRun r, VariantOutcome outcome)
    {
        if (outcome.Result is System.Runtime.InteropServices.SafeHandle handle)
        {
            bool valid = !handle.IsInvalid;
            handle.Dispose();
            return outcome with { Number = valid ? 0 : -1 };
        }

        r.Row.Notes.Add("the variant returns " + outcome + " where the wrapper returns a SafeHandle");
        return outcome;
    }

    /// <summary>The option length a getsockopt variant gives back: the result itself, or a member named like the length parameter.</summary>
    private static long? LengthOf(VariantOutcome outcome, string name) =>
        outcome.Other is not null || outcome.Errno is not null ? null
        : outcome.Result is int or long or uint or nint ? outcome.Number
        : HeldOutRun.Member(outcome.Result, name) ?? outcome.Number;
}
