using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-first blind round (Extensible.case, Remote.case), written with the case files, before
/// the generator was run on them. Each side has its own file, memory, ruleset, epoll or futex word, so neither sees the
/// other's effect. Calls with an effect on the process or a thread get only arguments the kernel refuses (mount_setattr:
/// unknown flags or attributes, a size it refuses, or an all-zero attr, which changes nothing; sched_setattr: a size too
/// small; ioprio_set: an invalid class, or a pid above pid_max); landlock_restrict_self and set_mempolicy are never called.
/// A wait only the variant is asked for (futex_waitv on a word that keeps its value) is cancelled after 300 ms.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string ExtensibleProbeType = "HeldOut.Extensible.ExtensibleProbes";
    private const string ExtensibleLibraryImportProbeType = "HeldOut.Extensible.ExtensibleLibraryImportProbes";
    private const string RemoteProbeType = "HeldOut.Remote.RemoteProbes";
    private const string RemoteLibraryImportProbeType = "HeldOut.Remote.RemoteLibraryImportProbes";
    private const ulong OpenReadOnlyCloexec = 0x80000;
    private const ulong MountAttrUnknownBit = 1UL << 62;
    private const uint AtUnknownFlag = 0x80000000;

    private static Dictionary<string, (string, string)> WithTwentyFirstRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Extensible"] = (HeldOutProbes.Extensible, HeldOutProbes.ExtensibleLibraryImport);
        probes["Remote"] = (HeldOutProbes.Remote, HeldOutProbes.RemoteLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentyFirstRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ExtensibleRuns().Concat(RemoteRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Ext(HeldOutRun r, string probe, params object?[] arguments) => r.CallStatic(ExtensibleProbeType, probe, arguments);

    private static string ExtText(HeldOutRun r, string probe, params object?[] arguments) => (string)Ext(r, probe, arguments)!;

    private static long ExtLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(Ext(r, probe, arguments));

    private static object? Rem(HeldOutRun r, string probe, params object?[] arguments) => r.CallStatic(RemoteProbeType, probe, arguments);

    private static string RemText(HeldOutRun r, string probe, params object?[] arguments) => (string)Rem(r, probe, arguments)!;

    private static long RemLong(HeldOutRun r, string probe, params object?[] arguments) => Convert.ToInt64(Rem(r, probe, arguments));

    /// <summary>"E" and the errno, or what <paramref name="success"/> makes of the variant's outcome.</summary>
    private static string Outcome(VariantOutcome v, Func<VariantOutcome, string> success) =>
        v.Errno is int e ? "E" + e : v.Other is not null ? v.ToString() : success(v);

    private static string Member(VariantOutcome v, string name) => HeldOutRun.Member(v.Result, name)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no " + name + " in " + v + ")";

    /// <summary>A new descriptor, or the ABI version when <paramref name="version"/> (landlock's LANDLOCK_CREATE_RULESET_VERSION).</summary>
    private static string RulesetText(HeldOutRun r, VariantOutcome v, bool version) =>
        version && v.Errno is null && v.Other is null ? "version " + v.Number : NewDescriptor(r, ExtensibleProbeType, v, 0);

    /// <summary>Two native blocks per side (the run frees them); memory the variant may still use is never freed.</summary>
    private static (long A, long B) TwoBlocks(HeldOutRun r, int size, int fill) => (RemLong(r, "Alloc", size, fill), RemLong(r, "Alloc", size, fill));

    private static Dictionary<string, Func<HeldOutRun, Task>> ExtensibleRuns() => new()
    {
        ["ext.openat2_bytes_how_sized_by_length"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h21-how-a"), b = Path.Combine(r.Directory, "h21-how-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            foreach ((string what, int length, int tail) in new[] { ("open_how of 24 bytes", 24, 0), ("32 bytes, nonzero past the struct (E2BIG)", 32, 1), ("16 bytes (EINVAL)", 16, 0), ("32 bytes, zero past the struct", 32, 0) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_open_with_how", AtFdCwd, a, Ext(r, "HowBytes", OpenReadOnlyCloexec, length, tail)),
                    NewDescriptor(r, ExtensibleProbeType, await r.Async(("dirfd", AtFdCwd), ("path", b), ("how", Ext(r, "HowBytes", OpenReadOnlyCloexec, length, tail))), 0));
            }

            ExpectSameText(r, "a relative path beside a closed dirfd", ExtText(r, "Probe_open_with_how", HeldOutRun.NotAnOpenFd, "h21-how-a", Ext(r, "HowBytes", OpenReadOnlyCloexec, 24, 0)),
                NewDescriptor(r, ExtensibleProbeType, await r.Async(("dirfd", HeldOutRun.NotAnOpenFd), ("path", "h21-how-b"), ("how", Ext(r, "HowBytes", OpenReadOnlyCloexec, 24, 0))), 0));
        },
        ["ext.openat2_value_how_explicit_size"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h21-howv-a"), b = Path.Combine(r.Directory, "h21-howv-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            foreach ((string what, ulong size) in new[] { ("size 24", 24UL), ("size 8 (EINVAL)", 8UL), ("size 8192 (E2BIG)", 8192UL) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_open_how_value", AtFdCwd, a, OpenReadOnlyCloexec, size),
                    NewDescriptor(r, ExtensibleProbeType, await r.Async(("dirfd", AtFdCwd), ("path", b), ("how", Ext(r, "MakeHow", OpenReadOnlyCloexec)), ("size", (nuint)size)), 0));
            }
        },
        ["ext.openat2_libraryimport_span_how"] = async r =>
        {
            string a = Path.Combine(r.Directory, "h21-hows-a"), b = Path.Combine(r.Directory, "h21-hows-b");
            File.WriteAllBytes(a, Content);
            File.WriteAllBytes(b, Content);
            foreach ((string what, ulong size) in new[] { ("24 bytes, size 24", 24UL), ("24 bytes, size 16 (EINVAL)", 16UL) })
            {
                string sync = (string)r.CallStatic(ExtensibleLibraryImportProbeType, "Probe_openat2_span", AtFdCwd, a, Ext(r, "HowBytes", OpenReadOnlyCloexec, 24, 0), size)!;
                ExpectSameText(r, what, sync, NewDescriptor(r, ExtensibleProbeType,
                    await r.Async(("number", 437L), ("dirfd", AtFdCwd), ("path", b), ("how", Ext(r, "HowBytes", OpenReadOnlyCloexec, 24, 0)), ("size", (nuint)size)), 0));
            }
        },
        ["ext.mount_setattr_glibc_in_struct"] = async r =>
        {
            foreach ((string what, uint flags, ulong set, ulong size) in new[]
            {
                ("unknown flags (EINVAL)", AtUnknownFlag, 0UL, 32UL), ("an unknown attribute (EINVAL)", 0u, MountAttrUnknownBit, 32UL),
                ("size 8 (EINVAL)", 0u, 0UL, 8UL), ("size 8192 (E2BIG)", 0u, 0UL, 8192UL), ("an all-zero attr (nothing to change)", 0u, 0UL, 32UL),
            })
            {
                r.ExpectSame(what, ExtLong(r, "Probe_mount_setattr", AtFdCwd, r.Directory, flags, set, size),
                    await r.Async(("dirfd", AtFdCwd), ("path", r.Directory), ("flags", flags), ("attr", Ext(r, "MakeMountAttr", set)), ("size", (nuint)size)));
            }
        },
        ["ext.mount_setattr_syscall_marked_void"] = async r =>
        {
            foreach ((string what, uint flags, ulong set, int length) in new[]
            {
                ("unknown flags (EINVAL)", AtUnknownFlag, 0UL, 32), ("an unknown attribute (EINVAL)", 0u, MountAttrUnknownBit, 32),
                ("16 bytes (EINVAL)", 0u, 0UL, 16), ("an all-zero attr of 32 bytes (nothing to change)", 0u, 0UL, 32),
            })
            {
                r.ExpectSame(what, ExtLong(r, "Probe_mount_setattr_marked", AtFdCwd, r.Directory, flags, Ext(r, "MountAttrBytes", set, length)),
                    await r.Async(("number", 442L), ("dfd", AtFdCwd), ("path", new PathArg(r.Directory)), ("flags", flags), ("uattr", Ext(r, "MountAttrBytes", set, length)), ("usize", (nuint)length)));
            }
        },
        ["ext.mount_setattr_ordinary_fields"] = async r =>
        {
            foreach ((string what, uint flags, ulong set) in new[] { ("unknown flags (EINVAL)", AtUnknownFlag, 0UL), ("an unknown attribute (EINVAL)", 0u, MountAttrUnknownBit), ("nothing to change", 0u, 0UL) })
            {
                r.ExpectSame(what, ExtLong(r, "Probe_set_mount_attributes", AtFdCwd, r.Directory, flags, set),
                    await r.Async(("dirfd", AtFdCwd), ("path", r.Directory), ("flags", flags), ("attrSet", set), ("attrClr", 0UL), ("propagation", 0UL)));
            }
        },
        ["ext.landlock_create_ruleset_marked"] = async r =>
        {
            ExpectSameText(r, "the ABI version (NULL, 0, VERSION)", ExtText(r, "Probe_create_ruleset_marked", null, 0UL, 1u),
                RulesetText(r, await r.Async(("number", 444L), ("attr", Array.Empty<byte>()), ("size", (nuint)0), ("flags", 1u)), version: true));
            foreach ((string what, int length, int tail) in new[] { ("a ruleset of 8 bytes", 8, 0), ("4 bytes (EINVAL)", 4, 0), ("48 bytes, nonzero past the struct (E2BIG)", 48, 1) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_create_ruleset_marked", Ext(r, "RulesetBytes", 1UL, length, tail), (ulong)length, 0u),
                    RulesetText(r, await r.Async(("number", 444L), ("attr", Ext(r, "RulesetBytes", 1UL, length, tail)), ("size", (nuint)length), ("flags", 0u)), version: false));
            }
        },
        ["ext.landlock_create_ruleset_ordinary"] = async r =>
        {
            foreach ((string what, ulong handled, uint flags) in new[] { ("the ABI version", 0UL, 1u), ("a ruleset handling execute", 1UL, 0u), ("an unknown access right (EINVAL)", 1UL << 62, 0u) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_create_ruleset", handled, flags),
                    RulesetText(r, await r.Async(("handledAccessFs", handled), ("flags", flags)), version: flags == 1));
            }
        },
        ["ext.landlock_add_rule_ordinary"] = async r =>
        {
            int rulesetA = Made(r, ExtLong(r, "NewRuleset", 1UL), "landlock_create_ruleset"), rulesetB = Made(r, ExtLong(r, "NewRuleset", 1UL), "landlock_create_ruleset");
            int parentA = Made(r, ExtLong(r, "OpenPath", r.Directory), "open O_PATH"), parentB = Made(r, ExtLong(r, "OpenPath", r.Directory), "open O_PATH");
            r.ExpectSame("execute beneath the directory", ExtLong(r, "Probe_add_path_beneath", rulesetA, parentA, 1UL), await r.Async(("rulesetFd", rulesetB), ("parentFd", parentB), ("allowedAccess", 1UL)));
            r.ExpectSame("an access the ruleset does not handle (EINVAL)", ExtLong(r, "Probe_add_path_beneath", rulesetA, parentA, 2UL), await r.Async(("rulesetFd", rulesetB), ("parentFd", parentB), ("allowedAccess", 2UL)));
            r.ExpectBadFd(ExtLong(r, "Probe_add_path_beneath", HeldOutRun.NotAnOpenFd, parentA, 1UL), await r.Async(("rulesetFd", HeldOutRun.NotAnOpenFd), ("parentFd", parentB), ("allowedAccess", 1UL)));
            r.ExpectBadFd(ExtLong(r, "Probe_add_path_beneath", rulesetA, HeldOutRun.NotAnOpenFd, 1UL), await r.Async(("rulesetFd", rulesetB), ("parentFd", HeldOutRun.NotAnOpenFd), ("allowedAccess", 1UL)));
        },
        // Added after the first run (the case line said thread=all; docs/diagnostics/ASYS0016.md: a syscall(2) import whose
        // number is a parameter is generated, and its variant checks the number). A ruleset descriptor that is not open: the
        // call is EBADF on any thread, should a variant run it.
        ["ext.landlock_restrict_self_syscall_import"] = async r =>
        {
            r.ExpectCallingThreadRefused("number 446 (landlock_restrict_self)", await r.Async(("number", 446L), ("ruleset_fd", HeldOutRun.NotAnOpenFd), ("flags", 0u)), "number");
        },
        ["ext.sched_setattr_ref_size_written_back"] = async r =>
        {
            // Only sizes and flags the kernel refuses: nothing is set on any thread, whichever runs the call.
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0), ("attr", Ext(r, "MakeSchedAttr", 8u)), ("flags", 0u)), "pid");
            int pid = Environment.ProcessId;
            foreach ((string what, uint size, uint flags) in new[] { ("size 8 (E2BIG)", 8u, 0u), ("flags 1 (EINVAL)", 8u, 1u) })
            {
                string sync = ExtText(r, "Probe_set_sched_attr", pid, size, flags);
                VariantOutcome v = await r.Async(("pid", pid), ("attr", Ext(r, "MakeSchedAttr", size)), ("flags", flags));
                ExpectSameText(r, what, sync.Substring(0, sync.IndexOf(' ', StringComparison.Ordinal)), Outcome(v, o => "r" + o.Number));
            }
        },
        ["ext.sched_getattr_size_param"] = async r =>
        {
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0), ("size", 56u)), "pid");
            foreach ((string what, int pid, uint size) in new[] { ("the process's main thread, 56 bytes", Environment.ProcessId, 56u), ("8 bytes (EINVAL)", Environment.ProcessId, 8u), ("no such pid (ESRCH)", 0x7FFFFFFE, 56u) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_get_sched_attr", pid, size),
                    Outcome(await r.Async(("pid", pid), ("size", size)), v => "r0 size " + Member(v, "Size") + " policy " + Member(v, "Policy") + " nice " + Member(v, "Nice")));
            }
        },
        ["ext.statmount_ordinary_buffer"] = async r =>
        {
            long id = ExtLong(r, "UniqueMountId", "/");
            if (id < 0)
            {
                throw new InvalidOperationException("statx gave no unique mount ID (" + id + ")");
            }

            foreach ((string what, ulong mountId, int size) in new[] { ("the root mount, basic fields", (ulong)id, 512), ("mount ID 1, not a unique mount ID (EINVAL)", 1UL, 512) })
            {
                byte[] buffer = new byte[size];
                VariantOutcome v = await r.Async(("mountId", mountId), ("mask", 3UL), ("buffer", buffer));
                ExpectSameText(r, what, ExtText(r, "Probe_statmount", mountId, 3UL, size), Outcome(v, o => "r" + o.Number + ":" + Convert.ToHexString(buffer, 0, Math.Min(size, 128))));
            }
        },
        ["ext.listmount_ordinary_ids"] = async r =>
        {
            ulong[] ids = new ulong[256];
            VariantOutcome v = await r.Async(("parentId", ulong.MaxValue), ("ids", ids));
            ExpectSameText(r, "the mounts under the root", ExtText(r, "Probe_listmount", ulong.MaxValue, 256), Outcome(v, o => (string)Ext(r, "IdsText", o.Number ?? -1, ids)!));
            ulong[] none = new ulong[4];
            VariantOutcome missing = await r.Async(("parentId", 1UL), ("ids", none));
            ExpectSameText(r, "mount ID 1, not a unique mount ID (EINVAL)", ExtText(r, "Probe_listmount", 1UL, 4), Outcome(missing, o => (string)Ext(r, "IdsText", o.Number ?? -1, none)!));
        },
        ["ext.listmount_in_request_out_array"] = async r =>
        {
            foreach ((string what, ulong parent, uint flags) in new[] { ("the mounts under the root", ulong.MaxValue, 0u), ("unknown flags (EINVAL)", ulong.MaxValue, 0x100u) })
            {
                ulong[] ids = new ulong[256];
                string sync = ExtText(r, "Probe_listmount_import", parent, 256, flags);
                VariantOutcome v = await r.Async(("number", 458L), ("req", Ext(r, "MakeMntIdReq", parent)), ("mnt_ids", ids), ("nr_mnt_ids", (nuint)256), ("flags", flags));
                ExpectSameText(r, what, sync, Outcome(v, o => (string)Ext(r, "IdsText", o.Number ?? -1, ids)!));
            }
        },
        ["ext.cachestat_ordinary_out"] = async r =>
        {
            int a = r.OpenFile("h21-cache-a", Content), b = r.OpenFile("h21-cache-b", Content);
            foreach ((string what, int fdA, int fdB, uint flags) in new[] { ("the whole file", a, b, 0u), ("flags 1 (EINVAL)", a, b, 1u), ("a closed descriptor (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, 0u) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_cachestat", fdA, 0UL, 0UL, flags),
                    Outcome(await r.Async(("fd", fdB), ("start", 0UL), ("count", 0UL), ("flags", flags)), v => "r0 cached " + Member(v, "NrCache")));
            }
        },
        ["ext.cachestat_syscall_in_range_outputvalue"] = async r =>
        {
            int a = r.OpenFile("h21-cachei-a", Content), b = r.OpenFile("h21-cachei-b", Content);
            foreach ((string what, int fdA, int fdB, uint flags) in new[] { ("the whole file", a, b, 0u), ("flags 1 (EINVAL)", a, b, 1u), ("a closed descriptor (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, 0u) })
            {
                ExpectSameText(r, what, ExtText(r, "Probe_cachestat_import", fdA, 0UL, 0UL, flags),
                    Outcome(await r.Async(("number", 451L), ("fd", fdB), ("cstat_range", Ext(r, "MakeRange", 0UL, 0UL)), ("flags", flags)), v => "r0 cached " + Member(v, "NrCache")));
            }
        },
        ["ext.epoll_pwait2_ordinary_timeout"] = r => EpollPwait2Run(r, "HeldOut.Extensible.EpollEvent", "Probe_wait_events",
            (epfd, events, ns) => r.Async(("epfd", epfd), ("events", events), ("timeoutNanoseconds", ns))),
        ["ext.epoll_pwait2_glibc_in_timespec"] = r => EpollPwait2Run(r, "HeldOut.Extensible.EpollEvent", "Probe_epoll_pwait2",
            (epfd, events, ns) => r.Async(("epfd", epfd), ("events", events), ("maxevents", events.Length), ("timeout", Ext(r, "MakeTimespec", ns)), ("sigmask", (nint)0))),
    };

    /// <summary>An eventfd holding 1 watched by each side's own epoll: no wait (0 ns), a short one (10 ms, the event is there), a closed epfd.</summary>
    private static async Task EpollPwait2Run(HeldOutRun r, string eventType, string probe, Func<int, Array, long, Task<VariantOutcome>> variant)
    {
        long pairA = ExtLong(r, "EpollWithReadyEventfd", 77UL), pairB = ExtLong(r, "EpollWithReadyEventfd", 77UL);
        int epfdA = Made(r, pairA >> 32, "epoll_create1"), epfdB = Made(r, pairB >> 32, "epoll_create1");
        Made(r, (int)pairA, "eventfd");
        Made(r, (int)pairB, "eventfd");
        foreach ((string what, int fdA, int fdB, long ns) in new[] { ("a ready eventfd, no wait", epfdA, epfdB, 0L), ("a ready eventfd, 10 ms", epfdA, epfdB, 10_000_000L), ("a closed epfd (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, 0L) })
        {
            Array events = r.NewArray(eventType, 4);
            VariantOutcome v = await variant(fdB, events, ns);
            ExpectSameText(r, what, ExtText(r, probe, fdA, 4, ns), Outcome(v, o => (string)Ext(r, "EventsTextOf", o.Number ?? -1, events)!));
        }
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> RemoteRuns() => new()
    {
        ["rv.process_vm_readv_glibc_arrays"] = r => ProcessMemoryRun(r, "Probe_vm_readv", readsTarget: true,
            (pid, local, remote) => r.Async(("pid", pid), ("local_iov", Rem(r, "Iovecs", local, 64)), ("liovcnt", (nuint)1), ("remote_iov", Rem(r, "Iovecs", remote, 64)), ("riovcnt", (nuint)1), ("flags", (nuint)0))),
        ["rv.process_vm_writev_ordinary"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 64, 0);
            byte[] data = Encoding.ASCII.GetBytes("written by process_vm_writev");
            try
            {
                r.ExpectSame("64 bytes of own memory", RemLong(r, "Probe_write_process_memory", Environment.ProcessId, a, data),
                    await r.Async(("pid", Environment.ProcessId), ("remoteAddress", (nint)b), ("source", data)));
                ExpectSameText(r, "the memory written", RemText(r, "MemoryText", a, 64), RemText(r, "MemoryText", b, 64));
                r.ExpectSame("no such pid (ESRCH)", RemLong(r, "Probe_write_process_memory", 0x7FFFFFFE, a, data),
                    await r.Async(("pid", 0x7FFFFFFE), ("remoteAddress", (nint)b), ("source", data)));
            }
            finally
            {
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["rv.process_vm_writev_syscall_sized_arrays"] = r => ProcessMemoryRun(r, "Probe_vm_writev_syscall", readsTarget: false,
            (pid, local, remote) => r.Async(("number", 311L), ("pid", pid), ("local_iov", Rem(r, "Iovecs", local, 64)), ("liovcnt", (nuint)1), ("remote_iov", Rem(r, "Iovecs", remote, 64)), ("riovcnt", (nuint)1), ("flags", (nuint)0))),
        ["rv.process_vm_readv_spans"] = r => ProcessMemoryRun(r, "Probe_read_process_memory", readsTarget: true,
            (pid, local, remote) => r.Async(("pid", pid), ("local", Rem(r, "Iovecs", local, 64)), ("remote", Rem(r, "Iovecs", remote, 64)))),
        ["rv.process_madvise_libraryimport_array"] = async r =>
        {
            int pidfdA = Made(r, RemLong(r, "PidfdOfSelf"), "pidfd_open"), pidfdB = Made(r, RemLong(r, "PidfdOfSelf"), "pidfd_open");
            (long a, long b) = TwoBlocks(r, 8192, 1);
            try
            {
                foreach ((string what, int fdA, int fdB, uint flags) in new[] { ("MADV_COLD on 8192 bytes", pidfdA, pidfdB, 0u), ("flags 1 (EINVAL)", pidfdA, pidfdB, 1u), ("a closed pidfd (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, 0u) })
                {
                    long sync = Convert.ToInt64(r.CallStatic(RemoteLibraryImportProbeType, "Probe_process_madvise", fdA, a, 8192, 20, flags));
                    r.ExpectSame(what, sync, await r.Async(("pidfd", fdB), ("iovec", Rem(r, "Iovecs", b, 8192)), ("vlen", (nuint)1), ("advice", 20), ("flags", flags)));
                }
            }
            finally
            {
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["rv.pidfd_getfd_ordinary_handle"] = async r =>
        {
            int pidfdA = Made(r, RemLong(r, "PidfdOfSelf"), "pidfd_open"), pidfdB = Made(r, RemLong(r, "PidfdOfSelf"), "pidfd_open");
            int a = r.OpenFile("h21-getfd-a", Content), b = r.OpenFile("h21-getfd-b", Content);
            foreach ((string what, int pa, int pb, int ta, int tb) in new[] { ("a file of the own process", pidfdA, pidfdB, a, b), ("a target not open (EBADF)", pidfdA, pidfdB, HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd), ("a closed pidfd (EBADF)", HeldOutRun.NotAnOpenFd, HeldOutRun.NotAnOpenFd, a, b) })
            {
                ExpectSameText(r, what, RemText(r, "Probe_take_descriptor", pa, ta), NewDescriptor(r, RemoteProbeType, await r.Async(("pidfd", pb), ("targetfd", tb)), 0));
            }
        },
        ["fx.futex_waitv_syscall_cancel_hook"] = async r =>
        {
            // The words are never freed: a variant that did not end may still wait on its word.
            (long a, long b) = TwoBlocks(r, 4096, 1);
            r.ExpectSame("a word that differs from the value expected (EAGAIN)", RemLong(r, "Probe_futex_waitv", a, 0u, 1u),
                await r.Async(("number", 449L), ("waiters", Rem(r, "Waiters", b, 0u, 1)), ("nr_futexes", 1u), ("flags", 0u), ("timeout", (nint)0), ("clockid", 1)));
            r.ExpectSame("no waiters (EINVAL)", RemLong(r, "Probe_futex_waitv", a, 0u, 0u),
                await r.Async(("number", 449L), ("waiters", Rem(r, "Waiters", b, 0u, 1)), ("nr_futexes", 0u), ("flags", 0u), ("timeout", (nint)0), ("clockid", 1)));
            await ExpectCancelled(r, "a word that keeps its value, no timeout",
                ("number", 449L), ("waiters", Rem(r, "Waiters", b, 0x01010101u, 1)), ("nr_futexes", 1u), ("flags", 0u), ("timeout", (nint)0), ("clockid", 1));
        },
        ["fx.futex_waitv_ordinary_body"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 4096, 1);
            r.ExpectSame("a word that differs from the value expected (EAGAIN)", RemLong(r, "Probe_wait_for_change", a, 0u),
                await r.Async(("addresses", new nint[] { (nint)b }), ("expected", new uint[] { 0u })));
            await ExpectCancelled(r, "a word that keeps its value", ("addresses", new nint[] { (nint)b }), ("expected", new uint[] { 0x01010101u }));
        },
        ["numa.get_mempolicy_libnuma_flags"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 4096, 1);
            try
            {
                r.ExpectCallingThreadRefused("flags 0 (the calling thread's policy)", await r.Async(("nodemask", new ulong[1]), ("maxnode", 64UL), ("addr", (nint)0), ("flags", 0UL)), "flags");
                foreach ((string what, ulong flags) in new[] { ("MPOL_F_ADDR: the policy of the memory", 2UL), ("MPOL_F_ADDR|MPOL_F_MEMS_ALLOWED (EINVAL)", 6UL) })
                {
                    ulong[] mask = new ulong[1];
                    VariantOutcome v = await r.Async(("nodemask", mask), ("maxnode", 64UL), ("addr", (nint)b), ("flags", flags));
                    ExpectSameText(r, what, RemText(r, "Probe_get_mempolicy", a, flags), Outcome(v, o => "r0 mode " + Member(o, "mode") + " mask " + mask[0]));
                }
            }
            finally
            {
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["numa.get_mempolicy_addr_ordinary"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 4096, 1);
            try
            {
                ExpectSameText(r, "the policy of the memory", RemText(r, "Probe_policy_of_address", a), Outcome(await r.Async(("address", (nint)b)), o => "r0 mode " + Member(o, "mode")));
                ExpectSameText(r, "address 0, not mapped (EFAULT)", RemText(r, "Probe_policy_of_address", 0L), Outcome(await r.Async(("address", (nint)0)), o => "r0 mode " + Member(o, "mode")));
            }
            finally
            {
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["numa.mbind_ordinary_range"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 8192, 1);
            try
            {
                foreach ((string what, long offset, int mode) in new[] { ("MPOL_BIND to node 0", 0L, 2), ("mode 99 (EINVAL)", 0L, 99), ("an address not page-aligned (EINVAL)", 1L, 2) })
                {
                    r.ExpectSame(what, RemLong(r, "Probe_bind_range", a + offset, 8192UL, mode, 1UL, 0u),
                        await r.Async(("address", (nint)(b + offset)), ("size", (nuint)8192), ("mode", mode), ("nodeMask", 1UL), ("flags", 0u)));
                }
            }
            finally
            {
                // Back to the default policy before the memory goes back to the allocator.
                RemLong(r, "Probe_bind_range", a, 8192UL, 0, 0UL, 0u);
                RemLong(r, "Probe_bind_range", b, 8192UL, 0, 0UL, 0u);
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["numa.move_pages_ordinary_query"] = async r =>
        {
            (long a, long b) = TwoBlocks(r, 8192, 1);
            try
            {
                foreach ((string what, int pid, bool unmapped) in new[] { ("two pages of the calling process", 0, false), ("a page not mapped (EFAULT in its status)", 0, true), ("no such pid (ESRCH)", 0x7FFFFFFE, false) })
                {
                    long[] pagesA = unmapped ? new[] { a, 0L } : new[] { a, a + 4096 };
                    nint[] pagesB = unmapped ? new[] { (nint)b, 0 } : new[] { (nint)b, (nint)(b + 4096) };
                    int[] status = new int[2];
                    VariantOutcome v = await r.Async(("pid", pid), ("pages", pagesB), ("status", status));
                    ExpectSameText(r, what, RemText(r, "Probe_nodes_of_pages", pid, pagesA), Outcome(v, o => (string)Rem(r, "StatusText", o.Number ?? -1, status, 2)!));
                }
            }
            finally
            {
                Rem(r, "Free", a);
                Rem(r, "Free", b);
            }
        },
        ["prio.ioprio_get_user_uid"] = async r =>
        {
            // After the first run: who 0 with IOPRIO_WHO_USER is the calling thread's user (block/ioprio.c), as uid 0 was taken for root.
            r.ExpectCallingThreadRefused("uid 0 (the calling thread's user)", await r.Async(("uid", 0)), "uid");
            r.ExpectSame("uid 65534 (nobody)", RemLong(r, "Probe_user_io_priority", 65534), await r.Async(("uid", 65534)));
            r.ExpectSame("a user with no processes (ESRCH)", RemLong(r, "Probe_user_io_priority", 3_999_999), await r.Async(("uid", 3_999_999)));
        },
        ["prio.ioprio_get_own_process_group"] = async r => r.ExpectSame("the calling process group", RemLong(r, "Probe_process_group_io_priority"), await r.Async()),
        ["prio.ioprio_set_process_pid"] = async r =>
        {
            // Class 7 is no class (EINVAL before any thread is looked at); a pid above pid_max names no thread (ESRCH).
            r.ExpectCallingThreadRefused("pid 0 (the calling thread)", await r.Async(("pid", 0), ("ioClass", 7), ("level", 0)), "pid");
            r.ExpectSame("an invalid class on the own process (EINVAL)", RemLong(r, "Probe_set_process_io_priority", Environment.ProcessId, 7, 0), await r.Async(("pid", Environment.ProcessId), ("ioClass", 7), ("level", 0)));
            r.ExpectSame("no such pid (ESRCH)", RemLong(r, "Probe_set_process_io_priority", 0x7FFFFFFE, 2, 4), await r.Async(("pid", 0x7FFFFFFE), ("ioClass", 2), ("level", 4)));
        },
        // Added after the first run (the row had no run, for fear of a variant closing the test host's descriptors): first
        // above last is EINVAL before CLOSE_RANGE_UNSHARE is acted on, and closes nothing.
        ["cr.close_range_glibc_flags"] = async r =>
            r.ExpectCallingThreadRefused("CLOSE_RANGE_UNSHARE (the calling thread's table)", await r.Async(("first", 10u), ("last", 5u), ("flags", 2)), "flags"),
        ["cr.close_range_ordinary_flags"] = async r =>
        {
            // first above last (count 0): EINVAL before CLOSE_RANGE_UNSHARE is acted on, should a variant run it.
            r.ExpectCallingThreadRefused("CLOSE_RANGE_UNSHARE (the calling thread's table)", await r.Async(("fd", 10), ("count", 0), ("flags", 2)), "flags");
            int fileA = r.OpenFile("h21-range-a", Content), fileB = r.OpenFile("h21-range-b", Content);
            int a = Made(r, RemLong(r, "DuplicateInheritable", fileA), "F_DUPFD"), b = Made(r, RemLong(r, "DuplicateInheritable", fileB), "F_DUPFD");
            r.ExpectSame("CLOSE_RANGE_CLOEXEC on one descriptor", RemLong(r, "Probe_close_range_from", a, 1, 4), await r.Async(("fd", b), ("count", 1), ("flags", 4)));
            ExpectSameText(r, "the descriptor after it", RemText(r, "CloexecText", a), RemText(r, "CloexecText", b));
            r.ExpectSame("first above last (EINVAL)", RemLong(r, "Probe_close_range_from", HeldOutRun.NotAnOpenFd, 0, 4), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("count", 0), ("flags", 4)));
        },
    };

    /// <summary>
    /// 64 bytes between two native blocks of each side: <paramref name="readsTarget"/> reads the target (filled with 0x5A) into
    /// the local block, else writes the local block (0x5A) into the target; the count, the block written, then a pid that
    /// names no process (ESRCH).
    /// </summary>
    private static async Task ProcessMemoryRun(HeldOutRun r, string probe, bool readsTarget, Func<int, long, long, Task<VariantOutcome>> variant)
    {
        (long localA, long localB) = TwoBlocks(r, 64, readsTarget ? 0 : 0x5A);
        (long remoteA, long remoteB) = TwoBlocks(r, 64, readsTarget ? 0x5A : 0);
        try
        {
            int pid = Environment.ProcessId;
            r.ExpectSame("64 bytes of own memory", RemLong(r, probe, pid, localA, remoteA, 64), await variant(pid, localB, remoteB));
            ExpectSameText(r, "the memory written", RemText(r, "MemoryText", readsTarget ? localA : remoteA, 64), RemText(r, "MemoryText", readsTarget ? localB : remoteB, 64));
            r.ExpectSame("no such pid (ESRCH)", RemLong(r, probe, 0x7FFFFFFE, localA, remoteA, 64), await variant(0x7FFFFFFE, localB, remoteB));
        }
        finally
        {
            foreach (long block in new[] { localA, localB, remoteA, remoteB })
            {
                Rem(r, "Free", block);
            }
        }
    }
}
