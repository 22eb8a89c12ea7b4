namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-sixth blind round (TempFiles.case, SessionControl.case), written with the case files
/// before the generator was run on them. Same convention: the call's result, or -errno; an address result is 1 (not NULL)
/// or -errno; a NeverFails call's result as it is. Files and directories are the run's own; children are started in a
/// process group of their own by <c>Probe_spawn_group</c> and killed and reaped by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string TempFiles = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.TempFiles
        {
            public static unsafe class TempFilesProbes
            {
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "free")] private static extern void free_for_runs(nint p);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Address(nint p) => p == 0 ? -Marshal.GetLastPInvokeError() : 1;

                public static long Probe_close(int fd) => Check(close_for_runs(fd));
                public static long Probe_fd_flags(int fd) => Check(fcntl_for_runs(fd, 1, 0));

                public static long Probe_tmp_mkostemp(byte[] template, int flags) => Check(Templates.mkostemp(template, flags));
                public static long Probe_tmp_mkstemps(byte[] template, int suffixlen) => Check(Templates.mkstemps(template, suffixlen));
                public static long Probe_tmp_mkdtemp(byte[] template) => Address(Templates.MakeDirectory(template));
                public static long Probe_tmp_resolve(string path, byte[] resolved) => Address(Paths.ResolveInto(path, resolved));

                /// <summary>The malloc'd name's address (taken by <see cref="TakeText"/>), or -errno.</summary>
                public static long Probe_tmp_realpath_alloc(string path) { nint p = Paths.RealPathAllocated(path, 0); return p == 0 ? -Marshal.GetLastPInvokeError() : p; }

                /// <summary>The text at a malloc'd address, freed here.</summary>
                public static string TakeText(long p) { string s = Marshal.PtrToStringUTF8((nint)p) ?? ""; free_for_runs((nint)p); return s; }

                public static long Probe_tmp_getcwd(byte[] buf) => Address(Paths.CurrentDirectory(buf));
                public static long Probe_tmp_fpathconf(int fd, int name) => Limits.fpathconf(fd, name);
                public static long Probe_tmp_getloadavg(double[] loadavg, int nelem) => Limits.getloadavg(loadavg, nelem);
                public static long Probe_tmp_confstr(int name, byte[] buf) => (long)Limits.ConfStrInto(name, buf);
            }
        }
        """;

    public const string SessionControl = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.SessionControl
        {
            public static unsafe class SessionControlProbes
            {
        """ + CommonProbeBody + """

                [DllImport("libc", EntryPoint = "posix_spawn")] private static extern int posix_spawn_group_for_runs(out int pid, string path, nint actions, nint attrp, string?[] argv, string?[] envp);
                [DllImport("libc")] private static extern int posix_spawnattr_init(nint attr);
                [DllImport("libc")] private static extern int posix_spawnattr_destroy(nint attr);
                [DllImport("libc")] private static extern int posix_spawnattr_setflags(nint attr, short flags);
                [DllImport("libc")] private static extern int posix_spawnattr_setpgroup(nint attr, int pgroup);

                /// <summary>A child running 'path argument' in a new process group it leads (POSIX_SPAWN_SETPGROUP, group 0); its pid, or -error.</summary>
                public static long Probe_spawn_group(string path, string argument)
                {
                    nint attr = Marshal.AllocHGlobal(1024);
                    try
                    {
                        int r = posix_spawnattr_init(attr);
                        if (r != 0)
                        {
                            return -r;
                        }

                        int pid = 0;
                        r = posix_spawnattr_setflags(attr, 0x02);
                        if (r == 0) r = posix_spawnattr_setpgroup(attr, 0);
                        if (r == 0) r = posix_spawn_group_for_runs(out pid, path, 0, attr, new string?[] { path, argument, null }, new string?[] { null });
                        posix_spawnattr_destroy(attr);
                        return r == 0 ? pid : -r;
                    }
                    finally
                    {
                        Marshal.FreeHGlobal(attr);
                    }
                }

                public static long Probe_sess_getpgid(int pid) => Check(Sessions.getpgid(pid));
                public static long Probe_sess_killpg(int pgrp, int sig) => Check(Sessions.killpg(pgrp, sig));
                public static long Probe_sess_tcgetpgrp(int fd) => Check(Terminal.tcgetpgrp(fd));
                public static long Probe_sess_tcsetpgrp(int fd, int pgrp) => Check(Terminal.tcsetpgrp(fd, pgrp));
            }
        }
        """;
}
