using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirteenth blind round (Lookups.case, Ipc.case), written with the case files, before the
/// generator was run on them. Lookups run on temp files, pipes, the pseudo-terminal master, the name service's own root and
/// nobody entries and numeric addresses (no name is resolved over a network); message queues get names unique to the test
/// process, unlinked when the test ends; System V objects are made with IPC_PRIVATE and removed when the test ends. Each side
/// works on its own object where the call changes one; where a call reads shared state (a group, a queue's attributes) both
/// look at the same one.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string LookupProbes = "HeldOut.Lookups.LookupProbes";
    private const string IpcProbeType = "HeldOut.Ipc.IpcProbes";
    private const int IpcStat = 2, IpcRmid = 0, IpcNoWait = 0x800, MsgNoError = 0x1000;
    private const int GetVal = 12, SetVal = 16;
    private const int ONonBlock = 0x800, ORdWr = 2, OCreat = 0x40, OExcl = 0x80;

    private static int _queueNumber;

    private static Dictionary<string, (string, string)> WithThirteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Lookups"] = (HeldOutProbes.Lookups, HeldOutProbes.LookupsLibraryImport);
        probes["Ipc"] = (HeldOutProbes.Ipc, HeldOutProbes.IpcLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ErrorConventionRuns().Concat(LookupRuns()).Concat(QueueRuns()).Concat(SystemVRuns()).Concat(PipeRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>Something the run made, undone when the test ends.</summary>
    private sealed class Undo(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    [DllImport("libc", EntryPoint = "mq_unlink")]
    private static extern int UnlinkQueueForCleanup(string name);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void FreeForCleanup(nint pointer);

    private static long Take(HeldOutRun r, string type, int index) => (long)r.CallStatic(type, "TakeValue", index)!;

    private static string? TakeText(HeldOutRun r, string type) => (string?)r.CallStatic(type, "TakeText");

    /// <summary>
    /// A call whose variant may return its out-values in place of the call's own result: a result record's ReturnValue is
    /// compared; a variant that returns only the out-value (the call's 0 dropped) is a success where the sync call succeeded.
    /// </summary>
    private static void ExpectCall(HeldOutRun r, string what, long sync, VariantOutcome v)
    {
        bool record = v.Result is not null && v.Result.GetType().GetProperty("ReturnValue") is not null;
        if (sync >= 0 && v.Errno is null && v.Other is null && !record && v.Result is not null && !v.Result.GetType().IsPrimitive && v.Result is not nint and not string)
        {
            r.Row.Runs.Add(what + ": sync returned " + sync + ", async returned " + v.Result + " (its out-values)");
            return;
        }

        if (sync == 0 && v.Errno is null && v.Other is null && !record)
        {
            // The out-value alone (posix_memalign's address): the call succeeded, its 0 is not returned.
            r.Row.Runs.Add(what + ": sync returned 0, async returned " + v + " (its out-value)");
            return;
        }

        r.ExpectSame(what, sync, v);
    }

    /// <summary>A value the variant returned: the member of a result record, or the result itself when it is the one out-value.</summary>
    private static long? OutOf(VariantOutcome v, string member) =>
        v.Errno is not null || v.Other is not null ? null : HeldOutRun.Member(v.Result, member) ?? (v.Result is not null && v.Result.GetType().GetProperty("ReturnValue") is null ? HeldOutRunner.AsNumber(v.Result) : null);

    private static void SameOut(HeldOutRun r, string what, long sync, VariantOutcome v, string member)
    {
        long? value = OutOf(v, member);
        r.Row.Runs.Add(what + ": sync " + sync + ", async " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none in " + v));
        if (value != sync)
        {
            r.Row.Problems.Add(what + ": the variant gave " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing (" + v + ")") + " where the sync wrapper wrote " + sync);
        }
    }

    private static void SameText(HeldOutRun r, string what, string? sync, string? variant)
    {
        r.Row.Runs.Add(what + ": sync '" + sync + "', async '" + variant + "'");
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": the variant gave '" + variant + "' where the sync wrapper gave '" + sync + "'");
        }
    }

    private static long Native(HeldOutRun r, long pointer)
    {
        r.Track(new Undo(() => Marshal.FreeHGlobal((nint)pointer)));
        return pointer;
    }

    private static async Task AdviceRun(HeldOutRun r, string probe, string lengthName)
    {
        (string, object?)[] Args(int fd, long offset, long length, int advice) => new (string, object?)[] { ("fd", fd), ("offset", offset), (lengthName, length), ("advice", advice) };
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, 0L, 0L, 2), await r.Async(Args(HeldOutRun.NotAnOpenFd, 0, 0, 2)));
        int a = r.OpenFile(probe + "-a", Content), b = r.OpenFile(probe + "-b", Content);
        r.ExpectSame("POSIX_FADV_SEQUENTIAL on a file", r.Sync(probe, a, 0L, 0L, 2), await r.Async(Args(b, 0, 0, 2)));
        r.ExpectSame("an unknown advice (EINVAL)", r.Sync(probe, a, 0L, 0L, 99), await r.Async(Args(b, 0, 0, 99)));
        (int pa, _) = Pipe(r);
        (int pb, _) = Pipe(r);
        r.ExpectSame("on a pipe (ESPIPE)", r.Sync(probe, pa, 0L, 0L, 2), await r.Async(Args(pb, 0, 0, 2)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ErrorConventionRuns() => new()
    {
        ["look.posix_fallocate_libraryimport_safehandle"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fallocate_li", HeldOutRun.NotAnOpenFd, 0L, 4096L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 0L), ("len", 4096L)));
            int a = r.OpenFile("pfa-a", Content), b = r.OpenFile("pfa-b", Content);
            r.ExpectSame("8192 bytes from 0", r.Sync("Probe_fallocate_li", a, 0L, 8192L), await r.Async(("fd", b), ("offset", 0L), ("len", 8192L)));
            r.ExpectSame("the file's size after", r.Sync("Probe_size", a), Value(r.Sync("Probe_size", b)));
            r.ExpectSame("a length of 0 (EINVAL)", r.Sync("Probe_fallocate_li", a, 0L, 0L), await r.Async(("fd", b), ("offset", 0L), ("len", 0L)));
            (int pa, _) = Pipe(r);
            (int pb, _) = Pipe(r);
            r.ExpectSame("on a pipe (ESPIPE)", r.Sync("Probe_fallocate_li", pa, 0L, 10L), await r.Async(("fd", pb), ("offset", 0L), ("len", 10L)));
            int ra = Made(r, r.Sync("Probe_open_ro", Path.Combine(r.Directory, "pfa-a")), "open read-only");
            int rb = Made(r, r.Sync("Probe_open_ro", Path.Combine(r.Directory, "pfa-b")), "open read-only");
            r.ExpectSame("through a read-only descriptor (EBADF)", r.Sync("Probe_fallocate_li", ra, 0L, 10L), await r.Async(("fd", rb), ("offset", 0L), ("len", 10L)));
        },
        ["look.posix_fadvise_setlasterror_enum"] = r => AdviceRun(r, "Probe_fadvise", "len"),
        ["look.posix_fadvise_ordinary_sets_errno"] = r => AdviceRun(r, "Probe_advise_errno", "length"),
        ["look.posix_memalign_out_stated"] = async r =>
        {
            long sync = r.Sync("Probe_memalign", 64L, 100L);
            long syncPointer = Take(r, LookupProbes, 0);
            VariantOutcome v = await r.Async(("alignment", 64L), ("size", 100L));
            ExpectCall(r, "64-byte aligned, 100 bytes", sync, v);
            long? pointer = OutOf(v, "memptr");
            r.ExpectSame("the address is set and 64-byte aligned", syncPointer != 0 && syncPointer % 64 == 0 ? 1 : 0, Value(pointer is long p && p != 0 && p % 64 == 0 ? 1 : 0));
            FreeForCleanup((nint)syncPointer);
            if (pointer is long allocated && allocated != 0)
            {
                FreeForCleanup((nint)allocated);
            }

            r.ExpectSame("an alignment of 3 (EINVAL)", r.Sync("Probe_memalign", 3L, 100L), await r.Async(("alignment", 3L), ("size", 100L)));
            r.ExpectSame("2^62 bytes (ENOMEM)", r.Sync("Probe_memalign", 64L, 1L << 62), await r.Async(("alignment", 64L), ("size", 1L << 62)));
        },
        ["look.posix_spawn_file_actions_out_pid"] = async r =>
        {
            string[] Argv(string path) => new[] { path, null! };
            long actions = r.Sync("Probe_file_actions", "/dev/null");
            r.Track(new Undo(() => r.Sync("Probe_free_file_actions", actions)));
            (string, object?)[] Args(string path, long fileActions) => new (string, object?)[] { ("path", path), ("file_actions", fileActions), ("attrp", 0L), ("argv", Argv(path)), ("envp", new string?[] { null }) };
            long sync = r.Sync("Probe_spawn", "/bin/true", actions);
            long syncPid = Take(r, LookupProbes, 0);
            VariantOutcome v = await r.Async(Args("/bin/true", actions));
            ExpectCall(r, "spawn /bin/true opening /dev/null as fd 5", sync, v);
            long? pid = OutOf(v, "pid");
            r.ExpectSame("the child's exit status", syncPid > 0 ? r.Sync("Probe_reap", (int)syncPid) : -1, Value(pid is long p && p > 0 ? r.Sync("Probe_reap", (int)p) : -2));
            r.ExpectSame("a missing program (ENOENT)", r.Sync("Probe_spawn", "/nonexistent/asyncsys", actions), await r.Async(Args("/nonexistent/asyncsys", actions)));
            long failing = r.Sync("Probe_file_actions", "/nonexistent/dir/file");
            r.Track(new Undo(() => r.Sync("Probe_free_file_actions", failing)));
            r.ExpectSame("a file action that fails in the child (ENOENT)", r.Sync("Probe_spawn", "/bin/true", failing), await r.Async(Args("/bin/true", failing)));
        },
        ["look.pthread_attr_setstacksize_stated"] = async r =>
        {
            long a = Native(r, r.Sync("Probe_new_attr")), b = Native(r, r.Sync("Probe_new_attr"));
            r.ExpectSame("1 MiB", r.Sync("Probe_setstacksize", a, 1L << 20), await r.Async(("attr", b), ("stacksize", 1L << 20)));
            r.ExpectSame("the size read back", r.Sync("Probe_stacksize_of", a), Value(r.Sync("Probe_stacksize_of", b)));
            r.ExpectSame("16 bytes, below PTHREAD_STACK_MIN (EINVAL)", r.Sync("Probe_setstacksize", a, 16L), await r.Async(("attr", b), ("stacksize", 16L)));
        },
        ["look.strerror_r_xsi_array"] = async r =>
        {
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("ENOENT into 64 bytes", r.Sync("Probe_strerror", 2, sync, 64L), await r.Async(("errnum", 2), ("buf", variant), ("buflen", 64L)));
            r.ExpectBytes("the text", sync, variant);
            r.ExpectSame("into 4 bytes (ERANGE)", r.Sync("Probe_strerror", 2, new byte[4], 4L), await r.Async(("errnum", 2), ("buf", new byte[4]), ("buflen", 4L)));
            byte[] unknownSync = new byte[64], unknownVariant = new byte[64];
            r.ExpectSame("an unknown error number (EINVAL)", r.Sync("Probe_strerror", 99999, unknownSync, 64L), await r.Async(("errnum", 99999), ("buf", unknownVariant), ("buflen", 64L)));
            r.ExpectBytes("the text for it", unknownSync, unknownVariant);
        },
        ["look.ttyname_r_stated"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_ttyname", HeldOutRun.NotAnOpenFd, new byte[64], 64L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", new byte[64]), ("buflen", 64L)));
            (int pa, _) = Pipe(r);
            (int pb, _) = Pipe(r);
            r.ExpectSame("a pipe (ENOTTY)", r.Sync("Probe_ttyname", pa, new byte[64], 64L), await r.Async(("fd", pb), ("buf", new byte[64]), ("buflen", 64L)));
            if (File.Exists("/dev/ptmx"))
            {
                int ta = Made(r, r.Sync("Probe_open_rw", "/dev/ptmx"), "open /dev/ptmx"), tb = Made(r, r.Sync("Probe_open_rw", "/dev/ptmx"), "open /dev/ptmx");
                byte[] sync = new byte[64], variant = new byte[64];
                r.ExpectSame("a pseudo-terminal master", r.Sync("Probe_ttyname", ta, sync, 64L), await r.Async(("fd", tb), ("buf", variant), ("buflen", 64L)));
                r.ExpectBytes("its name", sync, variant);
                r.ExpectSame("into 2 bytes (ERANGE)", r.Sync("Probe_ttyname", ta, new byte[2], 2L), await r.Async(("fd", tb), ("buf", new byte[2]), ("buflen", 2L)));
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> LookupRuns() => new()
    {
        ["look.realpath_null_resolved_nint"] = async r =>
        {
            Directory.CreateDirectory(Path.Combine(r.Directory, "rp"));
            string path = Path.Combine(r.Directory, "rp", ".", "..", "rp");
            long sync = r.Sync("Probe_realpath", path);
            string? syncText = TakeText(r, LookupProbes);
            VariantOutcome v = await r.Async(("path", path), ("resolved", 0L));
            r.Row.Runs.Add("a path with . and ..: sync " + sync + ", async " + v);
            if (v.Number is long p && p != 0 && v.Errno is null)
            {
                SameText(r, "the resolved path", syncText, Marshal.PtrToStringUTF8((nint)p));
                FreeForCleanup((nint)p);
            }
            else
            {
                r.Row.Problems.Add("a path with . and ..: the variant " + v + " where the sync wrapper resolved '" + syncText + "'");
            }

            string missing = Path.Combine(r.Directory, "rp-missing", "x");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_realpath", missing), await r.Async(("path", missing), ("resolved", 0L)));
        },
        ["look.realpath_string_result"] = async r =>
        {
            const string Probes = "HeldOut.Lookups.LookupLibraryImportProbes";
            string path = r.Directory + "/./";
            long sync = r.Sync("Probe_realpath_string", path);
            string? syncText = TakeText(r, Probes);
            VariantOutcome v = await r.Async(("path", path), ("resolved", 0L));
            r.Row.Runs.Add("a path: sync " + sync + ", async " + v);
            SameText(r, "the resolved path", syncText, v.Result as string);
            string missing = Path.Combine(r.Directory, "rps-missing");
            long syncMissing = r.Sync("Probe_realpath_string", missing);
            VariantOutcome vm = await r.Async(("path", missing), ("resolved", 0L));
            r.ExpectSame("a missing path (ENOENT; the wrapper returns null)", syncMissing, vm.Errno is null && vm.Other is null && vm.Result is null ? Value(0) : vm);
        },
        ["look.realpath_ordinary_nullable_result"] = async r =>
        {
            string path = r.Directory + "/.";
            r.Sync("Probe_canonical", path);
            SameText(r, "a path", TakeText(r, LookupProbes), (await r.Async(("path", path))).Result as string);
            string missing = Path.Combine(r.Directory, "canon-missing");
            r.Sync("Probe_canonical", missing);
            VariantOutcome v = await r.Async(("path", missing));
            SameText(r, "a missing path (null)", TakeText(r, LookupProbes), v.Errno is not null || v.Other is not null ? v.ToString() : v.Result as string);
        },
        ["look.readlink_libraryimport_span"] = async r =>
        {
            string link = Path.Combine(r.Directory, "rl-link");
            File.CreateSymbolicLink(link, "target-0123");
            byte[] sync = Enumerable.Repeat((byte)0xee, 32).ToArray(), variant = Enumerable.Repeat((byte)0xee, 32).ToArray();
            r.ExpectSame("a link into 32 bytes (11, no NUL)", r.Sync("Probe_readlink", link, sync, 32L), await r.Async(("path", link), ("buf", variant), ("bufsiz", 32L)));
            r.ExpectBytes("the bytes (the rest untouched)", sync, variant);
            byte[] shortSync = new byte[4], shortVariant = new byte[4];
            r.ExpectSame("into 4 bytes (truncated to 4)", r.Sync("Probe_readlink", link, shortSync, 4L), await r.Async(("path", link), ("buf", shortVariant), ("bufsiz", 4L)));
            r.ExpectBytes("the 4 bytes", shortSync, shortVariant);
            string file = Path.Combine(r.Directory, "rl-file");
            File.WriteAllBytes(file, Content);
            r.ExpectSame("not a link (EINVAL)", r.Sync("Probe_readlink", file, sync, 32L), await r.Async(("path", file), ("buf", variant), ("bufsiz", 32L)));
            string missing = Path.Combine(r.Directory, "rl-missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_readlink", missing, sync, 32L), await r.Async(("path", missing), ("buf", variant), ("bufsiz", 32L)));
        },
        ["look.sysconf_stated"] = async r =>
        {
            r.ExpectSame("_SC_PAGESIZE", r.Sync("Probe_sysconf", 30), await r.Async(("name", 30)));
            r.ExpectSame("_SC_NPROCESSORS_ONLN", r.Sync("Probe_sysconf", 84), await r.Async(("name", 84)));
            r.ExpectSame("an unknown name (EINVAL)", r.Sync("Probe_sysconf", 99999), await r.Async(("name", 99999)));
            // _SC_TRACE: an option glibc does not support: -1 with errno unchanged (sysconf(3)), which is no failure.
            long sync = r.Sync("Probe_sysconf", 181);
            long errno = Take(r, LookupProbes, 1);
            VariantOutcome v = await r.Async(("name", 181));
            r.Row.Runs.Add("_SC_TRACE: sync " + sync + " (errno " + errno + "), async " + v);
            if (sync == -1 && errno == 0 && (v.Errno is not null || v.Other is not null || v.Number != -1))
            {
                r.Row.Problems.Add("_SC_TRACE: the variant " + v + " where the sync wrapper returned -1 and left errno 0 (an unsupported option, not a failure)");
            }
        },
        ["look.confstr_nullable_array_enum"] = async r =>
        {
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("_CS_PATH into 64 bytes", r.Sync("Probe_confstr", 0, sync, 64L), await r.Async(("name", 0), ("buf", variant), ("len", 64L)));
            r.ExpectBytes("the value", sync, variant);
            r.ExpectSame("NULL and 0 ask the size", r.Sync("Probe_confstr", 2, null, 0L), await r.Async(("name", 2), ("buf", null), ("len", 0L)));
            byte[] shortSync = new byte[4], shortVariant = new byte[4];
            r.ExpectSame("_CS_GNU_LIBC_VERSION into 4 bytes (the full size, truncated)", r.Sync("Probe_confstr", 2, shortSync, 4L), await r.Async(("name", 2), ("buf", shortVariant), ("len", 4L)));
            r.ExpectBytes("the truncated value", shortSync, shortVariant);
            r.ExpectSame("an unknown name (EINVAL)", r.Sync("Probe_confstr", 9999, sync, 64L), await r.Async(("name", 9999), ("buf", variant), ("len", 64L)));
        },
        ["look.getpwnam_r_out_struct_array_out_result"] = async r =>
        {
            foreach (string name in new[] { "root", "nobody" })
            {
                byte[] sync = new byte[1024], variant = new byte[1024];
                long rc = r.Sync("Probe_getpwnam", name, sync, 1024L);
                long uid = Take(r, LookupProbes, 0), found = Take(r, LookupProbes, 1);
                VariantOutcome v = await r.Async(("name", name), ("buf", variant), ("buflen", 1024L));
                ExpectCall(r, "'" + name + "'", rc, v);
                SameOut(r, "'" + name + "': pw_uid", uid, v, "pw_uid");
                r.ExpectSame("'" + name + "': *result set", found, Value(OutOf(v, "result") is long p && p != 0 ? 1 : 0));
                r.ExpectBytes("'" + name + "': the strings in the buffer", sync, variant);
            }

            long missing = r.Sync("Probe_getpwnam", "asyncsys-no-such-user", new byte[1024], 1024L);
            long missingFound = Take(r, LookupProbes, 1);
            VariantOutcome vm = await r.Async(("name", "asyncsys-no-such-user"), ("buf", new byte[1024]), ("buflen", 1024L));
            ExpectCall(r, "a missing user (0)", missing, vm);
            r.ExpectSame("a missing user: *result NULL", missingFound, Value(OutOf(vm, "result") is long q && q != 0 ? 1 : 0));
            r.ExpectSame("a 4-byte buffer (ERANGE)", r.Sync("Probe_getpwnam", "root", new byte[4], 4L), await r.Async(("name", "root"), ("buf", new byte[4]), ("buflen", 4L)));
        },
        ["look.getpwuid_r_marked"] = async r =>
        {
            byte[] sync = new byte[1024], variant = new byte[1024];
            long rc = r.Sync("Probe_getpwuid", 65534u, sync, 1024L);
            long gid = Take(r, LookupProbes, 0), found = Take(r, LookupProbes, 1);
            TakeText(r, LookupProbes);
            VariantOutcome v = await r.Async(("uid", 65534u), ("buf", variant), ("buflen", 1024L));
            ExpectCall(r, "uid 65534", rc, v);
            SameOut(r, "uid 65534: pw_gid", gid, v, "pw_gid");
            r.ExpectSame("uid 65534: *result set", found, Value(OutOf(v, "result") is long p && p != 0 ? 1 : 0));
            r.ExpectBytes("uid 65534: the strings in the buffer", sync, variant);
            long none = r.Sync("Probe_getpwuid", 54321u, new byte[1024], 1024L);
            long noneFound = Take(r, LookupProbes, 1);
            VariantOutcome vn = await r.Async(("uid", 54321u), ("buf", new byte[1024]), ("buflen", 1024L));
            ExpectCall(r, "a uid with no entry (0)", none, vn);
            r.ExpectSame("a uid with no entry: *result NULL", noneFound, Value(OutOf(vn, "result") is long q && q != 0 ? 1 : 0));
            r.ExpectSame("a 4-byte buffer (ERANGE)", r.Sync("Probe_getpwuid", 0u, new byte[4], 4L), await r.Async(("uid", 0u), ("buf", new byte[4]), ("buflen", 4L)));
        },
        ["look.getgrnam_r_ordinary_out_gid"] = async r =>
        {
            foreach ((string what, string name, int size) in new[] { ("'root'", "root", 1024), ("a missing group (gid left at the maximum)", "asyncsys-no-such-group", 1024), ("a 4-byte buffer (ERANGE)", "root", 4) })
            {
                long rc = r.Sync("Probe_group_id", name, size);
                long gid = Take(r, LookupProbes, 0);
                VariantOutcome v = await r.Async(("name", name), ("bufferSize", size));
                ExpectCall(r, what, rc, v);
                if (rc == 0)
                {
                    SameOut(r, what + ": gid", gid, v, "gid");
                }
            }

            VariantOutcome defaulted = await r.Async(("name", "root"));
            SameOut(r, "'root' with the default buffer: gid", 0, defaulted, "gid");
        },
        ["look.getgrgid_r_instance_out_name"] = async r =>
        {
            foreach ((string what, uint size, uint gid) in new[] { ("gid 0", 1024u, 0u), ("a gid with no entry (null)", 1024u, 54321u), ("a 4-byte buffer (ERANGE)", 4u, 0u) })
            {
                long rc = r.Sync("Probe_group_name", size, gid);
                string? name = TakeText(r, LookupProbes);
                VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Lookups.GroupDatabase", size), ("gid", gid));
                ExpectCall(r, what, rc, v);
                if (rc == 0)
                {
                    object? result = v.Result;
                    string? variantName = result as string ?? result?.GetType().GetProperty("Name")?.GetValue(result) as string;
                    SameText(r, what + ": the name", name, variantName);
                }
            }
        },
        ["look.getaddrinfo_nint_hints_out_res"] = async r =>
        {
            long hints = Native(r, r.Sync("Probe_hints"));
            foreach ((string what, string? node, string? service) in new[] { ("127.0.0.1 port 80", "127.0.0.1", "80"), ("a name with AI_NUMERICHOST (EAI_NONAME)", "localhost", "80"), ("neither node nor service (EAI_NONAME)", null, null) })
            {
                long rc = r.Sync("Probe_getaddrinfo", node, service, hints);
                long syncList = Take(r, LookupProbes, 0);
                VariantOutcome v = await r.Async(("node", node), ("service", service), ("hints", hints));
                ExpectCall(r, what, rc, v);
                long? list = OutOf(v, "res");
                SameText(r, what + ": the first entry", (string)r.CallStatic(LookupProbes, "Describe_addrinfo", syncList)!, list is long l ? (string)r.CallStatic(LookupProbes, "Describe_addrinfo", l)! : "(no list: " + v + ")");
                r.Sync("Probe_free_addrinfo", syncList);
                if (list is long made && made != 0 && made != syncList)
                {
                    r.Sync("Probe_free_addrinfo", made);
                }
            }
        },
        ["look.getnameinfo_arrays"] = async r =>
        {
            byte[] address = { 2, 0, 0, 80, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
            (string, object?)[] Args(int addrlen, byte[] host, int hostlen, byte[] serv) => new (string, object?)[]
            {
                ("addr", address), ("addrlen", (uint)addrlen), ("host", host), ("hostlen", (uint)hostlen), ("serv", serv), ("servlen", (uint)serv.Length), ("flags", 3),
            };
            byte[] hostSync = new byte[64], hostVariant = new byte[64], servSync = new byte[16], servVariant = new byte[16];
            r.ExpectSame("127.0.0.1:80, numeric", r.Sync("Probe_getnameinfo", address, 16, hostSync, 64, servSync, 16, 3), await r.Async(Args(16, hostVariant, 64, servVariant)));
            r.ExpectBytes("the host", hostSync, hostVariant);
            r.ExpectBytes("the service", servSync, servVariant);
            r.ExpectSame("a 2-byte host buffer (EAI_OVERFLOW)", r.Sync("Probe_getnameinfo", address, 16, new byte[2], 2, new byte[16], 16, 3), await r.Async(Args(16, new byte[2], 2, new byte[16])));
            r.ExpectSame("an address length of 3 (EAI_FAMILY)", r.Sync("Probe_getnameinfo", address, 3, new byte[64], 64, new byte[16], 16, 3), await r.Async(Args(3, new byte[64], 64, new byte[16])));
        },
    };

    /// <summary>A queue name unique to this test process, unlinked when the test ends.</summary>
    private static string QueueName(HeldOutRun r)
    {
        string name = "/asyncsys-h13-" + Environment.ProcessId + "-" + Interlocked.Increment(ref _queueNumber);
        r.Track(new Undo(() => UnlinkQueueForCleanup(name)));
        return name;
    }

    /// <summary>A new queue (4 messages of at most 64 bytes by default), closed and unlinked when the test ends.</summary>
    private static int NewQueue(HeldOutRun r, long maxmsg = 4, long msgsize = 64, bool nonBlocking = true)
    {
        string name = QueueName(r);
        return Made(r, r.Sync("Probe_mq_new", name, maxmsg, msgsize, nonBlocking ? ONonBlock : 0), "mq_open " + name);
    }

    private static void Send(HeldOutRun r, int queue, string text, uint priority)
    {
        if (r.Sync("Probe_mq_send", queue, Encoding.ASCII.GetBytes(text), (long)text.Length, priority) != 0)
        {
            throw new InvalidOperationException("mq_send failed; the run is wrong");
        }
    }

    /// <summary>A queue-making call: same failure, or a queue on each side with the same attributes (closed by the run).</summary>
    private static void ExpectQueue(HeldOutRun r, string what, long sync, VariantOutcome v)
    {
        ExpectNewDescriptor(r, what, sync, v, fd =>
        {
            long rc = r.Sync("Probe_mq_getattr", (int)fd);
            return rc < 0 ? "not a queue (" + rc + ")" : "a queue of " + Take(r, IpcProbeType, 1) + " x " + Take(r, IpcProbeType, 2) + " bytes, flags " + Take(r, IpcProbeType, 0) + ", " + Take(r, IpcProbeType, 3) + " queued";
        });
    }

    /// <summary>Receives on a pair of queues holding the same messages: same count, priority and bytes; then EMSGSIZE, then EAGAIN.</summary>
    private static async Task ReceiveRun(HeldOutRun r, string probe, Func<int, byte[], long, (string, object?)[]> arguments, string priorityName, bool takesLength = true)
    {
        int a = NewQueue(r), b = NewQueue(r);
        foreach (int q in new[] { a, b })
        {
            Send(r, q, "low", 1);
            Send(r, q, "urgent", 7);
        }

        byte[] sync = new byte[64], variant = new byte[64];
        long n = r.Sync(probe, a, sync, 64L);
        long priority = Take(r, IpcProbeType, 0);
        VariantOutcome v = await r.Async(arguments(b, variant, 64L));
        r.ExpectSame("the highest-priority message first", n, v);
        SameOut(r, "its priority", priority, v, priorityName);
        r.ExpectBytes("its bytes", sync, variant);
        if (takesLength)
        {
            r.ExpectSame("a length below mq_msgsize (EMSGSIZE)", r.Sync(probe, a, new byte[64], 16L), await r.Async(arguments(b, new byte[64], 16L)));
        }

        r.Sync(probe, a, new byte[64], 64L);
        await r.Async(arguments(b, new byte[64], 64L));
        r.ExpectSame("an empty non-blocking queue (EAGAIN)", r.Sync(probe, a, new byte[64], 64L), await r.Async(arguments(b, new byte[64], 64L)));
        r.ExpectSame("a descriptor not open (EBADF)", r.Sync(probe, HeldOutRun.NotAnOpenFd, new byte[64], 64L), await r.Async(arguments(HeldOutRun.NotAnOpenFd, new byte[64], 64L)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> QueueRuns() => new()
    {
        ["ipc.mq_open_nint_attr"] = async r =>
        {
            long attr = Native(r, r.Sync("Probe_attr", 3L, 32L));
            (string, object?)[] Args(string name, int oflag, long attrs) => new (string, object?)[] { ("name", name), ("oflag", oflag), ("mode", 384u), ("attr", attrs) };
            string na = QueueName(r), nb = QueueName(r);
            ExpectQueue(r, "create with 3 x 32 bytes", r.Sync("Probe_mq_open", na, ORdWr | OCreat | OExcl, 384u, attr), await r.Async(Args(nb, ORdWr | OCreat | OExcl, attr)));
            ExpectQueue(r, "create again with O_EXCL (EEXIST)", r.Sync("Probe_mq_open", na, ORdWr | OCreat | OExcl, 384u, attr), await r.Async(Args(nb, ORdWr | OCreat | OExcl, attr)));
            string missingA = QueueName(r), missingB = QueueName(r);
            ExpectQueue(r, "open a missing queue (ENOENT)", r.Sync("Probe_mq_open", missingA, ORdWr, 384u, 0L), await r.Async(Args(missingB, ORdWr, 0)));
            ExpectQueue(r, "a name with a second slash (EACCES)", r.Sync("Probe_mq_open", "/a/b", ORdWr | OCreat, 384u, 0L), await r.Async(Args("/a/b", ORdWr | OCreat, 0)));
            long huge = Native(r, r.Sync("Probe_attr", 1L << 20, 32L));
            string ha = QueueName(r), hb = QueueName(r);
            ExpectQueue(r, "more messages than msg_max allows (EINVAL)", r.Sync("Probe_mq_open", ha, ORdWr | OCreat, 384u, huge), await r.Async(Args(hb, ORdWr | OCreat, huge)));
        },
        ["ipc.mq_open_safehandle_result"] = async r =>
        {
            long attr = Native(r, r.Sync("Probe_attr", 2L, 16L));
            (string, object?)[] Args(string name, int oflag) => new (string, object?)[] { ("name", name), ("oflag", oflag), ("mode", 384u), ("attr", attr) };
            string na = QueueName(r), nb = QueueName(r);
            ExpectQueue(r, "create with 2 x 16 bytes", r.Sync("Probe_mq_open_handle", na, ORdWr | OCreat | OExcl, 384u, attr), await r.Async(Args(nb, ORdWr | OCreat | OExcl)));
            ExpectQueue(r, "O_EXCL again (EEXIST; the handle is the failure)", r.Sync("Probe_mq_open_handle", na, ORdWr | OCreat | OExcl, 384u, attr), await r.Async(Args(nb, ORdWr | OCreat | OExcl)));
            string ma = QueueName(r), mb = QueueName(r);
            ExpectQueue(r, "a missing queue (ENOENT)", r.Sync("Probe_mq_open_handle", ma, ORdWr, 384u, attr), await r.Async(Args(mb, ORdWr)));
        },
        ["ipc.mq_create_ordinary_defaults"] = async r =>
        {
            string na = QueueName(r), nb = QueueName(r);
            ExpectQueue(r, "limits by default (4 x 64, blocking)", r.Sync("Probe_create_queue", na, 4L, 64L, false), await r.Async(("name", nb)));
            string ca = QueueName(r), cb = QueueName(r);
            ExpectQueue(r, "2 x 8 bytes, non-blocking", r.Sync("Probe_create_queue", ca, 2L, 8L, true), await r.Async(("name", cb), ("maxMessages", 2L), ("messageSize", 8L), ("nonBlocking", true)));
            ExpectQueue(r, "the same name again (EEXIST)", r.Sync("Probe_create_queue", na, 4L, 64L, false), await r.Async(("name", nb)));
            string za = QueueName(r), zb = QueueName(r);
            ExpectQueue(r, "a message size of 0 (EINVAL)", r.Sync("Probe_create_queue", za, 4L, 0L, false), await r.Async(("name", zb), ("messageSize", 0L)));
        },
        ["ipc.mq_send_array"] = async r =>
        {
            byte[] message = Encoding.ASCII.GetBytes("hello");
            int a = NewQueue(r, maxmsg: 1), b = NewQueue(r, maxmsg: 1);
            r.ExpectSame("5 bytes at priority 3", r.Sync("Probe_mq_send", a, message, 5L, 3u), await r.Async(("mqdes", b), ("msg_ptr", message), ("msg_len", 5L), ("msg_prio", 3u)));
            r.ExpectSame("what was queued", r.Sync("Probe_mq_getattr", a) + Take(r, IpcProbeType, 3), Value(r.Sync("Probe_mq_getattr", b) + Take(r, IpcProbeType, 3)));
            r.ExpectSame("a full non-blocking queue (EAGAIN)", r.Sync("Probe_mq_send", a, message, 5L, 3u), await r.Async(("mqdes", b), ("msg_ptr", message), ("msg_len", 5L), ("msg_prio", 3u)));
            byte[] large = new byte[100];
            int c = NewQueue(r), d = NewQueue(r);
            r.ExpectSame("100 bytes into a 64-byte queue (EMSGSIZE)", r.Sync("Probe_mq_send", c, large, 100L, 0u), await r.Async(("mqdes", d), ("msg_ptr", large), ("msg_len", 100L), ("msg_prio", 0u)));
            r.ExpectSame("priority 32768, past MQ_PRIO_MAX (EINVAL)", r.Sync("Probe_mq_send", c, message, 5L, 32768u), await r.Async(("mqdes", d), ("msg_ptr", message), ("msg_len", 5L), ("msg_prio", 32768u)));
            r.ExpectBadFd(r.Sync("Probe_mq_send", HeldOutRun.NotAnOpenFd, message, 5L, 0u), await r.Async(("mqdes", HeldOutRun.NotAnOpenFd), ("msg_ptr", message), ("msg_len", 5L), ("msg_prio", 0u)));
        },
        ["ipc.mq_send_libraryimport_span"] = async r =>
        {
            byte[] message = Encoding.ASCII.GetBytes("0123456789");
            int a = NewQueue(r), b = NewQueue(r);
            r.ExpectSame("4 of 10 bytes, priority by default", r.Sync("Probe_mq_send_span", a, message, 4L, 0u), await r.Async(("mqdes", b), ("msg_ptr", message), ("msg_len", 4L)));
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("the message's length", r.Sync("Probe_mq_receive", a, sync, 64L), Value(r.Sync("Probe_mq_receive", b, variant, 64L)));
            r.ExpectBytes("the message", sync, variant);
            byte[] large = new byte[100];
            r.ExpectSame("100 bytes into a 64-byte queue (EMSGSIZE)", r.Sync("Probe_mq_send_span", a, large, 100L, 0u), await r.Async(("mqdes", b), ("msg_ptr", large), ("msg_len", 100L)));
        },
        ["ipc.mq_receive_out_array_out_prio"] = r => ReceiveRun(r, "Probe_mq_receive", (q, buffer, length) => new (string, object?)[] { ("mqdes", q), ("msg_ptr", buffer), ("msg_len", length) }, "msg_prio"),
        ["ipc.mq_receive_marked_pointers"] = r => ReceiveRun(r, "Probe_mq_receive_marked", (q, buffer, length) => new (string, object?)[] { ("mqdes", q), ("msg_ptr", buffer.AsMemory(0, (int)length)) }, "msg_prio"),
        ["ipc.mq_timedreceive_nint_timeout"] = async r =>
        {
            long past = Native(r, r.Sync("Probe_timespec", 0L, true));
            await ReceiveRun(r, "Probe_mq_timedreceive_past", (q, buffer, length) => new (string, object?)[] { ("mqdes", q), ("msg_ptr", buffer), ("msg_len", length), ("abs_timeout", past) }, "msg_prio");
        },
        ["ipc.mq_receive_within_ordinary_cancel_hook"] = async r =>
        {
            int a = NewQueue(r, nonBlocking: false), b = NewQueue(r, nonBlocking: false);
            Send(r, a, "ready", 5);
            Send(r, b, "ready", 5);
            byte[] sync = new byte[64], variant = new byte[64];
            long n = r.Sync("Probe_receive_within", a, sync, 100);
            long priority = Take(r, IpcProbeType, 0);
            VariantOutcome v = await r.Async(("mqdes", b), ("buffer", variant), ("milliseconds", 100));
            r.ExpectSame("a queued message within 100 ms", n, v);
            SameOut(r, "its priority", priority, v, "priority");
            r.ExpectBytes("its bytes", sync, variant);
            r.ExpectSame("nothing within 50 ms (ETIMEDOUT)", r.Sync("Probe_receive_within", a, new byte[64], 50), await r.Async(("mqdes", b), ("buffer", new byte[64]), ("milliseconds", 50)));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            VariantOutcome waited = await r.Async(("mqdes", b), ("buffer", new byte[64]), ("milliseconds", 60_000), ("cancellationToken", cancel.Token));
            r.Row.Runs.Add("nothing within a minute, cancelled after 300 ms: async " + waited);
            if (waited.Other is not OperationCanceledException)
            {
                r.Row.Problems.Add("a receive cancelled after 300 ms: the variant " + waited + " where it must end with OperationCanceledException");
            }
        },
        ["ipc.mq_getattr_out"] = async r =>
        {
            int a = NewQueue(r, maxmsg: 3, msgsize: 40);
            Send(r, a, "one", 0);
            long rc = r.Sync("Probe_mq_getattr", a);
            long[] sync = { Take(r, IpcProbeType, 0), Take(r, IpcProbeType, 1), Take(r, IpcProbeType, 2), Take(r, IpcProbeType, 3) };
            VariantOutcome v = await r.Async(("mqdes", a));
            ExpectCall(r, "the same queue's attributes", rc, v);
            SameOut(r, "mq_flags (O_NONBLOCK)", sync[0], v, "mq_flags");
            SameOut(r, "mq_maxmsg", sync[1], v, "mq_maxmsg");
            SameOut(r, "mq_msgsize", sync[2], v, "mq_msgsize");
            SameOut(r, "mq_curmsgs", sync[3], v, "mq_curmsgs");
            r.ExpectBadFd(r.Sync("Probe_mq_getattr", HeldOutRun.NotAnOpenFd), await r.Async(("mqdes", HeldOutRun.NotAnOpenFd)));
            (int pipe, _) = Pipe(r);
            r.ExpectSame("a pipe (EBADF: not a queue)", r.Sync("Probe_mq_getattr", pipe), await r.Async(("mqdes", pipe)));
        },
        ["ipc.mq_unlink_libraryimport"] = async r =>
        {
            string na = QueueName(r), nb = QueueName(r);
            Made(r, r.Sync("Probe_mq_new", na, 2L, 8L, 0), "mq_open");
            Made(r, r.Sync("Probe_mq_new", nb, 2L, 8L, 0), "mq_open");
            r.ExpectSame("an existing queue", r.Sync("Probe_mq_unlink", na), await r.Async(("name", nb)));
            r.ExpectSame("again (ENOENT)", r.Sync("Probe_mq_unlink", na), await r.Async(("name", nb)));
            r.ExpectSame("a name without a slash (EINVAL)", r.Sync("Probe_mq_unlink", "noslash"), await r.Async(("name", "noslash")));
        },
        ["ipc.queue_instance_send"] = async r =>
        {
            byte[] message = Encoding.ASCII.GetBytes("instance");
            int a = NewQueue(r, maxmsg: 1), b = NewQueue(r, maxmsg: 1);
            object queue = r.NewObject("HeldOut.Ipc.MessageQueue", b);
            r.ExpectSame("8 bytes, priority by default", r.Sync("Probe_queue_send", a, message, 1u), await r.AsyncOn(queue, ("message", message)));
            byte[] sync = new byte[64], variant = new byte[64];
            long n = r.Sync("Probe_mq_receive", a, sync, 64L);
            long priority = Take(r, IpcProbeType, 0);
            r.ExpectSame("the message's length", n, Value(r.Sync("Probe_mq_receive", b, variant, 64L)));
            r.ExpectSame("its priority", priority, Value(Take(r, IpcProbeType, 0)));
            r.ExpectBytes("its bytes", sync, variant);
            r.Sync("Probe_queue_send", a, message, 1u);
            await r.AsyncOn(queue, ("message", message));
            r.ExpectSame("a full non-blocking queue (EAGAIN)", r.Sync("Probe_queue_send", a, message, 1u), await r.AsyncOn(queue, ("message", message)));
        },
        ["ipc.queue_instance_receive"] = async r =>
        {
            int a = NewQueue(r), b = NewQueue(r);
            Send(r, a, "first", 2);
            Send(r, b, "first", 2);
            byte[] sync = new byte[64], variant = new byte[64];
            long n = r.Sync("Probe_queue_receive", a, sync);
            long priority = Take(r, IpcProbeType, 0);
            VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Ipc.MessageQueue", b), ("buffer", variant));
            r.ExpectSame("a queued message", n, v);
            SameOut(r, "its priority", priority, v, "priority");
            r.ExpectBytes("its bytes", sync, variant);
            r.ExpectSame("a 16-byte buffer (EMSGSIZE)", r.Sync("Probe_queue_receive", a, new byte[16]), await r.AsyncOn(r.NewObject("HeldOut.Ipc.MessageQueue", b), ("buffer", new byte[16])));
            r.ExpectSame("empty (EAGAIN)", r.Sync("Probe_queue_receive", a, new byte[64]), await r.AsyncOn(r.NewObject("HeldOut.Ipc.MessageQueue", b), ("buffer", new byte[64])));
        },
    };

    private static int NewMessageQueue(HeldOutRun r)
    {
        long id = r.Sync("Probe_msg_new");
        if (id < 0)
        {
            throw new InvalidOperationException("msgget failed: " + id + "; the run is wrong");
        }

        r.Track(new Undo(() => r.Sync("Probe_msg_remove", (int)id)));
        return (int)id;
    }

    private static int NewSemaphores(HeldOutRun r, int count, int value)
    {
        long id = r.Sync("Probe_sem_new", count);
        if (id < 0)
        {
            throw new InvalidOperationException("semget failed: " + id + "; the run is wrong");
        }

        r.Track(new Undo(() => r.Sync("Probe_sem_remove", (int)id)));
        for (int i = 0; i < count; i++)
        {
            r.Sync("Probe_semset", (int)id, i, value);
        }

        return (int)id;
    }

    private static int NewSegment(HeldOutRun r, long size)
    {
        long id = r.Sync("Probe_shm_new", size);
        if (id < 0)
        {
            throw new InvalidOperationException("shmget failed: " + id + "; the run is wrong");
        }

        r.Track(new Undo(() => r.Sync("Probe_shm_remove", (int)id)));
        return (int)id;
    }

    private static byte[] Message(HeldOutRun r, long type, string text) => (byte[])r.CallStatic(IpcProbeType, "Message", type, Encoding.ASCII.GetBytes(text))!;

    private static object Ops(HeldOutRun r, int num, int op, int flags) => r.CallStatic(IpcProbeType, "Ops", num, op, flags)!;

    /// <summary>A semop-like call on a set of two semaphores at 1: take one, take two without waiting (EAGAIN), a semaphore past the set (EFBIG), a removed set.</summary>
    private static async Task SemaphoreRun(HeldOutRun r, string probe, Func<int, object, long, (string, object?)[]> arguments)
    {
        int a = NewSemaphores(r, 2, 1), b = NewSemaphores(r, 2, 1);
        r.ExpectSame("take one", r.Sync(probe, a, 0, -1, 0, 1L), await r.Async(arguments(b, Ops(r, 0, -1, 0), 1)));
        r.ExpectSame("the value after", r.Sync("Probe_semval", a, 0), Value(r.Sync("Probe_semval", b, 0)));
        r.ExpectSame("take two with IPC_NOWAIT (EAGAIN)", r.Sync(probe, a, 1, -2, IpcNoWait, 1L), await r.Async(arguments(b, Ops(r, 1, -2, IpcNoWait), 1)));
        r.ExpectSame("semaphore 5 of 2 (EFBIG)", r.Sync(probe, a, 5, 1, 0, 1L), await r.Async(arguments(b, Ops(r, 5, 1, 0), 1)));
        r.ExpectSame("no set with that id (EINVAL)", r.Sync(probe, -5, 0, 1, 0, 1L), await r.Async(arguments(-5, Ops(r, 0, 1, 0), 1)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SystemVRuns() => new()
    {
        ["sysv.msgget_stated"] = async r =>
        {
            long sync = r.Sync("Probe_msgget", 0, 0x200 | 384);
            VariantOutcome v = await r.Async(("key", 0), ("msgflg", 0x200 | 384));
            r.Row.Runs.Add("IPC_PRIVATE | IPC_CREAT: sync " + sync + ", async " + v);
            foreach (long id in new[] { sync, v.Number ?? -1 }.Where(id => id >= 0))
            {
                r.Sync("Probe_msg_remove", (int)id);
            }

            if (sync < 0 || v.Errno is not null || v.Other is not null || v.Number is not >= 0)
            {
                r.Row.Problems.Add("IPC_PRIVATE | IPC_CREAT: the variant " + v + " where the sync wrapper made queue " + sync);
            }

            int key = 0x5a000000 | (Environment.ProcessId & 0xffffff);
            r.ExpectSame("a key with no queue, no IPC_CREAT (ENOENT)", r.Sync("Probe_msgget", key, 384), await r.Async(("key", key), ("msgflg", 384)));
        },
        ["sysv.msgsnd_array"] = async r =>
        {
            int a = NewMessageQueue(r), b = NewMessageQueue(r);
            byte[] message = Message(r, 3, "hello");
            r.ExpectSame("type 3, 5 bytes", r.Sync("Probe_msgsnd", a, message, 5L, 0), await r.Async(("msqid", b), ("msgp", message), ("msgsz", 5L), ("msgflg", 0)));
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("the text's length received", r.Sync("Probe_msgrcv", a, sync, 56L, 0L, IpcNoWait), Value(r.Sync("Probe_msgrcv", b, variant, 56L, 0L, IpcNoWait)));
            r.ExpectBytes("the message received", sync, variant);
            r.ExpectSame("type 0 (EINVAL)", r.Sync("Probe_msgsnd", a, Message(r, 0, "x"), 1L, 0), await r.Async(("msqid", b), ("msgp", Message(r, 0, "x")), ("msgsz", 1L), ("msgflg", 0)));
            r.ExpectSame("no queue with that id (EINVAL)", r.Sync("Probe_msgsnd", -5, message, 5L, 0), await r.Async(("msqid", -5), ("msgp", message), ("msgsz", 5L), ("msgflg", 0)));
        },
        ["sysv.msgrcv_out_array"] = async r =>
        {
            int a = NewMessageQueue(r), b = NewMessageQueue(r);
            foreach (int q in new[] { a, b })
            {
                r.Sync("Probe_msgsnd", q, Message(r, 4, "four"), 4L, 0);
                r.Sync("Probe_msgsnd", q, Message(r, 9, "ninety"), 6L, 0);
            }

            (string, object?)[] Args(int id, byte[] buffer, long size, long type, int flags) => new (string, object?)[] { ("msqid", id), ("msgp", buffer), ("msgsz", size), ("msgtyp", type), ("msgflg", flags) };
            byte[] sync = new byte[32], variant = new byte[32];
            r.ExpectSame("type 9", r.Sync("Probe_msgrcv", a, sync, 24L, 9L, IpcNoWait), await r.Async(Args(b, variant, 24, 9, IpcNoWait)));
            r.ExpectBytes("the message (mtype, then text)", sync, variant);
            r.ExpectSame("2 bytes of a 4-byte text (E2BIG)", r.Sync("Probe_msgrcv", a, new byte[32], 2L, 0L, IpcNoWait), await r.Async(Args(b, new byte[32], 2, 0, IpcNoWait)));
            byte[] cutSync = new byte[32], cutVariant = new byte[32];
            r.ExpectSame("2 bytes with MSG_NOERROR (cut to 2)", r.Sync("Probe_msgrcv", a, cutSync, 2L, 0L, IpcNoWait | MsgNoError), await r.Async(Args(b, cutVariant, 2, 0, IpcNoWait | MsgNoError)));
            r.ExpectBytes("the cut message", cutSync, cutVariant);
            r.ExpectSame("empty, IPC_NOWAIT (ENOMSG)", r.Sync("Probe_msgrcv", a, new byte[32], 24L, 0L, IpcNoWait), await r.Async(Args(b, new byte[32], 24, 0, IpcNoWait)));
            r.ExpectSame("no queue with that id (EINVAL)", r.Sync("Probe_msgrcv", -5, new byte[32], 24L, 0L, IpcNoWait), await r.Async(Args(-5, new byte[32], 24, 0, IpcNoWait)));
        },
        ["sysv.msgrcv_ordinary_span_text"] = async r =>
        {
            int a = NewMessageQueue(r), b = NewMessageQueue(r);
            foreach (int q in new[] { a, b })
            {
                r.Sync("Probe_msgsnd", q, Message(r, 6, "sixsix"), 6L, 0);
            }

            byte[] sync = new byte[16], variant = new byte[16];
            long n = r.Sync("Probe_receive_text", a, 0L, sync, IpcNoWait);
            long type = Take(r, IpcProbeType, 0);
            VariantOutcome v = await r.Async(("queue", b), ("wanted", 0L), ("text", variant), ("flags", IpcNoWait));
            r.ExpectSame("any type, into 16 bytes", n, v);
            SameOut(r, "its type", type, v, "type");
            r.ExpectBytes("its text", sync, variant);
            r.ExpectSame("empty, IPC_NOWAIT (ENOMSG)", r.Sync("Probe_receive_text", a, 0L, new byte[16], IpcNoWait), await r.Async(("queue", b), ("wanted", 0L), ("text", new byte[16]), ("flags", IpcNoWait)));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            VariantOutcome waited = await r.Async(("queue", b), ("wanted", 0L), ("text", new byte[16]), ("cancellationToken", cancel.Token));
            r.Row.Runs.Add("empty, waiting (flags by default), cancelled after 300 ms: async " + waited);
            if (waited.Other is not OperationCanceledException)
            {
                r.Row.Problems.Add("a waiting msgrcv cancelled after 300 ms: the variant " + waited + " where it must end with OperationCanceledException");
            }
        },
        ["sysv.msgctl_stat_out"] = async r =>
        {
            int a = NewMessageQueue(r);
            r.Sync("Probe_msgsnd", a, Message(r, 1, "abc"), 3L, 0);
            long rc = r.Sync("Probe_msgstat", a, IpcStat);
            long qnum = Take(r, IpcProbeType, 0), cbytes = Take(r, IpcProbeType, 1), mode = Take(r, IpcProbeType, 2);
            VariantOutcome v = await r.Async(("msqid", a), ("cmd", IpcStat));
            ExpectCall(r, "IPC_STAT of one queue", rc, v);
            SameOut(r, "msg_qnum", qnum, v, "msg_qnum");
            SameOut(r, "msg_cbytes", cbytes, v, "msg_cbytes");
            long? variantMode = OutOf(v, "mode");
            r.ExpectSame("the permission bits", mode, Value(variantMode is long m ? m & 0x1ff : -1));
            r.ExpectSame("no queue with that id (EINVAL)", r.Sync("Probe_msgstat", -5, IpcStat), await r.Async(("msqid", -5), ("cmd", IpcStat)));
        },
        ["sysv.semop_marked_array_size_param"] = r => SemaphoreRun(r, "Probe_semop_counted", (id, ops, n) => new (string, object?)[] { ("semid", id), ("sops", ops), ("nsops", n) }),
        ["sysv.semop_libraryimport_span"] = r => SemaphoreRun(r, "Probe_semop_span", (id, ops, n) => new (string, object?)[] { ("semid", id), ("sops", ops), ("nsops", n) }),
        ["sysv.semtimedop_nint_timeout"] = async r =>
        {
            long timeout = Native(r, r.Sync("Probe_timespec", 50L, false));
            await SemaphoreRun(r, "Probe_semtimedop_one", (id, ops, n) => new (string, object?)[] { ("semid", id), ("sops", ops), ("nsops", n), ("timeout", timeout) });
            int a = NewSemaphores(r, 1, 0), b = NewSemaphores(r, 1, 0);
            r.ExpectSame("wait 50 ms for a semaphore at 0 (EAGAIN)", r.Sync("Probe_semtimedop", a, 0, -1, 0, timeout), await r.Async(("semid", b), ("sops", Ops(r, 0, -1, 0)), ("nsops", 1L), ("timeout", timeout)));
        },
        ["sysv.sem_wait_ordinary_cancel_hook"] = async r =>
        {
            int a = NewSemaphores(r, 1, 2), b = NewSemaphores(r, 1, 2);
            r.ExpectSame("take 2 of 2", r.Sync("Probe_sem_wait", a, 0, 2), await r.Async(("semid", b), ("semaphore", 0), ("count", 2)));
            r.ExpectSame("the value after", r.Sync("Probe_semval", a, 0), Value(r.Sync("Probe_semval", b, 0)));
            r.ExpectSame("semaphore 3 of 1 (EFBIG)", r.Sync("Probe_sem_wait", a, 3, 1), await r.Async(("semid", b), ("semaphore", 3), ("count", 1)));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            VariantOutcome waited = await r.Async(("semid", b), ("cancellationToken", cancel.Token));
            r.Row.Runs.Add("a semaphore at 0, count by default, cancelled after 300 ms: async " + waited);
            if (waited.Other is not OperationCanceledException)
            {
                r.Row.Problems.Add("a waiting semop cancelled after 300 ms: the variant " + waited + " where it must end with OperationCanceledException");
            }

            r.ExpectSame("the value after the cancelled wait (unchanged)", r.Sync("Probe_semval", a, 0), Value(r.Sync("Probe_semval", b, 0)));
        },
        ["sysv.semctl_getval_stated"] = async r =>
        {
            int a = NewSemaphores(r, 2, 3);
            r.ExpectSame("GETVAL of semaphore 1", r.Sync("Probe_semctl", a, 1, GetVal, 0L), await r.Async(("semid", a), ("semnum", 1), ("cmd", GetVal), ("arg", 0L)));
            int b = NewSemaphores(r, 2, 3), c = NewSemaphores(r, 2, 3);
            r.ExpectSame("SETVAL 7", r.Sync("Probe_semctl", b, 0, SetVal, 7L), await r.Async(("semid", c), ("semnum", 0), ("cmd", SetVal), ("arg", 7L)));
            r.ExpectSame("the value after", r.Sync("Probe_semval", b, 0), Value(r.Sync("Probe_semval", c, 0)));
            r.ExpectSame("SETVAL -1 (ERANGE)", r.Sync("Probe_semctl", b, 0, SetVal, -1L), await r.Async(("semid", c), ("semnum", 0), ("cmd", SetVal), ("arg", -1L)));
            r.ExpectSame("an unknown command (EINVAL)", r.Sync("Probe_semctl", b, 0, 999, 0L), await r.Async(("semid", c), ("semnum", 0), ("cmd", 999), ("arg", 0L)));
        },
        ["shm.shmget_nuint_size"] = async r =>
        {
            long sync = r.Sync("Probe_shmget", 0, 8192L, 0x200 | 384);
            VariantOutcome v = await r.Async(("key", 0), ("size", 8192L), ("shmflg", 0x200 | 384));
            r.Row.Runs.Add("IPC_PRIVATE | IPC_CREAT, 8192 bytes: sync " + sync + ", async " + v);
            foreach (long id in new[] { sync, v.Number ?? -1 }.Where(id => id >= 0))
            {
                r.Track(new Undo(() => r.Sync("Probe_shm_remove", (int)id)));
            }

            if (sync < 0 || v.Errno is not null || v.Other is not null || v.Number is not >= 0)
            {
                r.Row.Problems.Add("IPC_PRIVATE | IPC_CREAT: the variant " + v + " where the sync wrapper made segment " + sync);
            }
            else
            {
                r.ExpectSame("the segment's size", r.Sync("Probe_shmstat", (int)sync, IpcStat) + Take(r, IpcProbeType, 0), Value(r.Sync("Probe_shmstat", (int)v.Number!, IpcStat) + Take(r, IpcProbeType, 0)));
            }

            r.ExpectSame("size 0 (EINVAL)", r.Sync("Probe_shmget", 0, 0L, 0x200 | 384), await r.Async(("key", 0), ("size", 0L), ("shmflg", 0x200 | 384)));
            int key = 0x5b000000 | (Environment.ProcessId & 0xffffff);
            r.ExpectSame("a key with no segment, no IPC_CREAT (ENOENT)", r.Sync("Probe_shmget", key, 4096L, 384), await r.Async(("key", key), ("size", 4096L), ("shmflg", 384)));
        },
        ["shm.shmat_nint_minus_one"] = async r =>
        {
            int id = NewSegment(r, 4096);
            long sync = r.Sync("Probe_shmat", id, 0L, 0);
            VariantOutcome v = await r.Async(("shmid", id), ("shmaddr", 0L), ("shmflg", 0));
            r.Row.Runs.Add("attach one segment twice: sync " + sync + ", async " + v);
            if (sync > 0)
            {
                r.Track(new Undo(() => r.Sync("Probe_shmdt_raw", sync)));
                Marshal.WriteInt64((nint)sync, 0x1122334455667788);
            }

            if (v.Number is long address && address > 0 && v.Errno is null)
            {
                r.Track(new Undo(() => r.Sync("Probe_shmdt_raw", address)));
                r.ExpectSame("the bytes written through the sync attach, read through the variant's", sync > 0 ? 0x1122334455667788 : -1, Value(Marshal.ReadInt64((nint)address)));
            }
            else
            {
                r.Row.Problems.Add("attach: the variant " + v + " where the sync wrapper attached at 0x" + sync.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            }

            r.ExpectSame("no segment with that id (EINVAL)", r.Sync("Probe_shmat", -5, 0L, 0), await r.Async(("shmid", -5), ("shmaddr", 0L), ("shmflg", 0)));
            r.ExpectSame("an address not page-aligned without SHM_RND (EINVAL)", r.Sync("Probe_shmat", id, 0x1000_0000_0001L, 0), await r.Async(("shmid", id), ("shmaddr", 0x1000_0000_0001L), ("shmflg", 0)));
        },
        ["shm.shmat_safehandle_result"] = async r =>
        {
            int id = NewSegment(r, 4096);
            long sync = r.Sync("Probe_shmat_handle", id, 0L, 0);
            VariantOutcome v = await r.Async(("shmid", id), ("shmaddr", 0L), ("shmflg", 0));
            long? address = v.Result is SafeHandle handle ? (long)handle.DangerousGetHandle() : null;
            r.Row.Runs.Add("attach: sync " + sync + ", async " + v + (address is long a ? " at 0x" + a.ToString("x", System.Globalization.CultureInfo.InvariantCulture) : ""));
            if (sync > 0)
            {
                r.Track(new Undo(() => r.Sync("Probe_shmdt_raw", sync)));
                Marshal.WriteInt64((nint)sync, 0x0102030405060708);
            }

            if (address is long attached && attached > 0)
            {
                r.ExpectSame("the bytes written through the sync attach, read through the variant's", sync > 0 ? 0x0102030405060708 : -1, Value(Marshal.ReadInt64((nint)attached)));
                ((SafeHandle)v.Result!).Dispose();
            }
            else
            {
                r.Row.Problems.Add("attach: the variant " + v + " where the sync wrapper attached");
            }

            r.ExpectSame("no segment with that id (EINVAL; the handle is the failure)", r.Sync("Probe_shmat_handle", -5, 0L, 0), await r.Async(("shmid", -5), ("shmaddr", 0L), ("shmflg", 0)));
        },
        ["shm.shmctl_stat_out"] = async r =>
        {
            int id = NewSegment(r, 12288);
            long attached = r.Sync("Probe_shmat", id, 0L, 0);
            r.Track(new Undo(() => r.Sync("Probe_shmdt_raw", attached)));
            long rc = r.Sync("Probe_shmstat", id, IpcStat);
            long size = Take(r, IpcProbeType, 0), attaches = Take(r, IpcProbeType, 1), mode = Take(r, IpcProbeType, 2);
            VariantOutcome v = await r.Async(("shmid", id), ("cmd", IpcStat));
            ExpectCall(r, "IPC_STAT of one segment", rc, v);
            SameOut(r, "shm_segsz", size, v, "shm_segsz");
            SameOut(r, "shm_nattch", attaches, v, "shm_nattch");
            long? variantMode = OutOf(v, "mode");
            r.ExpectSame("the permission bits", mode, Value(variantMode is long m ? m & 0x1ff : -1));
            r.ExpectSame("no segment with that id (EINVAL)", r.Sync("Probe_shmstat", -5, IpcStat), await r.Async(("shmid", -5), ("cmd", IpcStat)));
        },
        ["shm.shmctl_rmid_libraryimport"] = async r =>
        {
            long a = r.Sync("Probe_shm_new", 4096L), b = r.Sync("Probe_shm_new", 4096L);
            r.ExpectSame("IPC_RMID", r.Sync("Probe_shmctl", (int)a, IpcRmid, 0L), await r.Async(("shmid", (int)b), ("cmd", IpcRmid), ("buf", 0L)));
            r.ExpectSame("IPC_RMID again (EINVAL)", r.Sync("Probe_shmctl", (int)a, IpcRmid, 0L), await r.Async(("shmid", (int)b), ("cmd", IpcRmid), ("buf", 0L)));
            int c = NewSegment(r, 4096);
            r.ExpectSame("an unknown command (EINVAL)", r.Sync("Probe_shmctl", c, 999, 0L), await r.Async(("shmid", c), ("cmd", 999), ("buf", 0L)));
        },
    };

    /// <summary>A pair of descriptors a call made (pipe2, socketpair): same failure, or a pair on each side with the same descriptor flags, whose ends carry bytes.</summary>
    private static void ExpectPair(HeldOutRun r, string what, long sync, VariantOutcome v, string first, string second)
    {
        if (sync < 0)
        {
            r.ExpectSame(what, sync, v);
            return;
        }

        long s0 = Take(r, IpcProbeType, 0), s1 = Take(r, IpcProbeType, 1);
        Fd(r, (int)s0);
        Fd(r, (int)s1);
        long? v0 = OutOf(v, first), v1 = OutOf(v, second);
        r.Row.Runs.Add(what + ": sync " + sync + " (" + s0 + ", " + s1 + "), async " + v);
        if (v0 is not long a || v1 is not long b || a < 0 || b < 0)
        {
            r.Row.Problems.Add(what + ": the variant " + v + " where the sync wrapper made descriptors " + s0 + " and " + s1);
            return;
        }

        Fd(r, (int)a);
        Fd(r, (int)b);
        r.ExpectSame(what + ": the first end's descriptor flags", r.Sync("Probe_fd_flags", (int)s0), Value(r.Sync("Probe_fd_flags", (int)a)));
        r.ExpectSame(what + ": the second end's status flags", r.Sync("Probe_status_flags", (int)s1), Value(r.Sync("Probe_status_flags", (int)b)));
        byte[] payload = Encoding.ASCII.GetBytes("pair");
        long wrote = r.Sync("Probe_write", (int)b, payload);
        if (wrote != payload.Length)
        {
            // Nothing to read then: a read would wait for good.
            r.Row.Problems.Add(what + ": writing 4 bytes at the variant's second end gave " + wrote);
            return;
        }

        byte[] read = new byte[16];
        r.ExpectSame(what + ": bytes written at the second end come out of the first", wrote, Value(r.Sync("Probe_read", (int)a, read)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> PipeRuns() => new()
    {
        ["pipe.pipe2_out_struct"] = async r =>
        {
            ExpectPair(r, "O_CLOEXEC", r.Sync("Probe_pipe2_struct", OCloexec), await r.Async(("flags", OCloexec)), "Read", "Write");
            ExpectPair(r, "O_NONBLOCK", r.Sync("Probe_pipe2_struct", ONonBlock), await r.Async(("flags", ONonBlock)), "Read", "Write");
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_pipe2_struct", 0x1), await r.Async(("flags", 0x1)));
        },
        ["pipe.socketpair_out_struct"] = async r =>
        {
            ExpectPair(r, "AF_UNIX stream", r.Sync("Probe_socketpair_struct", AfUnix, SockStream, 0), await r.Async(("domain", AfUnix), ("type", SockStream), ("protocol", 0)), "Read", "Write");
            r.ExpectSame("AF_INET (EOPNOTSUPP)", r.Sync("Probe_socketpair_struct", 2, SockStream, 0), await r.Async(("domain", 2), ("type", SockStream), ("protocol", 0)));
            r.ExpectSame("an unknown domain (EAFNOSUPPORT)", r.Sync("Probe_socketpair_struct", 9999, SockStream, 0), await r.Async(("domain", 9999), ("type", SockStream), ("protocol", 0)));
        },
        ["pipe.vmsplice_iovec_array_stated"] = async r =>
        {
            long first = Native(r, r.Sync("Probe_native_bytes", Encoding.ASCII.GetBytes("vmspl"))), second = Native(r, r.Sync("Probe_native_bytes", Encoding.ASCII.GetBytes("ice!!")));
            object Vectors() => r.CallStatic(IpcProbeType, "Iovecs", first, 5L, second, 5L)!;
            (int ra, int wa) = Pipe(r);
            (int rb, int wb) = Pipe(r);
            r.ExpectSame("two 5-byte iovecs into a pipe", r.Sync("Probe_vmsplice", wa, first, 5L, second, 5L, 2L, 0u), await r.Async(("fd", wb), ("iov", Vectors()), ("nr_segs", 2L), ("flags", 0u)));
            byte[] sync = new byte[16], variant = new byte[16];
            r.ExpectSame("the bytes read from the pipe", r.Sync("Probe_read", ra, sync), Value(r.Sync("Probe_read", rb, variant)));
            r.ExpectBytes("the pipe's bytes", sync, variant);
            // Not the read end: there vmsplice reads from the pipe into the iovecs (vmsplice(2)), and waits while it is empty.
            int fa = r.OpenFile("vms-a", Content), fb = r.OpenFile("vms-b", Content);
            r.ExpectSame("a regular file (EBADF)", r.Sync("Probe_vmsplice", fa, first, 5L, second, 5L, 2L, 0u), await r.Async(("fd", fb), ("iov", Vectors()), ("nr_segs", 2L), ("flags", 0u)));
        },
        ["pipe.vmsplice_ordinary_span"] = async r =>
        {
            // vmsplice(2) puts references to the caller's pages in the pipe, not a copy of their bytes: an array the GC
            // could move (or free, its memory reused by a new object) before the read would show whatever is there then
            // (seen once: an object header read back). A pinned array, alive until the reads, keeps the bytes put.
            byte[] data = GC.AllocateArray<byte>(13, pinned: true);
            Encoding.ASCII.GetBytes("ordinary-span", data);
            (int ra, int wa) = Pipe(r);
            (int rb, int wb) = Pipe(r);
            r.ExpectSame("13 bytes, flags by default", r.Sync("Probe_splice_in", wa, data, 0u), await r.Async(("pipeWriteFd", wb), ("data", data)));
            byte[] sync = new byte[16], variant = new byte[16];
            r.ExpectSame("the bytes read from the pipe", r.Sync("Probe_read", ra, sync), Value(r.Sync("Probe_read", rb, variant)));
            r.ExpectBytes("the pipe's bytes", sync, variant);
            r.ExpectSame("SPLICE_F_NONBLOCK", r.Sync("Probe_splice_in", wa, data, 2u), await r.Async(("pipeWriteFd", wb), ("data", data), ("flags", 2u)));
            r.ExpectBadFd(r.Sync("Probe_splice_in", HeldOutRun.NotAnOpenFd, data, 0u), await r.Async(("pipeWriteFd", HeldOutRun.NotAnOpenFd), ("data", data)));
            GC.KeepAlive(data);
        },
    };
}
