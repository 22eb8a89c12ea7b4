using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twentieth blind round (Exports.case, Latest.case), written with the case files, before the
/// generator was run on them. Each side has its own file, eventfd, socket pair or socket, so neither sees the other's effect.
/// Reads compare "count:bytes"; new descriptors compare what they are (at or above the minimum asked, close-on-exec, access
/// mode, non-blocking) and are closed; writes compare the count and the file's bytes afterwards. No call here waits: the
/// flock rows use LOCK_NB (a [SuppressGCTransition] call must never wait).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string ExportProbes = "HeldOut.Exports.ExportsProbes";
    private const string ExportLibraryImportProbes = "HeldOut.Exports.ExportsLibraryImportProbes";
    private const string LatestProbeType = "HeldOut.Latest.LatestProbes";

    private static Dictionary<string, (string, string)> WithTwentiethRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Exports"] = (HeldOutProbes.Exports, HeldOutProbes.ExportsLibraryImport);
        probes["Latest"] = (HeldOutProbes.Latest, HeldOutProbes.LatestLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentiethRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ExportsRuns().Concat(LatestRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static long ExpLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(r.CallStatic(ExportProbes, probe, arguments));

    private static string ExpText(HeldOutRun r, string probe, params object?[] arguments) => (string)r.CallStatic(ExportProbes, probe, arguments)!;

    private static long LatLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(r.CallStatic(LatestProbeType, probe, arguments));

    private static string LatText(HeldOutRun r, string probe, params object?[] arguments) => (string)r.CallStatic(LatestProbeType, probe, arguments)!;

    /// <summary>The variant's read as "count:bytes" from the buffer the run passed (or "E" and the errno).</summary>
    private static string ReadText(VariantOutcome v, byte[] buffer) =>
        v.Errno is int e ? "E" + e : v.Number is long n && n >= 0 ? n + ":" + Convert.ToHexString(buffer, 0, (int)Math.Min(n, buffer.Length)) : v.ToString();

    /// <summary>A read of <paramref name="count"/> bytes on each side's own copy of the content, then on a closed descriptor.</summary>
    private static async Task ReadRun(HeldOutRun r, string name, Func<int, string> sync, Func<int, byte[], Task<VariantOutcome>> variant, int count = 10)
    {
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        byte[] buffer = new byte[count];
        ExpectSameText(r, "a read of " + count + " bytes", sync(a), ReadText(await variant(b, buffer), buffer));
        byte[] closed = new byte[count];
        ExpectSameText(r, "closed fd", sync(HeldOutRun.NotAnOpenFd), ReadText(await variant(HeldOutRun.NotAnOpenFd, closed), closed));
    }

    /// <summary>A write of <paramref name="data"/> at the start of each side's own file: the count, then the file's bytes.</summary>
    private static async Task WriteRun(HeldOutRun r, string name, byte[] data, Func<int, long> sync, Func<int, Task<VariantOutcome>> variant)
    {
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("a write of " + data.Length + " bytes", sync(a), await variant(b));
        r.ExpectBytes("the file after the write", File.ReadAllBytes(Path.Combine(r.Directory, name + "-a")), File.ReadAllBytes(Path.Combine(r.Directory, name + "-b")));
        r.ExpectBadFd(sync(HeldOutRun.NotAnOpenFd), await variant(HeldOutRun.NotAnOpenFd));
    }

    /// <summary>A call taking only a descriptor and answering 0: each side's own file, then a closed descriptor.</summary>
    private static async Task DescriptorOnlyRun(HeldOutRun r, string name, Func<int, long> sync, Func<int, Task<VariantOutcome>> variant)
    {
        r.ExpectBadFd(sync(HeldOutRun.NotAnOpenFd), await variant(HeldOutRun.NotAnOpenFd));
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("an open file", sync(a), await variant(b));
    }

    /// <summary>A new descriptor the variant returned, described and closed as the probe's is.</summary>
    private static string NewDescriptor(HeldOutRun r, string probes, VariantOutcome v, int minimum) =>
        v.Errno is int e ? "E" + e
        : v.Result is SafeFileHandle handle ? (string)r.CallStatic(probes, "HandleText", handle, minimum)!
        : v.Number is long fd ? (string)r.CallStatic(probes, "DescriptorText", fd, minimum)!
        : v.ToString();

    /// <summary>The first value of a case-file type in a result (the struct itself, or a member of a result record).</summary>
    private static object? FindValueOf(object? result, string typeName)
    {
        if (result is null)
        {
            return null;
        }

        if (result.GetType().Name == typeName)
        {
            return result;
        }

        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public;
        return result.GetType().GetProperties(Flags).Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType.Name == typeName).Select(p => p.GetValue(result)).FirstOrDefault()
            ?? result.GetType().GetFields(Flags).Where(f => f.FieldType.Name == typeName).Select(f => f.GetValue(result)).FirstOrDefault();
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ExportsRuns() => new()
    {
        ["fp.pread_readonly_field_worker"] = r => ReadRun(r, "h20-pread", fd => ExpText(r, "Probe_pread", fd, 10, 3L),
            (fd, buffer) => r.Async(("fd", fd), ("buf", buffer), ("count", (nuint)10), ("offset", 3L))),
        ["fp.pread_span_ringop_read"] = r => ReadRun(r, "h20-readat", fd => ExpText(r, "Probe_read_at", fd, 10, 3L),
            (fd, buffer) => r.Async(("fd", fd), ("buffer", buffer), ("offset", 3L))),
        ["fp.write_lazy_property_span"] = r => WriteRun(r, "h20-put", Encoding.ASCII.GetBytes("written!"),
            fd => ExpLong(r, "Probe_put", fd, Encoding.ASCII.GetBytes("written!")), fd => r.Async(("fd", fd), ("data", Encoding.ASCII.GetBytes("written!")))),
        ["fp.fsync_table_field_worker"] = r => DescriptorOnlyRun(r, "h20-sync", fd => ExpLong(r, "Probe_sync", fd), fd => r.Async(("fd", fd))),
        ["fp.fsync_table_ringop_fsync"] = r => DescriptorOnlyRun(r, "h20-fsync", fd => ExpLong(r, "Probe_fsync", fd), fd => r.Async(("fd", fd))),
        ["fp.flock_table_waits"] = r => FlockRun(r, "h20-lockfile", "Probe_lock_file"),
        ["fp.flock_suppress_gc_pointer"] = r => FlockRun(r, "h20-flock-fast", "Probe_flock"),
        ["fp.read_cdecl_nint_address"] = r => ReadRun(r, "h20-read-address", fd => ExpText(r, "Probe_read_to_address", fd, 10),
            (fd, buffer) => r.Async(("fd", fd), ("buffer", buffer), ("count", (nuint)10))),
        ["fp.ftruncate_negative_errno_system_error"] = async r =>
        {
            r.ExpectBadFd(ExpLong(r, "Probe_truncate", HeldOutRun.NotAnOpenFd, 5L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 5L)));
            int a = r.OpenFile("h20-truncate-a", Content), b = r.OpenFile("h20-truncate-b", Content);
            r.ExpectSame("truncate to 5 bytes", ExpLong(r, "Probe_truncate", a, 5L), await r.Async(("fd", b), ("length", 5L)));
            r.ExpectBytes("the file after it", File.ReadAllBytes(Path.Combine(r.Directory, "h20-truncate-a")), File.ReadAllBytes(Path.Combine(r.Directory, "h20-truncate-b")));
            r.ExpectSame("a negative length (EINVAL)", ExpLong(r, "Probe_truncate", a, -1L), await r.Async(("fd", b), ("length", -1L)));
        },
        ["fp.fcntl_dupfd_cloexec_descriptor_result"] = async r =>
        {
            ExpectSameText(r, "closed fd", ExpText(r, "Probe_duplicate_above", HeldOutRun.NotAnOpenFd, 100),
                NewDescriptor(r, ExportProbes, await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("minimum", 100)), 100));
            int a = r.OpenFile("h20-dup-a", Content), b = r.OpenFile("h20-dup-b", Content);
            ExpectSameText(r, "F_DUPFD_CLOEXEC at or above 100", ExpText(r, "Probe_duplicate_above", a, 100), NewDescriptor(r, ExportProbes, await r.Async(("fd", b), ("minimum", 100)), 100));
        },
        ["fp.fcntl_dupfd_safefilehandle_result"] = async r =>
        {
            ExpectSameText(r, "closed fd", ExpText(r, "Probe_duplicate_handle", HeldOutRun.NotAnOpenFd, 100),
                NewDescriptor(r, ExportProbes, await r.Async(("fd", Borrowed(HeldOutRun.NotAnOpenFd)), ("minimum", 100)), 100));
            int a = r.OpenFile("h20-duph-a", Content), b = r.OpenFile("h20-duph-b", Content);
            ExpectSameText(r, "F_DUPFD_CLOEXEC into a SafeFileHandle", ExpText(r, "Probe_duplicate_handle", a, 100),
                NewDescriptor(r, ExportProbes, await r.Async(("fd", Borrowed(b)), ("minimum", 100)), 100));
        },
        ["fp.eventfd_read_out_ulong"] = async r =>
        {
            r.ExpectBadFd(ExpLong(r, "Probe_read_counter", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = Made(r, ExpLong(r, "Probe_eventfd", 7), "eventfd"), b = Made(r, ExpLong(r, "Probe_eventfd", 7), "eventfd");
            VariantOutcome v = await r.Async(("fd", b));
            ExpectResult(r, "read of an eventfd holding 7", 8, v);
            ExpectWritten(r, "the counter", ExpLong(r, "Probe_read_counter", a), v, "value");
        },
        ["fp.getrandom_raw_syscall_marked"] = async r =>
        {
            r.ExpectSame("16 random bytes", ExpLong(r, "Probe_random", 16, 0u), await r.Async(("buf", new byte[16]), ("length", (nuint)16), ("flags", 0u)));
            r.ExpectSame("unknown flags (EINVAL)", ExpLong(r, "Probe_random", 16, 0xFF00u), await r.Async(("buf", new byte[16]), ("length", (nuint)16), ("flags", 0xFF00u)));
        },
        ["fp.getcwd_pointer_result"] = async r =>
        {
            byte[] buffer = new byte[4096];
            VariantOutcome v = await r.Async(("buf", buffer), ("size", (nuint)4096));
            string variant = v.Errno is int e ? "E" + e : v.Number is long p && p != 0 ? Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0)) : v.ToString();
            ExpectSameText(r, "getcwd into 4096 bytes", ExpText(r, "Probe_current_directory", 4096), variant);
            byte[] small = new byte[1];
            VariantOutcome tooSmall = await r.Async(("buf", small), ("size", (nuint)1));
            ExpectSameText(r, "getcwd into 1 byte (ERANGE)", ExpText(r, "Probe_current_directory", 1), tooSmall.Errno is int te ? "E" + te : tooSmall.ToString());
        },
        ["fp.table_struct_parameter"] = r => ReadRun(r, "h20-table", fd => ExpText(r, "Probe_read_with", fd, 10),
            (fd, buffer) => r.Async(("table", r.CallStatic(ExportProbes, "Table")), ("fd", fd), ("buffer", buffer))),
        ["fp.instance_table_read_span"] = r => ReadRun(r, "h20-binding-read", fd => ExpText(r, "Probe_binding_read", fd, 10),
            (fd, buffer) => r.AsyncOn(r.NewObject("HeldOut.Exports.Binding"), ("fd", fd), ("buffer", buffer))),
        ["fp.instance_table_write_array"] = r => WriteRun(r, "h20-binding-write", Encoding.ASCII.GetBytes("bound"),
            fd => ExpLong(r, "Probe_binding_write", fd, Encoding.ASCII.GetBytes("bound")), fd => r.AsyncOn(r.NewObject("HeldOut.Exports.Binding"), ("fd", fd), ("data", Encoding.ASCII.GetBytes("bound")))),
        ["cc.recv_cdecl_suppress_gc_libraryimport"] = async r =>
        {
            long syncPair = ExpLong(r, "Probe_socketpair"), asyncPair = ExpLong(r, "Probe_socketpair");
            int syncA = Made(r, syncPair >> 32, "socketpair"), syncB = Made(r, (int)syncPair, "socketpair");
            int asyncA = Made(r, asyncPair >> 32, "socketpair"), asyncB = Made(r, (int)asyncPair, "socketpair");
            ExpLong(r, "Probe_send_text", syncB, "hello");
            ExpLong(r, "Probe_send_text", asyncB, "hello");
            byte[] buffer = new byte[16];
            string sync = (string)r.CallStatic(ExportLibraryImportProbes, "Probe_recv", syncA, 16)!;
            ExpectSameText(r, "recv of 'hello' queued", sync, ReadText(await r.Async(("sockfd", asyncA), ("buf", buffer), ("len", (nuint)16), ("flags", 0)), buffer));
            byte[] closed = new byte[16];
            ExpectSameText(r, "closed fd", (string)r.CallStatic(ExportLibraryImportProbes, "Probe_recv", HeldOutRun.NotAnOpenFd, 16)!,
                ReadText(await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", closed), ("len", (nuint)16), ("flags", 0)), closed));
        },
        ["cc.body_calls_suppress_gc_getpid_import"] = async r => r.ExpectSame("getpid without the GC transition, in a body", ExpLong(r, "Probe_process_id"), await r.Async()),
        ["cc.fsync_cdecl_libraryimport"] = r => DescriptorOnlyRun(r, "h20-fsync-cc", fd => Convert.ToInt64(r.CallStatic(ExportLibraryImportProbes, "Probe_fsync", fd)), fd => r.Async(("fd", fd))),
    };

    /// <summary>LOCK_EX|LOCK_NB: a closed descriptor, a free file, then a file held through another open file (EWOULDBLOCK, never a wait).</summary>
    private static async Task FlockRun(HeldOutRun r, string name, string probe)
    {
        r.ExpectBadFd(ExpLong(r, probe, HeldOutRun.NotAnOpenFd, LockExclusiveNonBlocking), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("operation", LockExclusiveNonBlocking)));
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        r.ExpectSame("LOCK_EX|LOCK_NB of a free file", ExpLong(r, probe, a, LockExclusiveNonBlocking), await r.Async(("fd", b), ("operation", LockExclusiveNonBlocking)));
        // Opened raw: File.OpenHandle takes a shared flock of its own, which the lock just taken refuses.
        int otherA = Made(r, ExpLong(r, "Probe_open", Path.Combine(r.Directory, name + "-a"), 2), "open");
        int otherB = Made(r, ExpLong(r, "Probe_open", Path.Combine(r.Directory, name + "-b"), 2), "open");
        r.ExpectSame("LOCK_EX|LOCK_NB of a held file (EWOULDBLOCK)", ExpLong(r, probe, otherA, LockExclusiveNonBlocking), await r.Async(("fd", otherB), ("operation", LockExclusiveNonBlocking)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> LatestRuns() => new()
    {
        ["ia.read_inline_array_pointer"] = r => ReadRun(r, "h20-inline-ptr", fd => LatText(r, "Probe_read_pointer", fd, 10),
            (fd, buffer) => r.Async(("fd", fd), ("buf", buffer), ("count", (nuint)10))),
        ["ia.read_inline_array_out"] = r => InlineOutRun(r, "h20-inline-out", fd => LatText(r, "Probe_read_out", fd, 10), fd => r.Async(("fd", fd), ("count", (nuint)10))),
        ["ia.read_ordinary_inline_array_ref"] = r => InlineOutRun(r, "h20-inline-ref", fd => LatText(r, "Probe_fill", fd), fd => r.Async(("fd", fd))),
        ["ia.getsockname_ref_inline_storage"] = async r =>
        {
            int a = Made(r, LatLong(r, "Probe_udp_socket"), "socket"), b = Made(r, LatLong(r, "Probe_udp_socket"), "socket");
            LatLong(r, "Probe_bind_loopback", a);
            LatLong(r, "Probe_bind_loopback", b);
            VariantOutcome v = await r.Async(("sockfd", b), ("addrlen", 128u));
            object? storage = FindValueOf(v.Result, "SockaddrStorage");
            string variant = v.Errno is int e ? "E" + e : storage is not null ? (string)r.CallStatic(LatestProbeType, "FamilyText", storage, Dig(v.Result, "addrlen") ?? -1)! : v.ToString();
            ExpectSameText(r, "a UDP socket bound to 127.0.0.1", LatText(r, "Probe_getsockname", a), variant);
            VariantOutcome closed = await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addrlen", 128u));
            ExpectSameText(r, "closed fd", LatText(r, "Probe_getsockname", HeldOutRun.NotAnOpenFd), closed.Errno is int ce ? "E" + ce : closed.ToString());
        },
        ["ia.pipe2_out_inline_pair"] = async r =>
        {
            VariantOutcome v = await r.Async(("flags", 0x80000));
            object? pair = FindValueOf(v.Result, "Descriptors");
            ExpectSameText(r, "pipe2(O_CLOEXEC)", LatText(r, "Probe_pipe2", 0x80000), v.Errno is int e ? "E" + e : pair is not null ? (string)r.CallStatic(LatestProbeType, "PipeText", pair)! : v.ToString());
            VariantOutcome bad = await r.Async(("flags", 0x1));
            ExpectSameText(r, "unknown flags (EINVAL)", LatText(r, "Probe_pipe2", 0x1), bad.Errno is int be ? "E" + be : bad.ToString());
        },
        ["rr.write_ref_readonly_byte_dllimport"] = r => WriteRun(r, "h20-write-ref", Encoding.ASCII.GetBytes("by ref"),
            fd => LatLong(r, "Probe_write_ref", fd, Encoding.ASCII.GetBytes("by ref")), fd => r.Async(("fd", fd), ("buf", Encoding.ASCII.GetBytes("by ref")), ("count", (nuint)6))),
        ["rr.pread_ref_readonly_offset_ordinary"] = r => ReadRun(r, "h20-read-from", fd => LatText(r, "Probe_read_from", fd, 10, 3L),
            (fd, buffer) => r.Async(("fd", fd), ("buffer", buffer), ("offset", 3L))),
        ["sc.scoped_span_ordinary_worker"] = r => ReadRun(r, "h20-drain", fd => LatText(r, "Probe_drain", fd, 10), (fd, buffer) => r.Async(("fd", fd), ("buffer", buffer))),
        ["sc.scoped_ref_counter"] = async r =>
        {
            r.ExpectBadFd(LatLong(r, "Probe_counter", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("value", 0UL)));
            int a = Made(r, LatLong(r, "Probe_eventfd", 7), "eventfd"), b = Made(r, LatLong(r, "Probe_eventfd", 7), "eventfd");
            VariantOutcome v = await r.Async(("fd", b), ("value", 0UL));
            ExpectResult(r, "read of an eventfd holding 7", 8, v);
            ExpectWritten(r, "the counter", LatLong(r, "Probe_counter", a), v, "value");
        },
        ["u8.open_readonlyspan_utf8_path"] = async r =>
        {
            string file = Path.Combine(r.Directory, "h20-utf8");
            File.WriteAllBytes(file, Content);
            foreach (string path in new[] { file, file + "-missing" })
            {
                VariantOutcome v = await r.Async(("path", Encoding.UTF8.GetBytes(path + "\0")), ("flags", 0x80000));
                ExpectSameText(r, "open of " + Path.GetFileName(path) + " by its UTF-8 bytes (NUL after them)", LatText(r, "Probe_open_utf8", path), NewDescriptor(r, LatestProbeType, v, 0));
            }
        },
        ["u8.open_fixed_literal"] = async r => ExpectSameText(r, "open of the literal /dev/null", LatText(r, "Probe_open_null"), NewDescriptor(r, LatestProbeType, await r.Async(), 0)),
        ["ce.writev_collection_expression"] = r => WriteRun(r, "h20-parts", Encoding.ASCII.GetBytes("headbody!"),
            fd => LatLong(r, "Probe_write_parts", fd, Encoding.ASCII.GetBytes("head"), Encoding.ASCII.GetBytes("body!")),
            fd => r.Async(("fd", fd), ("head", Encoding.ASCII.GetBytes("head")), ("body", Encoding.ASCII.GetBytes("body!")))),
        ["al.write_pointer_alias"] = r => WriteRun(r, "h20-aliased", Encoding.ASCII.GetBytes("alias"),
            fd => LatLong(r, "Probe_write_aliased", fd, Encoding.ASCII.GetBytes("alias")), fd => r.Async(("fd", fd), ("buf", Encoding.ASCII.GetBytes("alias")), ("count", (nuint)5))),
        ["al.function_pointer_alias_field"] = r => WriteRun(r, "h20-emit", Encoding.ASCII.GetBytes("emitted"),
            fd => LatLong(r, "Probe_emit", fd, Encoding.ASCII.GetBytes("emitted")), fd => r.Async(("fd", fd), ("data", Encoding.ASCII.GetBytes("emitted")))),
        ["pc.class_primary_ctor_read"] = r => ReadRun(r, "h20-channel", fd => LatText(r, "Probe_receive", fd, 10),
            (fd, buffer) => r.AsyncOn(r.NewObject("HeldOut.Latest.Channel", fd), ("buffer", buffer))),
        ["pc.class_primary_ctor_fsync"] = r => DescriptorOnlyRun(r, "h20-channel-flush", fd => LatLong(r, "Probe_flush", fd), fd => r.AsyncOn(r.NewObject("HeldOut.Latest.Channel", fd))),
        ["pc.ctor_parameter_named_ring"] = async r =>
        {
            r.ExpectBadFd(LatLong(r, "Probe_enter", HeldOutRun.NotAnOpenFd), await r.AsyncOn(r.NewObject("HeldOut.Latest.Uring", HeldOutRun.NotAnOpenFd), ("toSubmit", 0u), ("minComplete", 0u), ("flags", 0u)));
            int a = r.OpenFile("h20-uring-a", Content), b = r.OpenFile("h20-uring-b", Content);
            r.ExpectSame("io_uring_enter on a regular file (EOPNOTSUPP)", LatLong(r, "Probe_enter", a), await r.AsyncOn(r.NewObject("HeldOut.Latest.Uring", b), ("toSubmit", 0u), ("minComplete", 0u), ("flags", 0u)));
        },
        ["pc.safehandle_pwrite_default_offset"] = r => WriteRun(r, "h20-journal", Encoding.ASCII.GetBytes("entry"),
            fd => LatLong(r, "Probe_append", fd, Encoding.ASCII.GetBytes("entry")), fd => r.AsyncOn(r.NewObject("HeldOut.Latest.Journal", Borrowed(fd)), ("data", Encoding.ASCII.GetBytes("entry")))),
        ["sa.static_abstract_extern_read"] = r => ReadRun(r, "h20-static-abstract", fd => LatText(r, "Probe_static_abstract_read", fd, 10),
            (fd, buffer) => r.Async(("fd", fd), ("buf", buffer), ("count", (nuint)10))),
        ["sa.interface_static_method_body"] = r => DescriptorOnlyRun(r, "h20-interface", fd => LatLong(r, "Probe_interface_flush", fd), fd => r.Async(("fd", fd))),
        ["def.openat_default_path_and_flags"] = async r =>
            ExpectSameText(r, "openat(AT_FDCWD) with the default path and flags", LatText(r, "Probe_openat_defaults", -100), NewDescriptor(r, LatestProbeType, await r.Async(("dirfd", -100)), 0)),
        ["def.openat_flags_enum_combination"] = async r =>
        {
            string file = Path.Combine(r.Directory, "h20-open-with");
            File.WriteAllBytes(file, Content);
            ExpectSameText(r, "openat with the default flags and mode", LatText(r, "Probe_open_with", -100, file), NewDescriptor(r, LatestProbeType, await r.Async(("dirfd", -100), ("path", file)), 0));
            ExpectSameText(r, "a missing path (ENOENT)", LatText(r, "Probe_open_with", -100, file + "-missing"), NewDescriptor(r, LatestProbeType, await r.Async(("dirfd", -100), ("path", file + "-missing")), 0));
        },
        ["def.fadvise_enum_default"] = r => DescriptorOnlyRun(r, "h20-advise", fd => LatLong(r, "Probe_advise", fd), fd => r.Async(("fd", fd))),
        ["def.ordinary_default_const_expression"] = async r =>
        {
            string file = Path.Combine(r.Directory, "h20-nonblocking");
            File.WriteAllBytes(file, Content);
            ExpectSameText(r, "open with the default flags (O_NONBLOCK among them)", LatText(r, "Probe_open_nonblocking", file), NewDescriptor(r, LatestProbeType, await r.Async(("path", file)), 0));
        },
        ["fl.file_local_bindings_public_wrapper"] = r => ReadRun(r, "h20-peek", fd => LatText(r, "Probe_peek", fd, 10, 3L), (fd, buffer) => r.Async(("fd", fd), ("buffer", buffer), ("offset", 3L))),
    };

    /// <summary>A read into a 64-byte [InlineArray] the call writes: the variant gives the struct back (alone or in a result record).</summary>
    private static async Task InlineOutRun(HeldOutRun r, string name, Func<int, string> sync, Func<int, Task<VariantOutcome>> variant)
    {
        int a = r.OpenFile(name + "-a", Content), b = r.OpenFile(name + "-b", Content);
        foreach ((string what, int syncFd, int asyncFd) in new[] { ("a read into the inline array", a, b), ("closed fd", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd) })
        {
            VariantOutcome v = await variant(asyncFd);
            object? buffer = FindValueOf(v.Result, "Buffer64");
            long? count = v.Result?.GetType().GetProperty("ReturnValue") is { } returned ? HeldOutRunner.AsNumber(returned.GetValue(v.Result)) : null;
            string text = v.Errno is int e ? "E" + e
                : buffer is not null && count is long n ? n + ":" + Convert.ToHexString((byte[])r.CallStatic(LatestProbeType, "BytesOf", buffer)!, 0, (int)n)
                : v.ToString();
            ExpectSameText(r, what, sync(syncFd), text);
        }
    }
}
