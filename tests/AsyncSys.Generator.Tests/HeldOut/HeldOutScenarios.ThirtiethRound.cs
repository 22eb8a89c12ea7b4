using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirtieth blind round (Sandboxes.case, Kv.case), written with the case files, before the generator
/// was run on them. Nothing run changes the calling thread or the process, whichever thread makes the call: queries (prctl
/// PR_GET_DUMPABLE, the landlock ABI version), setresuid with every id -1, sched_setaffinity with an empty mask (EINVAL before
/// anything changes) or a pid no process has, open_tree without OPEN_TREE_CLONE (a descriptor of the run's directory), pidfd_open
/// of this process and signal 0 through the pidfd, flock of the run's own files. The values that make a call act on the calling
/// thread (prctl PR_GET_NAME and PR_GET_NO_NEW_PRIVS with no buffer, sched_setaffinity's pid 0 with an empty mask) must be refused
/// at the call; were they not, the worker's call would fail (EFAULT, EINVAL) or only read. setns, unshare, seccomp, capget,
/// raw setresuid and every LMDB/RocksDB/LevelDB row (the engines are not installed) are checked by the generator only.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string SandboxesProbeType = "HeldOut.Sandboxes.SandboxesProbes";
    private const string SandboxesLibraryImportProbeType = "HeldOut.Sandboxes.SandboxesLibraryImportProbes";
    private const string KvLibraryImportProbeType = "HeldOut.Kv.KvLibraryImportProbes";
    private const int PrGetDumpable30 = 3, PrGetName30 = 16, PrGetNoNewPrivs30 = 39;
    private const long SysLandlockCreateRuleset30 = 444;
    private const int AtFdCwd30 = -100;
    private const uint OpenTreeCloexec30 = 0x80000;
    private const int LockExclusiveNonBlocking30 = 2 | 4, LockUnlock30 = 8;

    private static Dictionary<string, (string, string)> WithThirtiethRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Sandboxes"] = (HeldOutProbes.Sandboxes, HeldOutProbes.SandboxesLibraryImport);
        probes["Kv"] = (HeldOutProbes.Kv, HeldOutProbes.KvLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtiethRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SandboxesRuns().Concat(KvRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static long Li30(HeldOutRun r, string type, string method, params object?[] arguments) =>
        Convert.ToInt64(r.CallStatic(type, method, arguments));

    private static Dictionary<string, Func<HeldOutRun, Task>> SandboxesRuns() => new()
    {
        ["sbx.landlock_abi_version_syscall_nint_attr"] = async r =>
        {
            r.ExpectSame("the landlock ABI version (or EOPNOTSUPP/ENOSYS where landlock is off)", Li30(r, SandboxesLibraryImportProbeType, "Probe_landlock", SysLandlockCreateRuleset30, 1L),
                await r.Async(("number", SysLandlockCreateRuleset30), ("attr", (nint)0), ("size", (nuint)0), ("flags", 1u)));
            r.ExpectSame("an unknown flag (EINVAL)", Li30(r, SandboxesLibraryImportProbeType, "Probe_landlock", SysLandlockCreateRuleset30, 0x80L),
                await r.Async(("number", SysLandlockCreateRuleset30), ("attr", (nint)0), ("size", (nuint)0), ("flags", 0x80u)));
        },
        ["sbx.prctl_enum_option_defaults"] = async r =>
        {
            r.ExpectSame("PR_GET_DUMPABLE (the process's)", r.Sync("Probe_prctl", PrGetDumpable30), await r.Async(("option", PrGetDumpable30)));
            r.ExpectCallingThreadRefused("PR_GET_NAME (the calling thread's name; no buffer given)", await r.Async(("option", PrGetName30)), "option");
            r.ExpectCallingThreadRefused("PR_GET_NO_NEW_PRIVS (the calling thread's bit)", await r.Async(("option", PrGetNoNewPrivs30)), "option");
        },
        ["sbx.setresuid_glibc_unchanged"] = async r =>
        {
            r.ExpectSame("every id -1 (unchanged, every thread)", Li30(r, SandboxesLibraryImportProbeType, "Probe_setresuid", -1L, -1L, -1L),
                await r.Async(("ruid", uint.MaxValue), ("euid", uint.MaxValue), ("suid", uint.MaxValue)));
        },
        ["sbx.sched_setaffinity_span_pid_libraryimport"] = async r =>
        {
            ulong[] empty = new ulong[16];
            r.ExpectSame("a pid no process has, an empty mask (ESRCH)", Li30(r, SandboxesLibraryImportProbeType, "Probe_setaffinity", (long)NoSuchPid, empty),
                await r.Async(("pid", NoSuchPid), ("cpusetsize", (nuint)128), ("mask", new ulong[16])));
            r.ExpectCallingThreadRefused("pid 0 (the calling thread), an empty mask", await r.Async(("pid", 0), ("cpusetsize", (nuint)128), ("mask", new ulong[16])), "pid");
        },
        ["sbx.open_tree_libraryimport_utf8_path"] = async r =>
        {
            ExpectDescriptor(r, "the run's directory, OPEN_TREE_CLOEXEC", Li30(r, SandboxesLibraryImportProbeType, "Probe_open_tree", (long)AtFdCwd30, r.Directory, (long)OpenTreeCloexec30),
                await r.Async(("dfd", AtFdCwd30), ("filename", r.Directory), ("flags", OpenTreeCloexec30)));
            string missing = Path.Combine(r.Directory, "no-such-tree");
            r.ExpectSame("a path that does not exist (ENOENT)", Li30(r, SandboxesLibraryImportProbeType, "Probe_open_tree", (long)AtFdCwd30, missing, (long)OpenTreeCloexec30),
                await r.Async(("dfd", AtFdCwd30), ("filename", missing), ("flags", OpenTreeCloexec30)));
        },
        ["sbx.pidfd_open_libraryimport_enum_flags"] = async r =>
        {
            long pid = r.Sync("Probe_getpid");
            ExpectDescriptor(r, "this process", Li30(r, SandboxesLibraryImportProbeType, "Probe_pidfd_open", pid, 0L), await r.Async(("pid", (int)pid), ("flags", 0)));
            ExpectDescriptor(r, "this process, PIDFD_NONBLOCK", Li30(r, SandboxesLibraryImportProbeType, "Probe_pidfd_open", pid, 0x800L), await r.Async(("pid", (int)pid), ("flags", 0x800)));
            r.ExpectSame("a pid no process has (ESRCH)", Li30(r, SandboxesLibraryImportProbeType, "Probe_pidfd_open", (long)NoSuchPid, 0L), await r.Async(("pid", NoSuchPid), ("flags", 0)));
            r.ExpectSame("an unknown flag (EINVAL)", Li30(r, SandboxesLibraryImportProbeType, "Probe_pidfd_open", pid, 1L), await r.Async(("pid", (int)pid), ("flags", 1)));
        },
        ["sbx.pidfd_signal_zero_safehandle_ordinary"] = async r =>
        {
            long a = r.Sync("Probe_pidfd_keep"), b = r.Sync("Probe_pidfd_keep");
            if (a <= 2 || b <= 2)
            {
                throw new ArgumentException("pidfd_open of this process answered " + a + ", " + b + ": the row is checked by the generator only");
            }

            try
            {
                r.ExpectSame("signal 0 to this process", r.Sync("Probe_pidfd_signal", a), await r.Async(("pidfd", (int)b)));
            }
            finally
            {
                r.Sync("Probe_close", (int)a);
                r.Sync("Probe_close", (int)b);
            }

            r.ExpectSame("a descriptor that is not open (EBADF)", r.Sync("Probe_pidfd_signal", (long)HeldOutRun.NotAnOpenFd), await r.Async(("pidfd", HeldOutRun.NotAnOpenFd)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> KvRuns() => new()
    {
        ["kv.flock_safehandle_enum_libraryimport"] = async r =>
        {
            // Each side locks its own LOCK file (flock locks belong to the open file description, so one file would be locked
            // twice by the same description and say nothing about the variant).
            int a = r.OpenFile("LOCK-sync", Array.Empty<byte>()), b = r.OpenFile("LOCK-async", Array.Empty<byte>());
            r.ExpectSame("LOCK_EX|LOCK_NB on the engine's lock file", Li30(r, KvLibraryImportProbeType, "Probe_flock", (long)a, LockExclusiveNonBlocking30),
                await r.Async(("fd", b), ("operation", LockExclusiveNonBlocking30)));
            r.ExpectSame("LOCK_UN", Li30(r, KvLibraryImportProbeType, "Probe_flock", (long)a, LockUnlock30), await r.Async(("fd", b), ("operation", LockUnlock30)));
            r.ExpectSame("no operation (EINVAL)", Li30(r, KvLibraryImportProbeType, "Probe_flock", (long)a, 0), await r.Async(("fd", b), ("operation", 0)));
            r.ExpectSame("a descriptor that is not open (EBADF)", Li30(r, KvLibraryImportProbeType, "Probe_flock", (long)HeldOutRun.NotAnOpenFd, LockUnlock30),
                await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("operation", LockUnlock30)));
        },
    };
}
