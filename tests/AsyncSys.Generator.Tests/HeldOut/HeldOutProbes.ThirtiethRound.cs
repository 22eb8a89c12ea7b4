namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirtieth blind round (Sandboxes.case, Kv.case), written with the case files before the generator
/// was run on them. Results are the wrappers' own, or -errno where the wrapper answers -1 and errno. Nothing here changes the
/// calling thread or the process: the calls run are queries (prctl PR_GET_DUMPABLE, the landlock ABI version), setresuid with
/// every id -1 (unchanged), sched_setaffinity with an empty mask (EINVAL) or a pid no process has (ESRCH), open_tree without
/// OPEN_TREE_CLONE, pidfd_open of this process and signal 0 through it, and flock of the run's own files.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Sandboxes = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Sandboxes
        {
            public static unsafe class SandboxesProbes
            {
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "getpid")] private static extern int getpid_of_runs();
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long pidfd_open_for_runs(long number, int pid, uint flags);

                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Probe_getpid() => getpid_of_runs();

                public static long Probe_close(int fd) => close_for_runs(fd);

                /// <summary>A pidfd of this process for the run (closed by it), or -errno.</summary>
                public static long Probe_pidfd_keep() => R(pidfd_open_for_runs(434, getpid_of_runs(), 0));

                public static long Probe_prctl(int option) => R(Credentials.prctl((PrctlOption)option));

                public static long Probe_pidfd_signal(long fd)
                {
                    using var handle = new SafeFileHandle((nint)fd, ownsHandle: false);
                    return R(Descriptors.Probe(handle));
                }
            }
        }
        """;

    public const string SandboxesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Sandboxes
        {
            public static unsafe class SandboxesLibraryImportProbes
            {
                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Probe_landlock(long number, long flags) => R(Confinement.landlock_create_ruleset(number, 0, 0, (uint)flags));

                public static long Probe_setresuid(long r, long e, long s) => R(Credentials.setresuid((uint)r, (uint)e, (uint)s));

                public static long Probe_setaffinity(long pid, ulong[] mask) => R(Credentials.sched_setaffinity((int)pid, (nuint)(mask.Length * 8), mask));

                public static long Probe_open_tree(long dfd, string path, long flags) => R(Descriptors.open_tree((int)dfd, path, (uint)flags));

                public static long Probe_pidfd_open(long pid, long flags) => R(Descriptors.pidfd_open((int)pid, (PidfdFlags)(uint)flags));
            }
        }
        """;

    public const string Kv = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Kv
        {
            public static unsafe class KvProbes
            {
                public static long Nothing() => 0;
            }
        }
        """;

    public const string KvLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Kv
        {
            public static unsafe class KvLibraryImportProbes
            {
                private static long R(long n) => n < 0 ? -Marshal.GetLastPInvokeError() : n;

                public static long Probe_flock(long fd, int operation)
                {
                    using var handle = new SafeFileHandle((nint)fd, ownsHandle: false);
                    return R(LockFile.flock(handle, (LockOperation)operation));
                }
            }
        }
        """;
}
