namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-fourth blind round (Supervisors.case, Bindings.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno (the last P/Invoke error, else errno itself for
/// imports without SetLastError and calls through function pointers). Children are /bin/true started with posix_spawn and
/// reaped by the run; only signal 0 is sent. Nothing here changes process-wide state: limits and affinity are read, never
/// set; no mount, namespace, capability or seccomp call is made that could succeed in changing anything.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyFourthRoundHelpers = """
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long syscall_for_runs(long number, long a1, long a2);
                [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)] private static extern int waitpid_for_runs(int pid, int* status, int options);
                [DllImport("libc", EntryPoint = "posix_spawn", SetLastError = true)] private static extern int posix_spawn_for_runs(out int pid, string path, IntPtr file_actions, IntPtr attrp,
                    [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv, [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
                [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] private static extern int socketpair_for_runs(int domain, int type, int protocol, int* sv);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "lseek", SetLastError = true)] private static extern long lseek_for_runs(int fd, long offset, int whence);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long Packed(int* two) => (uint)two[0] | ((long)two[1] << 32);

                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long Probe_pidfd_open_raw(int pid) { Clear(); return Check(syscall_for_runs(434, pid, 0)); }
                public static long Probe_spawn_true() { int r = posix_spawn_for_runs(out int pid, "/bin/true", IntPtr.Zero, IntPtr.Zero, new string?[] { "/bin/true", null }, new string?[] { null }); return r == 0 ? pid : -r; }
                public static long Probe_reap(int pid) { int status; Clear(); return Check(waitpid_for_runs(pid, &status, 0)); }
                public static long SocketPairForRuns() { int* sv = stackalloc int[2]; Clear(); return socketpair_for_runs(1, 1 | 0x80000, 0, sv) < 0 ? -Errno() : Packed(sv); }
                public static long PipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000) < 0 ? -Errno() : Packed(fds); }
                public static long Probe_position(int fd) { Clear(); return Check(lseek_for_runs(fd, 0, 1)); }
                public static long Probe_set_position(int fd, long position) { Clear(); return Check(lseek_for_runs(fd, position, 0)); }
                public static long WriteBytes(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(write_for_runs(fd, p, (nuint)data.Length)); } }

                /// <summary>What can be read now without waiting: hex, or "E" and the errno.</summary>
                public static string ReadNow(int fd, int max)
                {
                    byte[] buffer = new byte[max];
                    int flags = fcntl_for_runs(fd, 3, 0);
                    fcntl_for_runs(fd, 4, flags | 0x800);
                    Clear();
                    nint n;
                    fixed (byte* p = buffer) { n = read_for_runs(fd, p, (nuint)max); }
                    int e = Errno();
                    fcntl_for_runs(fd, 4, flags);
                    return n < 0 ? "E" + e : Convert.ToHexString(buffer, 0, (int)n);
                }

                public static long Alloc(int bytes) { nint p = Marshal.AllocHGlobal(bytes); new Span<byte>((void*)p, bytes).Clear(); return p; }
                public static void Free(long p) => Marshal.FreeHGlobal((nint)p);
                public static string Hex(long p, int bytes) => Convert.ToHexString(new ReadOnlySpan<byte>((void*)p, bytes));
        """;

    public const string Supervisors = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Supervisors
        {
            public static unsafe class SupervisorsProbes
            {
        """ + "\n" + TwentyFourthRoundHelpers + "\n" + """

                public static long Probe_pidfd_open(long number, int pid, uint flags) { Clear(); return Check((long)Pidfds.PidfdOpen(new CLong((nint)number), pid, flags).Value); }
                public static long Probe_signal(int pidfd, int sig) { Clear(); return Check(Pidfds.SignalProcess(pidfd, sig, 0, 0)); }
                public static long Probe_getfd(int pidfd, int targetfd) { Clear(); return Check(Pidfds.DuplicateFrom(pidfd, targetfd)); }
                public static long Probe_capget(int pid, CapUserData[] data) { Clear(); return Check(Capabilities.GetCapabilities(pid, data)); }
                public static long Probe_fsopen(string name, uint flags) { Clear(); return Check(Mounts.FsOpen(430, name, flags)); }
                public static long Probe_name_to_handle_at(int dirfd, string path, long handle, out int mountId, int flags) { Clear(); return Check(Handles.name_to_handle_at(dirfd, path, (nint)handle, out mountId, flags)); }
                public static long Probe_open_by_handle_at(int mountFd, long handle, int flags) { Clear(); return Check(Handles.open_by_handle_at(mountFd, (nint)handle, flags)); }
                public static long Probe_landlock(long attr, ulong size, uint flags) { Clear(); return Check((long)Sandbox.LandlockCreateRuleset(new CLong(444), (nint)attr, new CULong((nuint)size), flags).Value); }
                public static long Probe_seccomp_query(uint operation, uint flags, long args) { Clear(); return Check(Sandbox.SeccompQuery(operation, flags, (nint)args)); }
                public static long Probe_getrlimit(int resource, out long current, out long maximum)
                {
                    Clear();
                    long r = Check(Limits.GetLimit(resource, out Rlimit limit));
                    current = (long)(ulong)limit.Current.Value;
                    maximum = (long)(ulong)limit.Maximum.Value;
                    return r;
                }

                public static long Probe_ioprio_get(long number, int which, int who) { Clear(); return Check((long)Limits.IoprioGet(new CLong((nint)number), which, who).Value); }
            }
        }
        """;

    public const string SupervisorsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Supervisors
        {
            public static unsafe class SupervisorsLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_waitid(int idtype, uint id, int options, out int pid, out int status, out int code)
                {
                    Siginfo info = default;
                    Clear();
                    long r = Check(Reaper.WaitForPidfd((IdType)idtype, id, &info, (WaitOptions)options));
                    pid = info.Pid;
                    status = info.Status;
                    code = info.Code;
                    return r;
                }

                public static long Probe_subreaper(int option, out int value) { Clear(); return Check(TaskControl.GetChildSubreaper(option, out value, 0, 0, 0)); }
                public static long Probe_umount2(string target, int flags) { Clear(); return Check(Mounts.Unmount(target, flags)); }
                public static long Probe_prlimit(int pid, int resource, out long current, out long maximum)
                {
                    Rlimit64 old = default;
                    Clear();
                    long r = Check(Limits.Prlimit(pid, resource, 0, &old));
                    current = (long)old.Current;
                    maximum = (long)old.Maximum;
                    return r;
                }

                public static long Probe_affinity(int pid, long size, ulong[] mask) { Clear(); return Check(Limits.GetAffinity(pid, (nuint)size, mask)); }
            }
        }
        """;

    public const string Bindings = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Bindings
        {
            public static unsafe class BindingsProbes
            {
        """ + "\n" + TwentyFourthRoundHelpers + "\n" + """

                public static long Probe_read_bytes(int fd, byte[] buffer, long count) { Clear(); fixed (byte* p = buffer) { return Check(LibC.ReadBytes(fd, p, (nuint)count)); } }
                public static long Probe_pread_named_write(int fd, byte[] buffer, long count, long offset) { Clear(); fixed (byte* p = buffer) { return Check(LibC.Write(fd, p, (nuint)count, offset)); } }
                public static long Probe_write_named_read(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(LibC.Read(fd, p, (nuint)data.Length)); } }
                public static long Probe_write_clong(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check((long)LibC.WriteC(fd, p, new CULong((nuint)data.Length)).Value); } }
                public static long Probe_seek_clong(int fd, long offset, int whence) { Clear(); return Check((long)LibC.Seek(fd, new CLong((nint)offset), whence).Value); }
                public static long Probe_recv_long(int fd, byte[] buffer, long length, int flags) { Clear(); fixed (byte* p = buffer) { return Check(LibC.Receive(fd, p, (nuint)length, flags)); } }
                public static long Probe_send_culong(int fd, byte[] data, int flags) { Clear(); fixed (byte* p = data) { return Check(LibC.Send(fd, p, new CULong((nuint)data.Length), flags)); } }
                public static long Probe_sendfile(int outFd, int inFd, long count) { Clear(); return Check(LibC.CopyFileTo(outFd, inFd, null, (nuint)count)); }
                public static long Probe_sendfile_at(int outFd, int inFd, ref long offset, long count) { long o = offset; Clear(); long r = Check(LibC.CopyFileTo(outFd, inFd, &o, (nuint)count)); offset = o; return r; }
                public static long Probe_fsync(int fd) { Clear(); return Check(Conventions.FlushFile(fd)); }
                public static long Probe_dup(int fd) { Clear(); int r = Errnos.Duplicate(fd); return r < 0 ? -Marshal.GetLastSystemError() : r; }
                public static long Probe_dup_or_errno(int fd, out int errno) { Clear(); int r = Errnos.DuplicateOrErrno(fd, out errno); return r < 0 ? -errno : r; }
                public static long Probe_read_at(int fd, byte[] buffer, long offset) { Clear(); return Check(Dynamic.ReadAt(fd, buffer, offset)); }
                public static long Probe_size_of(int fd, out long size) { Clear(); return Check(Dynamic.SizeOf(fd, out size)); }
                public static long Probe_sync_data(int fd) => Dynamic.SyncData(fd);
                public static long Probe_read_part(int fd, byte[] buffer, long count, long offset) { Clear(); fixed (byte* p = buffer) { return Check(Split.ReadPart(fd, p, (nuint)count, offset)); } }
            }
        }
        """;

    public const string BindingsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Bindings
        {
            public static unsafe class BindingsLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_truncate_clong(int fd, long length) { Clear(); return Check(LibC.Truncate(fd, new CLong((nint)length))); }
                public static long Probe_seek64(int fd, long offset, int whence) { Clear(); return Check(Conventions.Seek64(fd, offset, whence)); }

                /// <summary>eventfd returns a C int: its low 32 bits, whatever the nint's upper half holds.</summary>
                public static long Probe_eventfd(uint initval, int flags) { Clear(); return Check(unchecked((int)Errnos.CreateEventFd(initval, flags))); }
                public static long Probe_sync_part(int fd) { Clear(); return Check(Split.SyncPart(fd)); }
            }
        }
        """;
}
