using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-fourth blind round (Supervisors.case, Bindings.case), written with the case files, before the
/// generator was run on them. Every side has its own files, pipes, AF_UNIX socketpairs, pidfds and /bin/true children, made by
/// the run and closed (or reaped) when it ends; descriptors a call creates are described (what /proc/self/fd names) and closed
/// only above 2. Only signal 0 is sent. Nothing is run that could change process-wide state: rlimits and affinity are only read
/// (prlimit64's new value is NULL), umount2 only meets a path that does not exist or a flag it refuses, seccomp only answers
/// SECCOMP_GET_ACTION_AVAIL, landlock only makes a ruleset (never restricts), fsopen only makes a context (never mounts); the
/// declarations that would change namespaces, capabilities, mounts, a thread's name or filter, or fork (clone3) are not run.
/// Closed descriptors are 999999.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string SupervisorsProbeType = "HeldOut.Supervisors.SupervisorsProbes";
    private const string BindingsProbeType = "HeldOut.Bindings.BindingsProbes";
    private const int AtFdCwd24 = -100, PidfdSyscall = 434, NoSuchPid24 = 999_999_999;

    private static Dictionary<string, (string, string)> WithTwentyFourthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Supervisors"] = (HeldOutProbes.Supervisors, HeldOutProbes.SupervisorsLibraryImport);
        probes["Bindings"] = (HeldOutProbes.Bindings, HeldOutProbes.BindingsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentyFourthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SupervisorsRuns().Concat(BindingsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static string H24(HeldOutRun r) => r.Row.Case.Group == "Supervisors" ? SupervisorsProbeType : BindingsProbeType;

    /// <summary>Native memory the run frees when it ends.</summary>
    private static long Native24(HeldOutRun r, int bytes)
    {
        long p = Convert.ToInt64(r.CallStatic(H24(r), "Alloc", bytes));
        r.Track(new Undo(() => r.CallStatic(H24(r), "Free", p)));
        return p;
    }

    private static string Hex24(HeldOutRun r, long p, int bytes) => (string)r.CallStatic(H24(r), "Hex", p, bytes)!;

    /// <summary>A pidfd of this process (or a child), closed when the run ends.</summary>
    private static int Pidfd24(HeldOutRun r, int pid) => Made(r, r.Sync("Probe_pidfd_open_raw", pid), "pidfd_open of " + pid);

    /// <summary>A /bin/true child, reaped when the run ends if the run has not reaped it (ECHILD then).</summary>
    private static int Child24(HeldOutRun r)
    {
        long pid = r.Sync("Probe_spawn_true");
        if (pid <= 0)
        {
            throw new InvalidOperationException("posix_spawn /bin/true failed: " + pid + "; the run is wrong");
        }

        r.Track(new Undo(() => r.Sync("Probe_reap", (int)pid)));
        return (int)pid;
    }

    private static (int A, int B) Pair24(HeldOutRun r, string method)
    {
        long pair = Convert.ToInt64(r.CallStatic(H24(r), method));
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": " + method + " failed (" + pair + "); the run is wrong");
        }

        return (Made(r, pair & 0xFFFFFFFF, method), Made(r, pair >> 32, method));
    }

    /// <summary>What a descriptor names, with the run's own "-a"/"-b" file names made the same.</summary>
    private static string Link24(long fd)
    {
        string link = LinkOf(fd);
        return link.EndsWith("-a", StringComparison.Ordinal) || link.EndsWith("-b", StringComparison.Ordinal) ? link.Substring(0, link.Length - 2) + "-*" : link;
    }

    /// <summary>
    /// A buffer for the variant: the array when the variant keeps the wrapper's count, else (the count folded into the
    /// memory, as documented) the slice of <paramref name="count"/> bytes; read-only memory for an input.
    /// </summary>
    private static object Buffer24(HeldOutRun r, string name, string countName, byte[] array, int count)
    {
        if (r.ParameterType(countName) is not null)
        {
            return array;
        }

        // Boxed as the variant's own type: a conditional of the two would make both ReadOnlyMemory (the first run's
        // "cannot pass ReadOnlyMemory`1 as 'buffer'" on four rows).
        return r.ParameterType(name) is string type && type.StartsWith("System.ReadOnlyMemory", StringComparison.Ordinal)
            ? (object)new ReadOnlyMemory<byte>(array, 0, count)
            : new Memory<byte>(array, 0, count);
    }

    private static string FileText24(HeldOutRun r, string name) => Convert.ToHexString(File.ReadAllBytes(Path.Combine(r.Directory, name)));

    private static Dictionary<string, Func<HeldOutRun, Task>> SupervisorsRuns() => new()
    {
        ["sup.pidfd_open_syscall_clong"] = async r =>
        {
            int self = Environment.ProcessId;
            ExpectNewDescriptor(r, "pidfd_open of this process", r.Sync("Probe_pidfd_open", (long)PidfdSyscall, self, 0u),
                await r.Async(("number", (long)PidfdSyscall), ("pid", self), ("flags", 0u)), Link24);
            r.ExpectSame("a pid that does not exist (ESRCH)", r.Sync("Probe_pidfd_open", (long)PidfdSyscall, NoSuchPid24, 0u),
                await r.Async(("number", (long)PidfdSyscall), ("pid", NoSuchPid24), ("flags", 0u)));
            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_pidfd_open", (long)PidfdSyscall, self, 2u),
                await r.Async(("number", (long)PidfdSyscall), ("pid", self), ("flags", 2u)));
        },
        ["sup.pidfd_send_signal_glibc_entry_point"] = async r =>
        {
            int a = Pidfd24(r, Environment.ProcessId), b = Pidfd24(r, Environment.ProcessId);
            r.ExpectSame("signal 0 to this process", r.Sync("Probe_signal", a, 0), await r.Async(("pidfd", b), ("sig", 0), ("info", 0L), ("flags", 0u)));
            r.ExpectSame("signal 999 (EINVAL)", r.Sync("Probe_signal", a, 999), await r.Async(("pidfd", b), ("sig", 999), ("info", 0L), ("flags", 0u)));
            r.ExpectBadFd(r.Sync("Probe_signal", HeldOutRun.NotAnOpenFd, 0), await r.Async(("pidfd", HeldOutRun.NotAnOpenFd), ("sig", 0), ("info", 0L), ("flags", 0u)));
            int c1 = Child24(r), c2 = Child24(r);
            int p1 = Pidfd24(r, c1), p2 = Pidfd24(r, c2);
            r.Sync("Probe_reap", c1);
            r.Sync("Probe_reap", c2);
            r.ExpectSame("a child that exited and was reaped (ESRCH)", r.Sync("Probe_signal", p1, 0), await r.Async(("pidfd", p2), ("sig", 0), ("info", 0L), ("flags", 0u)));
        },
        ["sup.pidfd_getfd_function_pointer"] = async r =>
        {
            int a = Pidfd24(r, Environment.ProcessId), b = Pidfd24(r, Environment.ProcessId);
            int ta = r.OpenFile("getfd-a", Content), tb = r.OpenFile("getfd-b", Content);
            ExpectNewDescriptor(r, "a copy of this process's own descriptor", r.Sync("Probe_getfd", a, ta), await r.Async(("pidfd", b), ("targetfd", tb)), Link24);
            r.ExpectSame("a target not open (EBADF)", r.Sync("Probe_getfd", a, HeldOutRun.NotAnOpenFd), await r.Async(("pidfd", b), ("targetfd", HeldOutRun.NotAnOpenFd)));
            r.ExpectBadFd(r.Sync("Probe_getfd", HeldOutRun.NotAnOpenFd, ta), await r.Async(("pidfd", HeldOutRun.NotAnOpenFd), ("targetfd", tb)));
        },
        ["sup.waitid_pidfd_outputvalue_enums"] = async r =>
        {
            int c1 = Child24(r), c2 = Child24(r);
            int p1 = Pidfd24(r, c1), p2 = Pidfd24(r, c2);
            object?[] args = { 3, (uint)p1, 4, null, null, null };
            long sync = r.Sync("Probe_waitid", args);
            VariantOutcome v = await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 4));
            r.ExpectSame("the child's exit, by its pidfd (WEXITED)", sync, v);
            r.ExpectSame("si_pid is the waited child's", (int)args[3]! == c1 ? 1 : 0, Value(HeldOutRun.Member(v.Result, "Pid") == c2 ? 1 : 0));
            SameValue(r, "si_status (0)", (int)args[4]!, v, "Status");
            SameValue(r, "si_code (CLD_EXITED)", (int)args[5]!, v, "Code");
            object?[] again = { 3, (uint)p1, 4, null, null, null };
            r.ExpectSame("the reaped child again (ECHILD)", r.Sync("Probe_waitid", again), await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 4)));
            object?[] none = { 3, (uint)p1, 0, null, null, null };
            r.ExpectSame("no options (EINVAL)", r.Sync("Probe_waitid", none), await r.Async(("idtype", 3), ("id", (uint)p2), ("options", 0)));
            object?[] closed = { 3, (uint)HeldOutRun.NotAnOpenFd, 4, null, null, null };
            r.ExpectSame("a pidfd not open (EBADF)", r.Sync("Probe_waitid", closed), await r.Async(("idtype", 3), ("id", (uint)HeldOutRun.NotAnOpenFd), ("options", 4)));
        },
        ["sup.prctl_get_name_inline_out"] = async r =>
            r.ExpectCallingThreadRefused("PR_GET_NAME (the calling thread's name)", await r.Async(("option", 16), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option"),
        ["sup.prctl_get_child_subreaper_out_int"] = async r =>
        {
            object?[] args = { 37, null };
            long sync = r.Sync("Probe_subreaper", args);
            VariantOutcome v = await r.Async(("option", 37), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L));
            r.ExpectSame("PR_GET_CHILD_SUBREAPER (the process's)", sync, v);
            SameValue(r, "the setting written", (int)args[1]!, v, "value");
            // An option prctl(2) does not list may act on the calling thread on a newer kernel: refused at the call, as rounds 4,
            // 7 and 11 check (the first run compared it with the sync call's EINVAL: the run was wrong). PR_GET_PDEATHSIG writes
            // an int, as the variant's own `value` holds, should the check be missing.
            r.ExpectCallingThreadRefused("an option prctl(2) does not list", await r.Async(("option", 999), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
            r.ExpectCallingThreadRefused("PR_GET_PDEATHSIG (the calling thread's)", await r.Async(("option", 2), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
        },
        ["sup.capget_ordinary_pid"] = async r =>
        {
            const string Data = "HeldOut.Supervisors.CapUserData";
            Array a = r.NewArray(Data, 2), b = r.NewArray(Data, 2);
            int self = Environment.ProcessId;
            r.ExpectSame("capget of this process's main thread", r.Sync("Probe_capget", self, a), await r.Async(("pid", self), ("data", b)));
            r.ExpectSame("the sets written", Elements23(a, "Effective", "Permitted", "Inheritable") == Elements23(b, "Effective", "Permitted", "Inheritable") ? 1 : 0, Value(1));
            r.ExpectSame("a pid that does not exist (ESRCH)", r.Sync("Probe_capget", NoSuchPid24, r.NewArray(Data, 2)), await r.Async(("pid", NoSuchPid24), ("data", r.NewArray(Data, 2))));
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0), ("data", r.NewArray(Data, 2))), "pid");
        },
        ["sup.umount2_utf8_libraryimport"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "no-such-mount-point");
            r.ExpectSame("a path that does not exist (ENOENT)", r.Sync("Probe_umount2", missing, 8), await r.Async(("target", missing), ("flags", 8)));
            r.ExpectSame("a flag umount2 refuses (EINVAL)", r.Sync("Probe_umount2", missing, unchecked((int)0x80000000)), await r.Async(("target", missing), ("flags", unchecked((int)0x80000000))));
        },
        ["sup.fsopen_syscall_nint"] = async r =>
        {
            ExpectNewDescriptor(r, "fsopen tmpfs (a context, nothing mounted)", r.Sync("Probe_fsopen", "tmpfs", 1u), await r.Async(("number", 430L), ("fsname", "tmpfs"), ("flags", 1u)), Link24);
            r.ExpectSame("a filesystem type that does not exist (ENODEV)", r.Sync("Probe_fsopen", "asyncsys-no-such-fs", 1u), await r.Async(("number", 430L), ("fsname", "asyncsys-no-such-fs"), ("flags", 1u)));
            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_fsopen", "tmpfs", 2u), await r.Async(("number", 430L), ("fsname", "tmpfs"), ("flags", 2u)));
        },
        ["sup.name_to_handle_at_nint_value_result"] = async r =>
        {
            string file = Path.Combine(r.Directory, "handle-target");
            File.WriteAllBytes(file, Content);
            long ha = Native24(r, 136), hb = Native24(r, 136);
            Marshal.WriteInt32((nint)ha, 128);
            Marshal.WriteInt32((nint)hb, 128);
            object?[] args = { AtFdCwd24, file, ha, null, 0 };
            long sync = r.Sync("Probe_name_to_handle_at", args);
            VariantOutcome v = await r.Async(("dirfd", AtFdCwd24), ("pathname", file), ("handle", hb), ("flags", 0));
            r.ExpectSame("a handle of the run's file", sync, v);
            SameValue(r, "mount_id", (int)args[3]!, v, "mount_id");
            r.ExpectBytes("the handle written (handle_bytes, type, f_handle)", Convert.FromHexString(Hex24(r, ha, 136)), Convert.FromHexString(Hex24(r, hb, 136)));

            long sa = Native24(r, 136), sb = Native24(r, 136);
            object?[] small = { AtFdCwd24, file, sa, null, 0 };
            r.ExpectSame("handle_bytes 0 (EOVERFLOW)", r.Sync("Probe_name_to_handle_at", small), await r.Async(("dirfd", AtFdCwd24), ("pathname", file), ("handle", sb), ("flags", 0)));
            r.ExpectBytes("the size the kernel wrote back on EOVERFLOW", Convert.FromHexString(Hex24(r, sa, 8)), Convert.FromHexString(Hex24(r, sb, 8)));

            string missing = Path.Combine(r.Directory, "no-such-file");
            object?[] gone = { AtFdCwd24, missing, ha, null, 0 };
            r.ExpectSame("a path that does not exist (ENOENT)", r.Sync("Probe_name_to_handle_at", gone), await r.Async(("dirfd", AtFdCwd24), ("pathname", missing), ("handle", hb), ("flags", 0)));
        },
        ["sup.open_by_handle_at_nint"] = async r =>
        {
            string file = Path.Combine(r.Directory, "by-handle-target");
            File.WriteAllBytes(file, Content);
            int mount = r.OpenFile("by-handle-mount", Content);
            long ha = Native24(r, 136), hb = Native24(r, 136);
            Marshal.WriteInt32((nint)ha, 128);
            object?[] args = { AtFdCwd24, file, ha, null, 0 };
            if (r.Sync("Probe_name_to_handle_at", args) != 0)
            {
                throw new InvalidOperationException("name_to_handle_at of the run's file failed; the run is wrong");
            }

            byte[] handle = Convert.FromHexString(Hex24(r, ha, 136));
            Marshal.Copy(handle, 0, (nint)hb, handle.Length);
            ExpectNewDescriptor(r, "open_by_handle_at O_RDONLY", r.Sync("Probe_open_by_handle_at", mount, ha, 0), await r.Async(("mount_fd", mount), ("handle", hb), ("flags", 0)), Link24);
            r.ExpectSame("a mount descriptor not open", r.Sync("Probe_open_by_handle_at", HeldOutRun.NotAnOpenFd, ha, 0), await r.Async(("mount_fd", HeldOutRun.NotAnOpenFd), ("handle", hb), ("flags", 0)));
        },
        ["sup.landlock_create_ruleset_clong"] = async r =>
        {
            r.ExpectSame("LANDLOCK_CREATE_RULESET_VERSION (the ABI version)", r.Sync("Probe_landlock", 0L, 0UL, 1u),
                await r.Async(("number", 444L), ("attr", 0L), ("size", 0L), ("flags", 1u)));
            long aa = Native24(r, 24), ab = Native24(r, 24);
            Marshal.WriteInt64((nint)aa, 1);
            Marshal.WriteInt64((nint)ab, 1);
            ExpectNewDescriptor(r, "a ruleset handling LANDLOCK_ACCESS_FS_EXECUTE (never enforced)", r.Sync("Probe_landlock", aa, 8UL, 0u),
                await r.Async(("number", 444L), ("attr", ab), ("size", 8L), ("flags", 0u)), Link24);
            r.ExpectSame("a size below the first field (EINVAL)", r.Sync("Probe_landlock", aa, 4UL, 0u), await r.Async(("number", 444L), ("attr", ab), ("size", 4L), ("flags", 0u)));
        },
        ["sup.seccomp_get_action_avail_nint"] = async r =>
        {
            long aa = Native24(r, 4), ab = Native24(r, 4);
            Marshal.WriteInt32((nint)aa, unchecked((int)0x80000000));
            Marshal.WriteInt32((nint)ab, unchecked((int)0x80000000));
            r.ExpectSame("SECCOMP_GET_ACTION_AVAIL of SECCOMP_RET_KILL_PROCESS", r.Sync("Probe_seccomp_query", 2u, 0u, aa), await r.Async(("operation", 2u), ("flags", 0u), ("args", ab)));
            Marshal.WriteInt32((nint)aa, 0x12345678);
            Marshal.WriteInt32((nint)ab, 0x12345678);
            r.ExpectSame("an action the kernel does not know (EOPNOTSUPP)", r.Sync("Probe_seccomp_query", 2u, 0u, aa), await r.Async(("operation", 2u), ("flags", 0u), ("args", ab)));
        },
        ["sup.getrlimit_culong_out"] = async r =>
        {
            object?[] args = { 7, null, null };
            long sync = r.Sync("Probe_getrlimit", args);
            VariantOutcome v = await r.Async(("resource", 7));
            r.ExpectSame("RLIMIT_NOFILE", sync, v);
            SameValue(r, "rlim_cur", (long)args[1]!, v, "Current");
            SameValue(r, "rlim_max", (long)args[2]!, v, "Maximum");
            object?[] unknown = { 999, null, null };
            r.ExpectSame("an unknown resource (EINVAL)", r.Sync("Probe_getrlimit", unknown), await r.Async(("resource", 999)));
        },
        ["sup.prlimit64_old_outputvalue"] = async r =>
        {
            int self = Environment.ProcessId;
            object?[] args = { self, 7, null, null };
            long sync = r.Sync("Probe_prlimit", args);
            VariantOutcome v = await r.Async(("pid", self), ("resource", 7), ("new_limit", 0L));
            r.ExpectSame("RLIMIT_NOFILE of this process (new value NULL: unchanged)", sync, v);
            SameValue(r, "old rlim_cur", (long)args[2]!, v, "Current");
            SameValue(r, "old rlim_max", (long)args[3]!, v, "Maximum");
            object?[] gone = { NoSuchPid24, 7, null, null };
            r.ExpectSame("a pid that does not exist (ESRCH)", r.Sync("Probe_prlimit", gone), await r.Async(("pid", NoSuchPid24), ("resource", 7), ("new_limit", 0L)));
        },
        ["sup.sched_getaffinity_span_ulong"] = async r =>
        {
            int self = Environment.ProcessId;
            ulong[] a = new ulong[16], b = new ulong[16];
            r.ExpectSame("the main thread's affinity (128 bytes of room)", r.Sync("Probe_affinity", self, 128L, a), await r.Async(("pid", self), ("cpusetsize", 128L), ("mask", b)));
            r.ExpectSame("the mask written", a.SequenceEqual(b) ? 1 : 0, Value(1));
            r.ExpectSame("a pid that does not exist (ESRCH)", r.Sync("Probe_affinity", NoSuchPid24, 128L, new ulong[16]), await r.Async(("pid", NoSuchPid24), ("cpusetsize", 128L), ("mask", new ulong[16])));
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0), ("cpusetsize", 128L), ("mask", new ulong[16])), "pid");
        },
        ["sup.ioprio_get_syscall_clong"] = async r =>
        {
            int self = Environment.ProcessId;
            r.ExpectSame("ioprio_get of this process's main thread", r.Sync("Probe_ioprio_get", 252L, 1, self), await r.Async(("number", 252L), ("which", 1), ("who", self)));
            r.ExpectSame("a pid that does not exist (ESRCH)", r.Sync("Probe_ioprio_get", 252L, 1, NoSuchPid24), await r.Async(("number", 252L), ("which", 1), ("who", NoSuchPid24)));
            r.ExpectCallingThreadRefused("who 0 (the calling thread)", await r.Async(("number", 252L), ("which", 1), ("who", 0)), "who");
            r.ExpectCallingThreadRefused("number 186 (gettid)", await r.Async(("number", 186L), ("which", 0), ("who", 0)), "number");
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> BindingsRuns() => new()
    {
        ["bind.read_entry_point_exact_spelling"] = async r =>
        {
            int a = r.OpenFile("read-a", Content), b = r.OpenFile("read-b", Content);
            byte[] ba = new byte[16], bb = new byte[16];
            r.ExpectSame("read 10 bytes", r.Sync("Probe_read_bytes", a, ba, 10L), await r.Async(("fd", b), ("buffer", Buffer24(r, "buffer", "count", bb, 10)), ("count", 10L)));
            r.ExpectBytes("the bytes read", ba, bb);
            r.ExpectBadFd(r.Sync("Probe_read_bytes", HeldOutRun.NotAnOpenFd, new byte[8], 8L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", Buffer24(r, "buffer", "count", new byte[8], 8)), ("count", 8L)));
        },
        ["bind.pread_method_named_write"] = async r =>
        {
            int a = r.OpenFile("named-write-a", Content), b = r.OpenFile("named-write-b", Content);
            byte[] ba = new byte[16], bb = new byte[16];
            r.ExpectSame("pread of 8 bytes at 3 (the entry point, not the name)", r.Sync("Probe_pread_named_write", a, ba, 8L, 3L),
                await r.Async(("fd", b), ("buf", Buffer24(r, "buf", "count", bb, 8)), ("count", 8L), ("offset", 3L)));
            r.ExpectBytes("the bytes read", ba, bb);
            r.ExpectSame("the files unchanged", FileText24(r, "named-write-a") == Convert.ToHexString(Content) ? 1 : 0, Value(FileText24(r, "named-write-b") == Convert.ToHexString(Content) ? 1 : 0));
        },
        ["bind.write_method_named_read_libc_so6"] = async r =>
        {
            int a = r.OpenFile("named-read-a", Array.Empty<byte>()), b = r.OpenFile("named-read-b", Array.Empty<byte>());
            byte[] data = Encoding.ASCII.GetBytes("written, not read");
            r.ExpectSame("write (the entry point, not the name)", r.Sync("Probe_write_named_read", a, data), await r.Async(("fd", b), ("buf", Buffer24(r, "buf", "count", data, data.Length)), ("count", (long)data.Length)));
            r.ExpectSame("the file written", FileText24(r, "named-read-a") == FileText24(r, "named-read-b") ? 1 : 0, Value(1));
        },
        ["bind.write_clong_culong"] = async r =>
        {
            int a = r.OpenFile("clong-write-a", Array.Empty<byte>()), b = r.OpenFile("clong-write-b", Array.Empty<byte>());
            byte[] data = Encoding.ASCII.GetBytes("CLong result, CULong count");
            r.ExpectSame("write with a CULong count", r.Sync("Probe_write_clong", a, data), await r.Async(("fd", b), ("buf", Buffer24(r, "buf", "count", data, data.Length)), ("count", (long)data.Length)));
            r.ExpectSame("the file written", FileText24(r, "clong-write-a") == FileText24(r, "clong-write-b") ? 1 : 0, Value(1));
            r.ExpectBadFd(r.Sync("Probe_write_clong", HeldOutRun.NotAnOpenFd, data), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buf", Buffer24(r, "buf", "count", data, data.Length)), ("count", (long)data.Length)));
        },
        ["bind.lseek_clong"] = async r =>
        {
            int a = r.OpenFile("clong-seek-a", Content), b = r.OpenFile("clong-seek-b", Content);
            r.ExpectSame("lseek to 5", r.Sync("Probe_seek_clong", a, 5L, SeekSet), await r.Async(("fd", b), ("offset", 5L), ("whence", SeekSet)));
            r.ExpectSame("an unknown whence (EINVAL)", r.Sync("Probe_seek_clong", a, 5L, 99), await r.Async(("fd", b), ("offset", 5L), ("whence", 99)));
            r.ExpectBadFd(r.Sync("Probe_seek_clong", HeldOutRun.NotAnOpenFd, 5L, SeekSet), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 5L), ("whence", SeekSet)));
        },
        ["bind.ftruncate_clong_length"] = async r =>
        {
            int a = r.OpenFile("clong-trunc-a", Content), b = r.OpenFile("clong-trunc-b", Content);
            r.ExpectSame("ftruncate to 7", r.Sync("Probe_truncate_clong", a, 7L), await r.Async(("fd", b), ("length", 7L)));
            r.ExpectSame("the file's length", new FileInfo(Path.Combine(r.Directory, "clong-trunc-a")).Length, Value(new FileInfo(Path.Combine(r.Directory, "clong-trunc-b")).Length));
            r.ExpectSame("a negative length (EINVAL)", r.Sync("Probe_truncate_clong", a, -1L), await r.Async(("fd", b), ("length", -1L)));
            r.ExpectBadFd(r.Sync("Probe_truncate_clong", HeldOutRun.NotAnOpenFd, 7L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("length", 7L)));
        },
        ["bind.recv_long_result"] = async r =>
        {
            (int a0, int a1) = Pair24(r, "SocketPairForRuns");
            (int b0, int b1) = Pair24(r, "SocketPairForRuns");
            byte[] data = Encoding.ASCII.GetBytes("to receive");
            r.Sync("WriteBytes", a1, data);
            r.Sync("WriteBytes", b1, data);
            byte[] ba = new byte[32], bb = new byte[32];
            r.ExpectSame("recv of what is queued", r.Sync("Probe_recv_long", a0, ba, 32L, 0), await r.Async(("sockfd", b0), ("buf", Buffer24(r, "buf", "len", bb, 32)), ("len", 32L), ("flags", 0)));
            r.ExpectBytes("the bytes received", ba, bb);
            r.ExpectBadFd(r.Sync("Probe_recv_long", HeldOutRun.NotAnOpenFd, new byte[8], 8L, 0), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", Buffer24(r, "buf", "len", new byte[8], 8)), ("len", 8L), ("flags", 0)));
        },
        ["bind.send_culong_length_nint_result"] = async r =>
        {
            (int a0, int a1) = Pair24(r, "SocketPairForRuns");
            (int b0, int b1) = Pair24(r, "SocketPairForRuns");
            byte[] data = Encoding.ASCII.GetBytes("sent with a CULong length");
            r.ExpectSame("send", r.Sync("Probe_send_culong", a0, data, NoSignal), await r.Async(("sockfd", b0), ("buf", Buffer24(r, "buf", "len", data, data.Length)), ("len", (long)data.Length), ("flags", NoSignal)));
            r.ExpectSame("the bytes the peer reads", Text24Read(r, a1) == Text24Read(r, b1) ? 1 : 0, Value(1));
            r.ExpectBadFd(r.Sync("Probe_send_culong", HeldOutRun.NotAnOpenFd, data, NoSignal), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", Buffer24(r, "buf", "len", data, data.Length)), ("len", (long)data.Length), ("flags", NoSignal)));
        },
        ["bind.sendfile64_long_offset_pointer"] = async r =>
        {
            int fa = r.OpenFile("sendfile-a", Content), fb = r.OpenFile("sendfile-b", Content);
            (int ra, int wa) = Pair24(r, "PipeForRuns");
            (int rb, int wb) = Pair24(r, "PipeForRuns");
            object?[] args = { wa, fa, 4L, 10L };
            long sync = r.Sync("Probe_sendfile_at", args);
            VariantOutcome v = await r.Async(("out_fd", wb), ("in_fd", fb), ("offset", 4L), ("count", 10L));
            r.ExpectSame("sendfile of 10 bytes from offset 4", sync, v);
            SameValue(r, "the offset advanced", (long)args[2]!, v, "offset");
            r.ExpectSame("the bytes in the pipe", Text24Read(r, ra) == Text24Read(r, rb) ? 1 : 0, Value(1));
            r.ExpectSame("the file positions (unchanged with an offset)", r.Sync("Probe_position", fa), Value(r.Sync("Probe_position", fb)));
            r.ExpectSame("sendfile from the file position (offset NULL)", r.Sync("Probe_sendfile", wa, fa, 6L), await r.Async(("out_fd", wb), ("in_fd", fb), ("offset", null), ("count", 6L)));
            r.ExpectSame("the bytes in the pipe", Text24Read(r, ra) == Text24Read(r, rb) ? 1 : 0, Value(1));
            r.ExpectSame("the file positions (advanced)", r.Sync("Probe_position", fa), Value(r.Sync("Probe_position", fb)));
            r.ExpectBadFd(r.Sync("Probe_sendfile", wa, HeldOutRun.NotAnOpenFd, 6L), await r.Async(("out_fd", wb), ("in_fd", HeldOutRun.NotAnOpenFd), ("offset", null), ("count", 6L)));
        },
        ["bind.fsync_suppress_gc_transition"] = async r =>
        {
            int a = r.OpenFile("fsync-a", Content), b = r.OpenFile("fsync-b", Content);
            r.ExpectSame("fsync", r.Sync("Probe_fsync", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_fsync", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["bind.lseek64_callconv_cdecl"] = async r =>
        {
            int a = r.OpenFile("seek64-a", Content), b = r.OpenFile("seek64-b", Content);
            r.ExpectSame("lseek64 to 9", r.Sync("Probe_seek64", a, 9L, SeekSet), await r.Async(("fd", b), ("offset", 9L), ("whence", SeekSet)));
            r.ExpectSame("a negative position (EINVAL)", r.Sync("Probe_seek64", a, -5L, SeekSet), await r.Async(("fd", b), ("offset", -5L), ("whence", SeekSet)));
            r.ExpectBadFd(r.Sync("Probe_seek64", HeldOutRun.NotAnOpenFd, 9L, SeekSet), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("offset", 9L), ("whence", SeekSet)));
        },
        ["bind.dup_no_set_last_error"] = async r =>
        {
            int a = r.OpenFile("dup-a", Content), b = r.OpenFile("dup-b", Content);
            ExpectNewDescriptor(r, "dup of the run's file", r.Sync("Probe_dup", a), await r.Async(("oldfd", b)), Link24);
            r.ExpectBadFd(r.Sync("Probe_dup", HeldOutRun.NotAnOpenFd), await r.Async(("oldfd", HeldOutRun.NotAnOpenFd)));
        },
        ["bind.dup_errno_out_body"] = async r =>
        {
            int a = r.OpenFile("dup-errno-a", Content), b = r.OpenFile("dup-errno-b", Content);
            object?[] args = { a, null };
            long sync = r.Sync("Probe_dup_or_errno", args);
            VariantOutcome v = await r.Async(("fd", b));
            SameValue(r, "errno written on success", (int)args[1]!, v, "errno");
            ExpectNewDescriptor(r, "dup of the run's file", sync, v, Link24);
            object?[] closed = { HeldOutRun.NotAnOpenFd, null };
            r.ExpectBadFd(r.Sync("Probe_dup_or_errno", closed), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["bind.eventfd_nint_result"] = async r =>
        {
            ExpectNewDescriptor(r, "eventfd (close-on-exec)", r.Sync("Probe_eventfd", 3u, OCloexec), await r.Async(("initval", 3u), ("flags", OCloexec)), Link24);
            r.ExpectSame("unknown flags (EINVAL; a C int -1 in an nint)", r.Sync("Probe_eventfd", 0u, 0xFFFF), await r.Async(("initval", 0u), ("flags", 0xFFFF)));
        },
        ["bind.pread_function_pointer_field"] = async r =>
        {
            int a = r.OpenFile("fp-pread-a", Content), b = r.OpenFile("fp-pread-b", Content);
            byte[] ba = new byte[8], bb = new byte[8];
            r.ExpectSame("pread64 through a function pointer", r.Sync("Probe_read_at", a, ba, 5L), await r.Async(("fd", b), ("buffer", bb), ("offset", 5L)));
            r.ExpectBytes("the bytes read", ba, bb);
            r.ExpectBadFd(r.Sync("Probe_read_at", HeldOutRun.NotAnOpenFd, new byte[8], 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("offset", 0L)));
        },
        ["bind.fstat_function_pointer_property"] = async r =>
        {
            int a = r.OpenFile("fp-fstat-a", Content), b = r.OpenFile("fp-fstat-b", Content);
            object?[] args = { a, null };
            long sync = r.Sync("Probe_size_of", args);
            VariantOutcome v = await r.Async(("fd", b));
            r.ExpectSame("fstat through a lazily bound pointer", sync, v);
            SameValue(r, "st_size", (long)args[1]!, v, "size");
            object?[] closed = { HeldOutRun.NotAnOpenFd, null };
            r.ExpectBadFd(r.Sync("Probe_size_of", closed), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["bind.fdatasync_syscall_pointer_negative_errno"] = async r =>
        {
            int a = r.OpenFile("fp-sync-a", Content), b = r.OpenFile("fp-sync-b", Content);
            r.ExpectSame("fdatasync through syscall(2) by pointer", r.Sync("Probe_sync_data", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_sync_data", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["bind.split_first_part_pread64"] = async r =>
        {
            int a = r.OpenFile("split-a", Content), b = r.OpenFile("split-b", Content);
            byte[] ba = new byte[16], bb = new byte[16];
            r.ExpectSame("pread64 of 6 bytes at 20", r.Sync("Probe_read_part", a, ba, 6L, 20L), await r.Async(("fd", b), ("buf", Buffer24(r, "buf", "count", bb, 6)), ("count", 6L), ("offset", 20L)));
            r.ExpectBytes("the bytes read", ba, bb);
        },
        ["bind.split_second_part_fdatasync"] = async r =>
        {
            int a = r.OpenFile("split-sync-a", Content), b = r.OpenFile("split-sync-b", Content);
            r.ExpectSame("fdatasync", r.Sync("Probe_sync_part", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_sync_part", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
    };

    private static string Text24Read(HeldOutRun r, int fd) => (string?)r.CallStatic(H24(r), "ReadNow", fd, 64) ?? "(null)";
}
