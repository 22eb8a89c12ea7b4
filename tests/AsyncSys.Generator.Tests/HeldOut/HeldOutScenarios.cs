using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs: for each <c>e2e</c> row, the variant and the sync wrapper on the real kernel, on closed
/// descriptors (a failure must become ErrnoException, never a success value) and on real files, directories
/// and UDP sockets (same result, same errno, same bytes in output buffers and addresses).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int ODirectory = 0x10000;
    private const int FGetFd = 1;
    private const int LockExclusive = 2;
    private const int SeekSet = 0;
    private const int FadviseSequential = 2;
    private const int OCloexec = 0x80000;
    private static readonly byte[] Content = Encoding.ASCII.GetBytes("0123456789abcdefghijklmnopqrstuvwxyz");

    /// <summary>The probe source of each case file that has runs.</summary>
    public static readonly IReadOnlyDictionary<string, (string Probes, string LibraryImportProbes)> Probes = WithThirtySeventhRoundProbes(WithThirtySixthRoundProbes(WithThirtyFifthRoundProbes(WithThirtyFourthRoundProbes(WithThirtyThirdRoundProbes(WithThirtySecondRoundProbes(WithThirtyFirstRoundProbes(WithThirtiethRoundProbes(WithTwentyNinthRoundProbes(WithTwentyEighthRoundProbes(WithTwentySeventhRoundProbes(WithTwentySixthRoundProbes(WithTwentyFifthRoundProbes(WithTwentyFourthRoundProbes(WithTwentyThirdRoundProbes(WithTwentySecondRoundProbes(WithTwentyFirstRoundProbes(WithTwentiethRoundProbes(WithNineteenthRoundProbes(WithEighteenthRoundProbes(WithSeventeenthRoundProbes(WithSixteenthRoundProbes(WithFifteenthRoundProbes(WithFourteenthRoundProbes(WithThirteenthRoundProbes(WithTwelfthRoundProbes(WithEleventhRoundProbes(WithTenthRoundProbes(WithNinthRoundProbes(WithEighthRoundProbes(WithSeventhRoundProbes(WithSixthRoundProbes(WithFifthRoundProbes(WithFourthRoundProbes(WithThirdRoundProbes(WithSecondRoundProbes(new Dictionary<string, (string, string)>
    {
        ["MonoPosix"] = (HeldOutProbes.MonoPosix, ""),
        ["TmdsLibC"] = (HeldOutProbes.TmdsLibC, ""),
        ["CorefxLibc"] = (HeldOutProbes.CorefxLibc, ""),
        ["Storage"] = (HeldOutProbes.Storage, HeldOutProbes.StorageLibraryImport),
        ["Legacy"] = (HeldOutProbes.Legacy, ""),
        ["Net"] = (HeldOutProbes.Net, HeldOutProbes.NetLibraryImport),
        ["Collide"] = (HeldOutProbes.Collide, ""),
        ["Marked"] = (HeldOutProbes.Marked, ""),
        ["RuntimeInterop"] = ("", HeldOutProbes.RuntimeInteropLibraryImport),
    }))))))))))))))))))))))))))))))))))));

    public static readonly IReadOnlyDictionary<string, Func<HeldOutRun, Task>> ByCase = WithThirtySeventhRoundRuns(WithThirtySixthRoundRuns(WithThirtyFifthRoundRuns(WithThirtyFourthRoundRuns(WithThirtyThirdRoundRuns(WithThirtySecondRoundRuns(WithThirtyFirstRoundRuns(WithThirtiethRoundRuns(WithTwentyNinthRoundRuns(WithTwentyEighthRoundRuns(WithTwentySeventhRoundRuns(WithTwentySixthRoundRuns(WithTwentyFifthRoundRuns(WithTwentyFourthRoundRuns(WithTwentyThirdRoundRuns(WithTwentySecondRoundRuns(WithTwentyFirstRoundRuns(WithTwentiethRoundRuns(WithNineteenthRoundRuns(WithEighteenthRoundRuns(WithSeventeenthRoundRuns(WithSixteenthRoundRuns(WithFifteenthRoundRuns(WithFourteenthRoundRuns(WithThirteenthRoundRuns(WithTwelfthRoundRuns(WithEleventhRoundRuns(WithTenthRoundRuns(WithNinthRoundRuns(WithEighthRoundRuns(WithSeventhRoundRuns(WithSixthRoundRuns(WithFifthRoundRuns(WithFourthRoundRuns(WithThirdRoundRuns(WithSecondRoundRuns(new Dictionary<string, Func<HeldOutRun, Task>>
    {
        ["mono.gethostname"] = r => HostName(r, "Probe_gethostname", "name", "len", (ulong)256),
        ["mono.posix_fadvise"] = async r => r.ExpectBadFd(r.Sync("Probe_posix_fadvise", HeldOutRun.NotAnOpenFd),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential))),
        ["mono.posix_fallocate"] = async r => r.ExpectBadFd(r.Sync("Probe_posix_fallocate", HeldOutRun.NotAnOpenFd, (ulong)4096),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 4096L))),

        ["tmds.read"] = async r => r.ExpectBadFd(r.Sync("Probe_read", HeldOutRun.NotAnOpenFd, new byte[8]),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L))),
        ["tmds.pread"] = r => PRead(r, "buf", "count"),
        ["tmds.readlink"] = r => ReadLink(r, "pathname", "buf", "bufsize"),
        ["tmds.gethostname"] = r => HostName(r, "Probe_gethostname", "name", "len", 256L),
        ["tmds.lseek"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_lseek", HeldOutRun.NotAnOpenFd, 5L, SeekSet),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 5L), ("whence", SeekSet)));
            int a = r.OpenFile("lseek-a", Content), b = r.OpenFile("lseek-b", Content);
            r.ExpectSame("lseek to 5", r.Sync("Probe_lseek", a, 5L, SeekSet), await r.Async(("fd", b), ("offset", 5L), ("whence", SeekSet)));
        },
        ["tmds.ftruncate"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ftruncate", HeldOutRun.NotAnOpenFd, 7L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 7L)));
            int a = r.OpenFile("trunc-a", Content), b = r.OpenFile("trunc-b", Content);
            r.ExpectSame("ftruncate to 7", r.Sync("Probe_ftruncate", a, 7L), await r.Async(("fd", b), ("length", 7L)));
            r.ExpectSame("file length after ftruncate", new FileInfo(Path.Combine(r.Directory, "trunc-a")).Length,
                new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, "trunc-b")).Length, null, null));
        },
        ["tmds.posix_fallocate"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_posix_fallocate", HeldOutRun.NotAnOpenFd, 0L, 4096L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("falloc-a", Array.Empty<byte>()), b = r.OpenFile("falloc-b", Array.Empty<byte>());
            r.ExpectSame("posix_fallocate 4096 bytes", r.Sync("Probe_posix_fallocate", a, 0L, 4096L), await r.Async(("fd", b), ("offset", 0L), ("len", 4096L)));
            r.ExpectSame("file length after posix_fallocate", new FileInfo(Path.Combine(r.Directory, "falloc-a")).Length,
                new VariantOutcome(null, new FileInfo(Path.Combine(r.Directory, "falloc-b")).Length, null, null));
        },
        ["tmds.posix_fadvise"] = async r => r.ExpectBadFd(r.Sync("Probe_posix_fadvise", HeldOutRun.NotAnOpenFd, FadviseSequential),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential))),

        ["corefx.read"] = async r => r.ExpectBadFd(r.Sync("Probe_read", HeldOutRun.NotAnOpenFd, new byte[8]),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L))),
        ["corefx.pread"] = r => PRead(r, "buf", "count"),
        ["corefx.gethostname"] = r => HostName(r, "Probe_gethostname", "name", "len", 256),
        ["corefx.posix_fadvise"] = async r => r.ExpectBadFd(r.Sync("Probe_posix_fadvise", HeldOutRun.NotAnOpenFd),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 0L), ("advice", FadviseSequential))),
        ["corefx.readlink"] = r => ReadLink(r, "path", "buf", "bufsize"),

        ["storage.pwrite64_array"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("held-out pwrite");
            int a = r.OpenFile("pwrite-a", Content), b = r.OpenFile("pwrite-b", Content);
            r.ExpectSame("pwrite at 3", r.Sync("Probe_pwrite", a, data, 3L), await r.Async(("fd", b), ("buffer", data), ("count", (long)data.Length), ("offset", 3L)));
            r.ExpectBytes("file after pwrite", File.ReadAllBytes(Path.Combine(r.Directory, "pwrite-a")), File.ReadAllBytes(Path.Combine(r.Directory, "pwrite-b")));
        },
        ["storage.pread64_array"] = r => PRead(r, "buffer", "count", "Probe_pread"),
        ["storage.pread64_span"] = r => PRead(r, "buffer", "count", "Probe_pread64_span"),
        ["storage.fallocate"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("fallocate-a", Array.Empty<byte>()), b = r.OpenFile("fallocate-b", Array.Empty<byte>());
            r.ExpectSame("fallocate 4096 bytes", r.Sync("Probe_fallocate", a), await r.Async(("fd", b), ("mode", 0), ("offset", 0L), ("len", 4096L)));
        },
        ["storage.fsync_intptr"] = async r => r.ExpectBadFd(r.Sync("Probe_fsync_intptr", (nint)HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd))),
        ["rt.pread"] = r => PRead(r, "buffer", "bufferSize", "Probe_PRead", "fileOffset"),
        ["rt.ftruncate"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_FTruncate", HeldOutRun.NotAnOpenFd, 7L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 7L)));
            int a = r.OpenFile("rt-trunc-a", Content), b = r.OpenFile("rt-trunc-b", Content);
            r.ExpectSame("FTruncate to 7", r.Sync("Probe_FTruncate", a, 7L), await r.Async(("fd", b), ("length", 7L)));
        },
        // SystemNative_SendFile returns a PAL Error code (not -1) and leaves errno set: an unknown convention.
        ["rt.sendfile"] = async r => r.ExpectBadFd(r.Sync("Probe_SendFile", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd),
            await r.Async(("out_fd", HeldOutRun.NotAnOpenFd), ("in_fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("count", 10L))),
        ["rt.posix_fadvise"] = async r => r.ExpectBadFd(r.Sync("Probe_PosixFAdvise", HeldOutRun.NotAnOpenFd),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("length", 0L), ("advice", FadviseSequential))),
        ["net.sendto_ptr"] = async r =>
        {
            using Socket receiver = Udp(bind: true);
            using Socket sender = Udp(bind: false);
            byte[] address = SockAddr((IPEndPoint)receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("sendto on an unconnected UDP socket", r.Sync("Probe_SendTo", fd, Encoding.ASCII.GetBytes("sync-"), address),
                await r.Async(("sockfd", fd), ("buf", Encoding.ASCII.GetBytes("async")), ("len", 5L), ("flags", 0), ("dest_addr", address), ("addrlen", address.Length)));
        },
        ["storage.posix_fallocate64"] = async r => r.ExpectBadFd(r.Sync("Probe_posix_fallocate64", (nint)HeldOutRun.NotAnOpenFd),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 4096L))),
        ["storage.fcntl_default"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fcntl", HeldOutRun.NotAnOpenFd, FGetFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("cmd", FGetFd)));
            int fd = r.OpenFile("fcntl", Content);
            r.ExpectSame("F_GETFD with the default arg", r.Sync("Probe_fcntl", fd, FGetFd), await r.Async(("fd", fd), ("cmd", FGetFd)));
        },
        ["storage.flock_nolasterror"] = async r => r.ExpectBadFd(r.Sync("Probe_flock", HeldOutRun.NotAnOpenFd, LockExclusive),
            await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("operation", LockExclusive))),
        ["storage.getdents64"] = async r =>
        {
            string directory = Path.Combine(r.Directory, "listing");
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "one"), "1");
            File.WriteAllText(Path.Combine(directory, "two"), "2");
            long a = r.Sync("Probe_open", directory, ODirectory | OCloexec), b = r.Sync("Probe_open", directory, ODirectory | OCloexec);
            try
            {
                byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
                r.ExpectSame("getdents64 of a directory", r.Sync("Probe_getdents64", (int)a, syncBuffer),
                    await r.Async(("fd", (int)b), ("dirp", asyncBuffer), ("count", 4096L)));
                r.ExpectBytes("directory entries", syncBuffer, asyncBuffer);
            }
            finally
            {
                r.Sync("Probe_close", (int)a);
                r.Sync("Probe_close", (int)b);
            }
        },
        ["storage.sendfile"] = async r =>
        {
            int inA = r.OpenFile("sendfile-in-a", Content), inB = r.OpenFile("sendfile-in-b", Content);
            int outA = r.OpenFile("sendfile-out-a", Array.Empty<byte>()), outB = r.OpenFile("sendfile-out-b", Array.Empty<byte>());
            r.ExpectSame("sendfile file to file", r.Sync("Probe_sendfile", outA, inA, (nint)Content.Length),
                await r.Async(("out_fd", outB), ("in_fd", inB), ("offset", null), ("count", (long)Content.Length)));
            r.ExpectBytes("sendfile output file", File.ReadAllBytes(Path.Combine(r.Directory, "sendfile-out-a")), File.ReadAllBytes(Path.Combine(r.Directory, "sendfile-out-b")));
        },
        ["storage.fstat_out"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fstat", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int fd = r.OpenFile("fstat", Content);
            VariantOutcome outcome = await r.Async(("fd", fd));
            r.ExpectSame("fstat st_size of a " + Content.Length + "-byte file", r.Sync("Probe_fstat", fd),
                outcome with { Number = outcome.Other is null && outcome.Errno is null ? HeldOutRun.Member(outcome.Result, "Size") : null });
        },
        ["storage.getcwd_intptr"] = async r =>
        {
            // getcwd returns a pointer: NULL and errno on failure, never -1. A one-byte buffer fails with ERANGE.
            r.ExpectSame("getcwd into a 1-byte buffer", r.Sync("Probe_getcwd", new byte[1]), await r.Async(("buf", new byte[1]), ("size", 1L)));
            byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
            long sync = r.Sync("Probe_getcwd", syncBuffer);
            VariantOutcome outcome = await r.Async(("buf", asyncBuffer), ("size", 4096L));
            r.ExpectSame("getcwd into a 4096-byte buffer (0 = a non-NULL pointer came back)", sync, outcome with { Number = outcome.Number is long p && p != 0 ? 0 : outcome.Number });
            r.ExpectBytes("working directory", syncBuffer, asyncBuffer);
        },
        ["storage.getxattr"] = async r =>
        {
            string path = Path.Combine(r.Directory, "xattr");
            File.WriteAllBytes(path, Content);
            r.ExpectSame("getxattr of a missing attribute", r.Sync("Probe_getxattr", path, "user.heldout.missing", new byte[64]),
                await r.Async(("path", new PathArg(path)), ("name", new PathArg("user.heldout.missing")), ("value", new byte[64]), ("size", 64L)));
        },

        ["legacy.sendto"] = async r =>
        {
            using Socket receiver = Udp(bind: true);
            using Socket sender = Udp(bind: false);
            byte[] address = SockAddr((IPEndPoint)receiver.LocalEndPoint!);
            int fd = (int)sender.Handle;
            r.ExpectSame("sendto on an unconnected UDP socket", r.Sync("Probe_sendto", fd, Encoding.ASCII.GetBytes("sync-"), address),
                await r.Async(("sockfd", fd), ("buf", Encoding.ASCII.GetBytes("async")), ("len", 5L), ("flags", 0), ("dest_addr", address), ("addrlen", address.Length)));
            ExpectDatagrams(r, receiver, "async");
        },
        ["legacy.recvfrom"] = async r =>
        {
            using Socket receiver = Udp(bind: true);
            using Socket sender = Udp(bind: true);
            byte[] from = SockAddr((IPEndPoint)sender.LocalEndPoint!);
            int fd = (int)receiver.Handle;
            sender.SendTo(Encoding.ASCII.GetBytes("datagram"), receiver.LocalEndPoint!);
            byte[] syncData = new byte[32], syncAddress = new byte[16];
            long sync = r.Sync("Probe_recvfrom", fd, syncData, syncAddress);
            sender.SendTo(Encoding.ASCII.GetBytes("datagram"), receiver.LocalEndPoint!);
            byte[] asyncData = new byte[32], asyncAddress = new byte[16];
            r.ExpectSame("recvfrom a datagram", sync,
                await r.Async(("sockfd", fd), ("buf", asyncData), ("len", 32L), ("flags", 0), ("src_addr", asyncAddress), ("addrlen", 16)));
            r.ExpectBytes("received data", syncData, asyncData);
            r.ExpectBytes("sender address", from, syncAddress);
            r.ExpectBytes("sender address", syncAddress, asyncAddress);
        },

        ["net.pipe2_array"] = async r =>
        {
            int[] syncFds = new int[2], asyncFds = new int[2];
            long sync = r.Sync("Probe_pipe2", syncFds);
            VariantOutcome outcome = await r.Async(("fds", asyncFds), ("flags", OCloexec));
            r.ExpectSame("pipe2", sync, outcome);
            int[] got = asyncFds[0] > 2 ? asyncFds : FindFds(outcome.Result);
            r.Row.Runs.Add("pipe2 descriptors: sync " + string.Join(",", syncFds) + ", async " + string.Join(",", got));
            if (got.Length != 2 || got[0] <= 2 || got[1] <= 2 || got[0] == got[1])
            {
                r.Row.Problems.Add("pipe2: the two new descriptors are neither in the array passed nor in the result (descriptors leaked)");
            }

            foreach (int fd in syncFds.Concat(got).Where(fd => fd > 2))
            {
                r.Sync("Probe_close", fd);
            }
        },
        ["net.dup"] = async r => r.ExpectBadFd(r.Sync("Probe_dup", HeldOutRun.NotAnOpenFd), await r.Async(("oldfd", HeldOutRun.NotAnOpenFd))),

        ["marked.syscall_read"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read", HeldOutRun.NotAnOpenFd, new byte[8]),
                await r.Async(("number", 0L), ("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("raw-read-a", Content), b = r.OpenFile("raw-read-b", Content);
            byte[] syncBuffer = new byte[12], asyncBuffer = new byte[12];
            r.ExpectSame("read(2) through syscall(2)", r.Sync("Probe_read", a, syncBuffer), await r.Async(("number", 0L), ("fd", b), ("buf", asyncBuffer), ("count", 12L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["marked.syscall_write"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("written raw");
            int a = r.OpenFile("raw-write-a", Array.Empty<byte>()), b = r.OpenFile("raw-write-b", Array.Empty<byte>());
            r.ExpectSame("write(2) through syscall(2)", r.Sync("Probe_write", a, data), await r.Async(("number", 1L), ("fd", b), ("buf", data), ("count", (long)data.Length)));
            r.ExpectBytes("file after write", File.ReadAllBytes(Path.Combine(r.Directory, "raw-write-a")), File.ReadAllBytes(Path.Combine(r.Directory, "raw-write-b")));
        },
        ["marked.syscall_getcwd"] = async r =>
        {
            r.ExpectSame("getcwd(2) into a 1-byte buffer", r.Sync("Probe_getcwd", new byte[1]), await r.Async(("number", 79L), ("buf", new byte[1]), ("size", 1L)));
            byte[] syncBuffer = new byte[4096], asyncBuffer = new byte[4096];
            r.ExpectSame("getcwd(2) into 4096 bytes", r.Sync("Probe_getcwd", syncBuffer), await r.Async(("number", 79L), ("buf", asyncBuffer), ("size", 4096L)));
            r.ExpectBytes("working directory", syncBuffer, asyncBuffer);
        },
        ["marked.syscall_access"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "missing"), present = Path.Combine(r.Directory, "present");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("access(2) of a missing path", r.Sync("Probe_access", missing), await r.Async(("number", 21L), ("path", new PathArg(missing)), ("mode", 0)));
            r.ExpectSame("access(2) of an existing path", r.Sync("Probe_access", present), await r.Async(("number", 21L), ("path", new PathArg(present)), ("mode", 0)));
        },
        ["marked.ioctl_fionread"] = async r =>
        {
            using var server = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
            using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, server.ClientSafePipeHandle);
            server.Write(Content, 0, 3);
            server.Flush();
            int fd = (int)client.SafePipeHandle.DangerousGetHandle();
            long sync = r.Sync("Probe_fionread", fd);
            VariantOutcome outcome = await r.Async(("fd", fd), ("request", 0x541BL));
            long? count = outcome.Other is null && outcome.Errno is null ? (HeldOutRunner.AsNumber(outcome.Result) is long n && outcome.Result is int or long ? n : HeldOutRun.Member(outcome.Result, "count") ?? HeldOutRun.Member(outcome.Result, "Count")) : null;
            r.ExpectSame("FIONREAD on a pipe holding 3 bytes (the value the call wrote)", sync, outcome with { Number = count ?? outcome.Number });
            r.ExpectBadFd(r.Sync("Probe_fionread", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", 0x541BL)));
        },
        ["collide.Read_upper"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_Read", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8])));
            int a = r.OpenFile("read-a", Content), b = r.OpenFile("read-b", Content);
            byte[] syncBuffer = new byte[16], asyncBuffer = new byte[16];
            r.ExpectSame("read 16 bytes", r.Sync("Probe_Read", a, syncBuffer), await r.Async(("fd", b), ("buffer", asyncBuffer)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
    }))))))))))))))))))))))))))))))))))));

    private static async Task HostName(HeldOutRun r, string probe, string buffer, string length, object lengthValue)
    {
        byte[] syncName = new byte[256], asyncName = new byte[256];
        r.ExpectSame("gethostname", r.Sync(probe, syncName), await r.Async((buffer, asyncName), (length, lengthValue)));
        r.ExpectBytes("host name", syncName, asyncName);
    }

    private static async Task PRead(HeldOutRun r, string buffer, string count, string probe = "Probe_pread", string offset = "offset")
    {
        int a = r.OpenFile("pread-a-" + r.Row.Case.Id, Content), b = r.OpenFile("pread-b-" + r.Row.Case.Id, Content);
        byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
        r.ExpectSame("pread 10 bytes at 5", r.Sync(probe, a, syncBuffer, 5L), await r.Async(("fd", b), (buffer, asyncBuffer), (count, 10L), (offset, 5L)));
        r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
    }

    private static async Task ReadLink(HeldOutRun r, string path, string buffer, string size)
    {
        string link = Path.Combine(r.Directory, "link-" + r.Row.Case.Id);
        File.CreateSymbolicLink(link, "target-of-the-link");
        byte[] syncBuffer = new byte[64], asyncBuffer = new byte[64];
        r.ExpectSame("readlink", r.Sync("Probe_readlink", link, syncBuffer), await r.Async((path, new PathArg(link)), (buffer, asyncBuffer), (size, 64L)));
        r.ExpectBytes("link target", syncBuffer, asyncBuffer);
    }

    private static Socket Udp(bool bind)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        if (bind)
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        return socket;
    }

    /// <summary>struct sockaddr_in: family (host order), port (network order), IPv4 address, zero padding.</summary>
    private static byte[] SockAddr(IPEndPoint endPoint)
    {
        byte[] address = new byte[16];
        address[0] = 2;
        address[2] = (byte)(endPoint.Port >> 8);
        address[3] = (byte)endPoint.Port;
        endPoint.Address.GetAddressBytes().CopyTo(address, 4);
        return address;
    }

    private static int[] FindFds(object? result)
    {
        if (result is null)
        {
            return Array.Empty<int>();
        }

        var ints = new List<int>();
        foreach (System.Reflection.PropertyInfo property in result.GetType().GetProperties())
        {
            switch (property.GetValue(result))
            {
                case int[] { Length: 2 } fds:
                    return fds;
                case int fd when property.Name != "ReturnValue":
                    ints.Add(fd);
                    break;
            }
        }

        return ints.ToArray();
    }
}
