using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the sixth blind round (Shapes.case, Marshalling.case), written with the case files, before
/// the generator was run on them.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int ENotTy = 25;
    private const int MsgPeek = 2;
    private const int OCreatExcl = 0x40 | 0x80;

    private static Dictionary<string, (string, string)> WithSixthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Shapes"] = (HeldOutProbes.Shapes, HeldOutProbes.ShapesLibraryImport);
        probes["Marshalling"] = (HeldOutProbes.Marshalling, HeldOutProbes.MarshallingLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithSixthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ShapeRuns().Concat(MarshallingRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static (string, object?)[] Fd(int fd) => new (string, object?)[] { ("fd", fd) };

    private static Dictionary<string, Func<HeldOutRun, Task>> ShapeRuns() => new()
    {
        ["shapes.nested_four_levels_pread"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_nested_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("count", 8L), ("offset", 0L)));
            await PRead(r, "buffer", "count", "Probe_nested_pread");
        },
        ["shapes.split_part_one_fsync"] = r => FdCall(r, "Probe_split_fsync", Fd),
        ["shapes.split_part_two_fdatasync"] = r => FdCall(r, "Probe_split_fdatasync", Fd),
        ["shapes.split_part_two_calls_part_one"] = r => FdCall(r, "Probe_split_both", Fd),
        ["shapes.same_signature_journal"] = r => FdCall(r, "Probe_journal_sync", Fd),
        ["shapes.same_signature_index"] = r => FdCall(r, "Probe_index_sync", Fd),
        ["shapes.same_class_name_other_namespace"] = r => FdCall(r, "Probe_mirror_sync", Fd),
        ["shapes.nullable_disable_pwrite_array"] = r => WriteAtRun(r, "Probe_oblivious_pwrite", "s-oblivious", data => new (string, object?)[] { ("buf", data), ("count", (long)data.Length) }),
        ["shapes.nullable_disable_readlink_alias"] = r => ReadLink(r, "path", "buf", "bufsiz"),
        ["shapes.pread64_ulong_offset_long_result"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread64", HeldOutRun.NotAnOpenFd, new byte[8], 0L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L), ("offset", Offset(r, "offset", 0))));
            int a = r.OpenFile("s-pread64-a", Content), b = r.OpenFile("s-pread64-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("pread64 10 bytes at 5 (ulong offset)", r.Sync("Probe_pread64", a, syncBuffer, 5L),
                await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", Offset(r, "offset", 5))));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
            r.ExpectSame("pread64 past the end", r.Sync("Probe_pread64", a, syncBuffer, 1000L),
                await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L), ("offset", Offset(r, "offset", 1000))));
        },
        ["shapes.write_array_nuint_count_long_result"] = r => OverloadWrite(r, "Probe_write_long"),
        ["shapes.recv_socketflags_safesockethandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_recv", HeldOutRun.NotAnOpenFd, new byte[8], MsgPeek),
                await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("length", 8L), ("flags", MsgPeek)));
            using Socket listener = Listener();
            using Socket client = Connected(listener);
            using Socket server = listener.Accept();
            client.Send(Encoding.ASCII.GetBytes("peeked bytes"));
            server.Poll(2_000_000, SelectMode.SelectRead);
            byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32];
            r.ExpectSame("recv MSG_PEEK of 12 pending bytes", r.Sync("Probe_recv", (int)server.Handle, syncBuffer, MsgPeek),
                await r.Async(("socket", (int)server.Handle), ("buffer", asyncBuffer), ("length", 32L), ("flags", MsgPeek)));
            r.ExpectBytes("bytes received", syncBuffer, asyncBuffer);
        },
        ["shapes.send_socketflags_pointer"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("sent with flags");
            r.ExpectBadFd(r.Sync("Probe_send", HeldOutRun.NotAnOpenFd, data, 0),
                await r.Async(("socket", HeldOutRun.NotAnOpenFd), ("buffer", data), ("length", (long)data.Length), ("flags", 0)));
            using Socket listener = Listener();
            using Socket client = Connected(listener);
            using Socket server = listener.Accept();
            r.ExpectSame("send of 15 bytes", r.Sync("Probe_send", (int)client.Handle, data, 0),
                await r.Async(("socket", (int)client.Handle), ("buffer", data), ("length", (long)data.Length), ("flags", 0)));
            server.Poll(2_000_000, SelectMode.SelectRead);
            byte[] received = new byte[64];
            int got = server.Receive(received);
            r.ExpectSame("bytes the peer received", 2 * data.Length, new VariantOutcome(null, got, null, null));
        },
        ["shapes.openat_flags_enums"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "s-openat-missing"), present = Path.Combine(r.Directory, "s-openat");
            File.WriteAllBytes(present, Content);
            (string, object?)[] Args(string path, int flags) => new (string, object?)[] { ("dirfd", AtFdCwd), ("path", new PathArg(path)), ("flags", flags), ("mode", 0x180) };
            r.ExpectSame("openat of a missing path", r.Sync("Probe_openat", missing, OCloexec), await r.Async(Args(missing, OCloexec)));
            r.ExpectSame("openat of a file (0: a descriptor came back)", r.Sync("Probe_openat", present, OCloexec), ClosedDescriptor(r, await r.Async(Args(present, OCloexec))));
            r.ExpectSame("openat O_CREAT|O_EXCL of an existing file", r.Sync("Probe_openat", present, OCloexec | OCreatExcl), await r.Async(Args(present, OCloexec | OCreatExcl)));
        },
        ["shapes.open_fileaccess_safefilehandle"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "s-open-missing"), present = Path.Combine(r.Directory, "s-open");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("open of a missing path", r.Sync("Probe_open_access", missing, (int)FileAccess.Read),
                await r.Async(("path", new PathArg(missing)), ("access", (int)FileAccess.Read), ("mode", 0)));
            r.ExpectSame("open of a file (0: a valid handle came back)", r.Sync("Probe_open_access", present, (int)FileAccess.Write),
                ValidHandle(r, await r.Async(("path", new PathArg(present)), ("access", (int)FileAccess.Write), ("mode", 0))));
        },
        ["shapes.fsync_filestream_handle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_flush_handle", HeldOutRun.NotAnOpenFd), await r.Async(("handle", HeldOutRun.NotAnOpenFd)));
            using FileStream a = new(Path.Combine(r.Directory, "s-stream-a"), FileMode.Create), b = new(Path.Combine(r.Directory, "s-stream-b"), FileMode.Create);
            a.Write(Content);
            b.Write(Content);
            a.Flush();
            b.Flush();
            r.ExpectSame("fsync of a FileStream's SafeFileHandle", r.Sync("Probe_flush_handle", (int)a.SafeFileHandle.DangerousGetHandle()), await r.Async(("handle", b.SafeFileHandle)));
            r.ExpectSame("the stream is still usable after the call", 1, new VariantOutcome(null, b.SafeFileHandle.IsClosed ? 0 : 1, null, null));
        },
        ["shapes.fsync_filestream_ordinary"] = async r =>
        {
            using FileStream a = new(Path.Combine(r.Directory, "s-ordinary-a"), FileMode.Create), b = new(Path.Combine(r.Directory, "s-ordinary-b"), FileMode.Create);
            r.ExpectSame("fsync through an ordinary method taking the FileStream", r.Sync("Probe_flush_stream", a), await r.Async(("stream", b)));
        },
        ["shapes.fallocate_flags_enum"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate", HeldOutRun.NotAnOpenFd, 0L, 4096L),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("s-falloc-a", Array.Empty<byte>()), b = r.OpenFile("s-falloc-b", Array.Empty<byte>());
            r.ExpectSame("fallocate 4096 bytes", r.Sync("Probe_fallocate", a, 0L, 4096L), await r.Async(("fd", b), ("mode", 0), ("offset", 0L), ("len", 4096L)));
            ExpectSameLength(r, "s-falloc-a", "s-falloc-b");
        },
        ["shapes.lseek_seekorigin"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_seek", HeldOutRun.NotAnOpenFd, 5L, 0), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 5L), ("whence", 0)));
            int a = r.OpenFile("s-seek-a", Content), b = r.OpenFile("s-seek-b", Content);
            r.ExpectSame("lseek to 5 from the start", r.Sync("Probe_seek", a, 5L, 0), await r.Async(("fd", b), ("offset", 5L), ("whence", 0)));
            r.ExpectSame("lseek to -1 from the end", r.Sync("Probe_seek", a, -1L, 2), await r.Async(("fd", b), ("offset", -1L), ("whence", 2)));
            r.ExpectSame("lseek before the start", r.Sync("Probe_seek", a, -100L, 0), await r.Async(("fd", b), ("offset", -100L), ("whence", 0)));
        },
        ["shapes.fcntl_enum_command_flags_result"] = r => FdCall(r, "Probe_getfd", fd => new (string, object?)[] { ("fd", fd), ("cmd", 1) }),
        ["shapes.getrandom_span_flags_enum"] = async r =>
        {
            byte[] syncBuffer = new byte[16], asyncBuffer = new byte[16];
            r.ExpectSame("getrandom of 16 bytes", r.Sync("Probe_getrandom", syncBuffer, 0u), await r.Async(("buffer", asyncBuffer), ("count", 16L), ("flags", 0)));
            if (asyncBuffer.All(b => b == 0))
            {
                r.Row.Problems.Add("getrandom: the variant's buffer is all zeros (the bytes did not reach the caller's memory)");
            }

            r.ExpectSame("getrandom with an unknown flag", r.Sync("Probe_getrandom", syncBuffer, 0x100u), await r.Async(("buffer", asyncBuffer), ("count", 16L), ("flags", 0x100)));
        },
        ["shapes.dup_intptr_descriptor"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_dup", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("s-dup-a", Content), b = r.OpenFile("s-dup-b", Content);
            r.ExpectSame("dup of a file (0: a descriptor came back)", r.Sync("Probe_dup", a), ClosedDescriptor(r, await r.Async(("fd", b))));
        },
        ["shapes.eventfd_returns_own_safehandle"] = async r =>
        {
            r.ExpectSame("eventfd with an unknown flag", r.Sync("Probe_eventfd", 0u, 0x1), await r.Async(("initval", 0), ("flags", 0x1)));
            r.ExpectSame("eventfd (0: a valid handle came back)", r.Sync("Probe_eventfd", 3u, OCloexec), ValidHandle(r, await r.Async(("initval", 3), ("flags", OCloexec))));
        },
        ["shapes.epoll_create1_safehandle_flags_enum"] = async r =>
        {
            r.ExpectSame("epoll_create1 with an unknown flag", r.Sync("Probe_epoll", 0x1), await r.Async(("flags", 0x1)));
            r.ExpectSame("epoll_create1 (0: a valid handle came back)", r.Sync("Probe_epoll", OCloexec), ValidHandle(r, await r.Async(("flags", OCloexec))));
        },
        ["shapes.fstat_out_struct"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fstat_size", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = r.OpenFile("s-fstat-a", Content), b = r.OpenFile("s-fstat-b", Content);
            VariantOutcome outcome = await r.Async(("fd", b));
            r.ExpectSame("fstat st_size of a 36-byte file", r.Sync("Probe_fstat_size", a), outcome with { Number = HeldOutRun.Member(outcome.Result, "Size") });
        },
        ["shapes.fixed_buffer_struct_by_value"] = async r =>
        {
            const string Tag = "HeldOut.Shapes.NameTag";
            r.ExpectBadFd(r.Sync("Probe_write_tag", HeldOutRun.NotAnOpenFd, "tag"), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("tag", r.NewObject(Tag, "tag"))));
            int a = r.OpenFile("s-tag-a", Array.Empty<byte>()), b = r.OpenFile("s-tag-b", Array.Empty<byte>());
            r.ExpectSame("write of a 12-byte fixed-buffer tag", r.Sync("Probe_write_tag", a, "fixed buffer"), await r.Async(("fd", b), ("tag", r.NewObject(Tag, "fixed buffer"))));
            ExpectSameContent(r, "s-tag-a", "s-tag-b");
        },
        ["shapes.uname_marked_fixed_buffers"] = async r =>
        {
            VariantOutcome outcome = await r.Async();
            r.ExpectSame("uname: a hash of sysname as the kernel wrote it", r.Sync("Probe_uname_sum"), outcome with { Number = HeldOutRun.Member(outcome.Result, "SysNameSum") });
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> MarshallingRuns() => new()
    {
        ["marsh.read_lparray_out_sizeparamindex"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_read", HeldOutRun.NotAnOpenFd, new byte[8]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[8]), ("count", 8L)));
            int a = r.OpenFile("m-read-a", Content), b = r.OpenFile("m-read-b", Content);
            byte[] syncBuffer = new byte[10], asyncBuffer = new byte[10];
            r.ExpectSame("read of 10 bytes", r.Sync("Probe_read", a, syncBuffer), await r.Async(("fd", b), ("buf", asyncBuffer), ("count", 10L)));
            r.ExpectBytes("bytes read", syncBuffer, asyncBuffer);
        },
        ["marsh.write_lparray_in_int_count"] = r => OverloadWrite(r, "Probe_write"),
        ["marsh.pread_in_out_array"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("count", 8L), ("offset", 0L)));
            await PRead(r, "buffer", "count");
        },
        ["marsh.getentropy_lparray_unlisted"] = async r =>
        {
            byte[] syncBuffer = new byte[32], asyncBuffer = new byte[32];
            r.ExpectSame("getentropy of 32 bytes", r.Sync("Probe_getentropy", syncBuffer), await r.Async(("buffer", asyncBuffer), ("length", 32L)));
            if (asyncBuffer.All(b => b == 0))
            {
                r.Row.Problems.Add("getentropy: the variant's buffer is all zeros (the bytes did not reach the caller's array)");
            }

            r.ExpectSame("getentropy of 300 bytes (over 256: EIO)", r.Sync("Probe_getentropy", new byte[300]), await r.Async(("buffer", new byte[300]), ("length", 300L)));
        },
        ["marsh.getgroups_int_elements_count_first"] = async r =>
        {
            uint[] syncList = new uint[64], asyncList = new uint[64];
            r.ExpectSame("getgroups into 64 entries", r.Sync("Probe_getgroups", 64, syncList), await r.Async(("size", 64), ("list", asyncList)));
            r.ExpectSame("the groups written", syncList.Select(g => (long)g).Sum(), new VariantOutcome(null, asyncList.Select(g => (long)g).Sum(), null, null));
            r.ExpectSame("getgroups with size 0 (the count only)", r.Sync("Probe_getgroups", 0, Array.Empty<uint>()), await r.Async(("size", 0), ("list", Array.Empty<uint>())));

            // size counts elements (SizeParamIndex on a uint[]): 2 entries of a 1-entry array would let the kernel write past it.
            VariantOutcome past = await r.Async(("size", 2), ("list", new uint[1]));
            r.Row.Runs.Add("getgroups with size 2 into a 1-entry array: " + past);
            if (past.Other is not ArgumentException)
            {
                r.Row.Problems.Add("getgroups: a size of 2 entries for a 1-entry array was not refused (" + past + "); the kernel may write 8 bytes into 4");
            }
        },
        ["marsh.pipe2_out_array_sizeconst"] = r => PipeRun(r, "Probe_pipe2", ("pipefd", new int[2]), ("flags", OCloexec)),
        ["marsh.setxattr_lparray_in"] = async r =>
        {
            byte[] value = Encoding.ASCII.GetBytes("attribute value");
            string missing = Path.Combine(r.Directory, "m-xattr-missing"), a = Path.Combine(r.Directory, "m-xattr-a"), b = Path.Combine(r.Directory, "m-xattr-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            (string, object?)[] Args(string path) => new (string, object?)[] { ("path", new PathArg(path)), ("name", new PathArg("user.asyncsys-heldout")), ("value", value), ("size", (long)value.Length), ("flags", 0) };
            r.ExpectSame("setxattr on a missing path", r.Sync("Probe_setxattr", missing, value), await r.Async(Args(missing)));
            r.ExpectSame("setxattr on a file", r.Sync("Probe_setxattr", a, value), await r.Async(Args(b)));
        },
        ["marsh.getcwd_stringbuilder"] = async r =>
        {
            StringBuilder syncName = new(4096), asyncName = new(4096);
            r.ExpectSame("getcwd (0: not NULL)", r.Sync("Probe_getcwd", syncName, 4096UL), NotNull(await r.Async(("buf", asyncName), ("size", 4096L))));
            ExpectSameText(r, "working directory", syncName, asyncName);
            r.ExpectSame("getcwd into 1 byte", r.Sync("Probe_getcwd", new StringBuilder(4096), 1UL), NotNull(await r.Async(("buf", new StringBuilder(4096)), ("size", 1L))));
        },
        ["marsh.gethostname_stringbuilder"] = async r =>
        {
            StringBuilder syncName = new(256), asyncName = new(256);
            r.ExpectSame("gethostname", r.Sync("Probe_gethostname", syncName, 256UL), await r.Async(("name", asyncName), ("len", 256L)));
            ExpectSameText(r, "host name", syncName, asyncName);
        },
        ["marsh.strerror_r_stringbuilder_error_number"] = async r =>
        {
            StringBuilder syncText = new(128), asyncText = new(128);
            r.ExpectSame("strerror_r(EBADF)", r.Sync("Probe_strerror", 9, syncText, 128UL), await r.Async(("errnum", 9), ("buf", asyncText), ("buflen", 128L)));
            ExpectSameText(r, "message", syncText, asyncText);
            r.ExpectSame("strerror_r into 2 bytes (ERANGE)", r.Sync("Probe_strerror", 9, new StringBuilder(128), 2UL), await r.Async(("errnum", 9), ("buf", new StringBuilder(128)), ("buflen", 2L)));
        },
        ["marsh.ttyname_r_stringbuilder_stated"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ttyname", HeldOutRun.NotAnOpenFd, new StringBuilder(64), 64UL),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new StringBuilder(64)), ("buflen", 64L)));
            int a = r.OpenFile("m-tty-a", Content), b = r.OpenFile("m-tty-b", Content);
            long sync = r.Sync("Probe_ttyname", a, new StringBuilder(64), 64UL);
            if (sync != -ENotTy)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": ttyname_r of a file gave " + sync + ", not -ENOTTY; the run is wrong");
            }

            r.ExpectSame("ttyname_r of a file (ENOTTY)", sync, await r.Async(("fd", b), ("buf", new StringBuilder(64)), ("buflen", 64L)));
        },
        ["marsh.realpath_stringbuilder_null"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "m-realpath-missing"), present = Path.Combine(r.Directory, "m-realpath");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("realpath of a missing path", r.Sync("Probe_realpath", missing, new StringBuilder(4096)), NotNull(await r.Async(("path", new PathArg(missing)), ("resolved", new StringBuilder(4096)))));
            StringBuilder syncPath = new(4096), asyncPath = new(4096);
            r.ExpectSame("realpath of a file (0: not NULL)", r.Sync("Probe_realpath", present, syncPath), NotNull(await r.Async(("path", new PathArg(present)), ("resolved", asyncPath))));
            ExpectSameText(r, "resolved path", syncPath, asyncPath);
        },
        ["marsh.out_string_ordinary"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "m-outstring-missing"), link = Path.Combine(r.Directory, "m-outstring-link");
            File.CreateSymbolicLink(link, "target-of-the-link");
            r.ExpectSame("ReadLinkText of a missing path", r.Sync("Probe_readlink_text", missing), await r.Async(("path", new PathArg(missing))));
            VariantOutcome outcome = await r.Async(("path", new PathArg(link)));
            r.ExpectSame("ReadLinkText of a link", r.Sync("Probe_readlink_text", link), outcome.Result is string ? outcome with { Number = 0 } : outcome);
            string? target = outcome.Result as string ?? outcome.Result?.GetType().GetProperty("Target", BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(outcome.Result) as string;
            r.Row.Runs.Add("out string that came back: " + (target ?? "none"));
            if (outcome.Other is null && outcome.Errno is null && target != "target-of-the-link")
            {
                r.Row.Problems.Add("the out string (the link's target) does not come back: " + (target ?? "none"));
            }
        },
        ["marsh.mkdirat_charset_unicode"] = async r =>
        {
            // The wrapper marshals the path as UTF-16: Linux reads "/" (its first byte, then NUL). The variant must do what it does.
            string a = Path.Combine(r.Directory, "m-wide-mkdirat-a"), b = Path.Combine(r.Directory, "m-wide-mkdirat-b");
            r.ExpectSame("mkdirat with a UTF-16 path", r.Sync("Probe_mkdirat_unicode", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("mode", 0x1ed)));
            r.ExpectSame("directories made (sync, async)", Directory.Exists(a) ? 1 : 0, new VariantOutcome(null, Directory.Exists(b) ? 1 : 0, null, null));
        },
        ["marsh.openat_stringmarshalling_utf16"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "m-wide-openat-missing");
            r.ExpectSame("openat of a missing path marshalled as UTF-16", r.Sync("Probe_openat_utf16", missing, OnlyRead),
                ClosedDescriptor(r, await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(missing)), ("flags", OnlyRead), ("mode", 0))));
        },
        ["marsh.unlinkat_lpwstr"] = async r =>
        {
            string a = Path.Combine(r.Directory, "m-wide-unlink-a"), b = Path.Combine(r.Directory, "m-wide-unlink-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            r.ExpectSame("unlinkat with an LPWStr path", r.Sync("Probe_unlinkat_lpwstr", a), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(b)), ("flags", 0)));
            r.ExpectSame("files left (sync, async)", File.Exists(a) ? 1 : 0, new VariantOutcome(null, File.Exists(b) ? 1 : 0, null, null));
        },
        ["marsh.mkdir_charset_unicode_worker"] = async r =>
        {
            string a = Path.Combine(r.Directory, "m-wide-mkdir-a"), b = Path.Combine(r.Directory, "m-wide-mkdir-b");
            r.ExpectSame("mkdir with a UTF-16 path", r.Sync("Probe_mkdir_unicode", a), await r.Async(("path", new PathArg(b)), ("mode", 0x1ed)));
            r.ExpectSame("directories made (sync, async)", Directory.Exists(a) ? 1 : 0, new VariantOutcome(null, Directory.Exists(b) ? 1 : 0, null, null));
        },
        ["marsh.truncate_charset_unicode_worker"] = async r =>
        {
            string a = Path.Combine(r.Directory, "m-wide-truncate-a"), b = Path.Combine(r.Directory, "m-wide-truncate-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            r.ExpectSame("truncate with a UTF-16 path", r.Sync("Probe_truncate_unicode", a, 4L), await r.Async(("path", new PathArg(b)), ("length", 4L)));
            ExpectSameLength(r, "m-wide-truncate-a", "m-wide-truncate-b");
        },
        ["marsh.openat_charset_ansi"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "m-ansi-missing"), present = Path.Combine(r.Directory, "m-ansi");
            File.WriteAllBytes(present, Content);
            r.ExpectSame("openat of a missing path", r.Sync("Probe_openat_ansi", missing, OnlyRead), await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(missing)), ("flags", OnlyRead), ("mode", 0)));
            r.ExpectSame("openat of a file (0: a descriptor came back)", r.Sync("Probe_openat_ansi", present, OnlyRead),
                ClosedDescriptor(r, await r.Async(("dirfd", AtFdCwd), ("path", new PathArg(present)), ("flags", OnlyRead), ("mode", 0))));
        },
        ["marsh.renameat_lputf8str"] = async r =>
        {
            string Named(string name) => Path.Combine(r.Directory, "m-rename-" + name);
            File.WriteAllBytes(Named("a"), Content);
            File.WriteAllBytes(Named("b"), Content);
            (string, object?)[] Args(string from, string to) => new (string, object?)[] { ("olddirfd", AtFdCwd), ("oldpath", new PathArg(from)), ("newdirfd", AtFdCwd), ("newpath", new PathArg(to)) };
            r.ExpectSame("renameat of a file", r.Sync("Probe_renameat", Named("a"), Named("a2")), await r.Async(Args(Named("b"), Named("b2"))));
            r.ExpectSame("renameat of the name already moved", r.Sync("Probe_renameat", Named("a"), Named("a3")), await r.Async(Args(Named("b"), Named("b3"))));
        },
    };

    /// <summary>A pointer result as the probes count it: 0 for non-NULL.</summary>
    private static VariantOutcome NotNull(VariantOutcome outcome) =>
        outcome.Number is long pointer && pointer != 0 ? outcome with { Number = 0 } : outcome;

    private static void ExpectSameText(HeldOutRun r, string what, StringBuilder sync, StringBuilder variant)
    {
        r.Row.Runs.Add(what + ": sync \"" + sync + "\", async \"" + variant + "\"");
        if (sync.ToString() != variant.ToString())
        {
            r.Row.Problems.Add(what + ": the variant's StringBuilder holds \"" + variant + "\" where the sync wrapper's holds \"" + sync + "\"");
        }
    }
}
