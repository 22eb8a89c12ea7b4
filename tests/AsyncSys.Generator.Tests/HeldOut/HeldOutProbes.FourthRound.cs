namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the fourth blind round (Transport.case, Engines.case, Idioms.case, Daemons.case), written with
/// the case files before the generator was run on them. Same convention: the call's result, or -errno (for calls that
/// return the error number or -errno, -that number); calls whose result is a descriptor return 0 for a valid one.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Transport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Transport
        {
            internal sealed unsafe partial class Linux_x64
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));
                public static long Probe_epoll_setup(int[] fds)
                {
                    int epfd = epoll_create1(0x80000);
                    if (epfd < 0) { return -Marshal.GetLastPInvokeError(); }
                    int efd = eventfd(1, 0x80000);
                    epoll_event_packed ev = new epoll_event_packed { events = 1, data = 42 };
                    if (epoll_ctl(epfd, 1, efd, &ev) < 0) { return -Marshal.GetLastPInvokeError(); }
                    fds[0] = epfd; fds[1] = efd;
                    return 0;
                }
                public static long Probe_accept4(int fd, byte[] addr, int[] len)
                {
                    fixed (byte* a = addr) fixed (int* l = len)
                    {
                        int accepted = accept4(fd, (IntPtr)a, (IntPtr)l, 0x80000);
                        if (accepted < 0) { return -Marshal.GetLastPInvokeError(); }
                        close(accepted);
                        return 0;
                    }
                }
                public static long Probe_connect(int fd, byte[] addr) { using var h = new SafeFileHandle(fd, false); fixed (byte* a = addr) { return Check(connect(h, (IntPtr)a, addr.Length)); } }
                public static long Probe_poll(pollfd[] fds) { fixed (pollfd* p = fds) { return Check(poll((IntPtr)p, fds.Length, 0)); } }
                public static long Probe_send(int fd, byte[] data) { fixed (byte* p = data) { return Check(SendNoTransition(fd, p, (nuint)data.Length, 0)); } }
                // A call through a function pointer stores no last P/Invoke error: errno is read as it is, right after the call.
                public static long Probe_read_via(int fd, byte[] buf) { Bind(); fixed (byte* p = buf) { Marshal.SetLastSystemError(0); long r = ReadVia(fd, p, (nuint)buf.Length); return r < 0 ? -Marshal.GetLastSystemError() : r; } }
                public static long Probe_read_result(int fd, byte[] buf) { fixed (byte* p = buf) { return ReadResult(fd, p, buf.Length).Value; } }
                public static long Probe_eventfd_write(int fd, ulong value) => Check(eventfd_write(fd, value));
                public static long Probe_eventfd_read(int fd) { ulong value; int r = eventfd_read(fd, &value); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)value; }
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_ctl(int epfd, int op, int fd, epoll_event_packed* ev);
            }
        }
        """;

    public const string TransportLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Transport
        {
            internal sealed unsafe partial class Linux_x64
            {
                private static long CheckLibraryImport(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_epoll_wait(int epfd, epoll_event_packed[] ee) => CheckLibraryImport(epoll_wait(epfd, ee, ee.Length, 0));
                public static long Probe_poll_span(pollfd[] fds) => CheckLibraryImport(PollSpan(fds, (nuint)fds.Length, 0));
                public static long Probe_recv(int fd, byte[] buf) { fixed (byte* p = buf) { return CheckLibraryImport(Receive(fd, p, (nuint)buf.Length, 0)); } }
                public static long Probe_timerfd_create(int clockid)
                {
                    int fd = timerfd_create(clockid, 0x80000);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    close(fd);
                    return 0;
                }
            }
        }
        """;

    public const string Engines = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Engines
        {
            public static unsafe partial class NativeDevice
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_write_fd(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }
                public static long Probe_open_dir(string path) => Check(open(path, 0x10000 | 0x80000, 0));
                public static long Probe_lseek(int fd, long offset, int whence) => Check(lseek(fd, offset, whence));
                public static long Probe_pread(int fd, byte[] buf, ulong offset) { fixed (byte* p = buf) { return Check(pread(fd, p, (nuint)buf.Length, offset)); } }
                public static long Probe_pwrite(int fd, byte[] data, ulong offset) { using var h = new SafeFileHandle(fd, false); fixed (byte* p = data) { return Check(pwrite(h, p, (nuint)data.Length, offset)); } }
                public static long Probe_write_at(int fd, byte[] data, long offset) { using var h = new SafeFileHandle(fd, false); return Check(WriteAt(h, data, offset)); }
                public static long Probe_preadv2(int fd, byte[] a, byte[] b, long offset, int flags)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(preadv2(fd, v, 2, offset, (ReadWriteFlags)flags));
                    }
                }
                public static long Probe_pwritev2(int fd, byte[] a, byte[] b, long offset, int flags)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(pwritev2(fd, v, 2, offset, (ReadWriteFlags)flags));
                    }
                }
                public static long Probe_pwritev(int fd, byte[] a, byte[] b, long offset)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(pwritev(fd, v, 2, offset));
                    }
                }
                public static long Probe_ftruncate(int fd, ulong length) => Check(ftruncate(fd, length));
                public static long Probe_sync_file_range(int fd, ulong offset, ulong nbytes) { using var h = new SafeFileHandle(fd, false); return Check(sync_file_range(h, offset, nbytes, 2)); }
                public static long Probe_fadvise(int fd) => -posix_fadvise(fd, 0, 0, 2);
                public static long Probe_fallocate_raw(int fd) => Check(FallocateRaw(285, fd, 1, 0, 4096));
                public static long Probe_fadvise64(int fd) => Check(Fadvise64(221, fd, 0, 0, 2));
                public static long Probe_renameat2(string oldpath, string newpath, uint flags)
                {
                    byte[] o = System.Text.Encoding.UTF8.GetBytes(oldpath + "\0"), n = System.Text.Encoding.UTF8.GetBytes(newpath + "\0");
                    fixed (byte* po = o) fixed (byte* pn = n) { return Check(RenameAt2(316, -100, po, -100, pn, flags)); }
                }
                public static long Probe_getdents(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(GetDents64(217, fd, p, (nuint)buf.Length)); } }
                public static long Probe_fionread(int fd) { int value; long r = IoctlInt(16, fd, 0x541B, &value); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);
                [DllImport("libc", SetLastError = true)] private static extern long lseek(int fd, long offset, int whence);
            }
        }
        """;

    public const string EnginesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Engines
        {
            public static unsafe partial class NativeDevice
            {
                private static long CheckLibraryImport(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pwrite_ref(int fd, byte[] data, long offset) => CheckLibraryImport(PWriteRef(fd, in data[0], (nuint)data.Length, offset));
                public static long Probe_statx(string path, byte[] buf) => CheckLibraryImport(statx(-100, path, 0, StatxMaskBits.STATX_BASIC_STATS, buf));
            }
        }
        """;

    public const string Idioms = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        #pragma warning disable CS0618
        namespace HeldOut.Idioms
        {
            public static partial class Maintenance
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_sync_all(int fd) => Check(SyncAll(fd));
                public static long Probe_lock_shared(int fd) => Check(LockShared(fd));
                public static long Probe_pipe(int[] fds) { unsafe { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } } }
                public static long Probe_close(int fd) => Check(close(fd));
                [DllImport("libc", SetLastError = true)] private static extern unsafe int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
            }

            public static partial class SafeFileHandleExtensions
            {
                public static long Probe_fsync_ext(int fd) { using var h = new SafeFileHandle(fd, false); long r = h.Fsync(); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_advise(int fd) { using var h = new SafeFileHandle(fd, false); return -h.Advise(0, 0, 2); }
            }

            public static partial class Legacy
            {
                public static long Probe_syncfs(int fd) { long r = syncfs(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_fdatasync(int fd) { long r = fdatasync(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }

            public readonly partial struct FileDescriptor
            {
                public static long Probe_fsync_struct(int fd) { long r = fsync(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }

            public static partial class Handwritten
            {
                // Reflection cannot call a member of a ref struct: the probe for SpanReader.read lives here.
                public static unsafe long Probe_read_ref_struct(int fd, byte[] buf) { fixed (byte* p = buf) { long r = SpanReader.read(fd, p, (nuint)buf.Length); return r < 0 ? -Marshal.GetLastPInvokeError() : r; } }
            }

            public static partial class Handwritten
            {
                public static long Probe_fsync_handwritten(int fd) { long r = Fsync(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
        }
        """;

    public const string Daemons = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Daemons
        {
            public static unsafe partial class Namespaces
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_write_fd(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }
                public static long Probe_setns(int fd) => Check(setns(fd, 0));
                public static long Probe_prctl(int option) => Check(prctl(option, 0, 0, 0, 0));
                public static long Probe_pidfd_open(int pid)
                {
                    int fd = PidfdOpen(SYS_pidfd_open, pid, 0);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    close(fd);
                    return 0;
                }
                public static long Probe_waitpid(int pid) { int status; return Check(waitpid(pid, &status, 1)); }
                public static long Probe_waitpid_out(int pid) => Check(WaitPid(pid, out _, 1));
                public static long Probe_kill(int pid, int sig) => Check(kill(pid, sig));
                public static long Probe_sleep(long seconds, long nanoseconds) => Check(Sleep(seconds, nanoseconds));
                public static long Probe_fionread(int fd, int[] value) { fixed (int* p = value) { return Check(ioctl(fd, 0x541B, (nint)p)); } }
                public static long Probe_try_open(string path, int flags)
                {
                    int r = TryOpen(path, flags, out SafeFileHandle handle);
                    int errno = Marshal.GetLastPInvokeError();
                    bool valid = !handle.IsInvalid;
                    handle.Dispose();
                    return r < 0 ? -errno : valid ? 0 : -1;
                }
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);
            }
        }
        """;

    public const string DaemonsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Daemons
        {
            public static unsafe partial class SystemD
            {
                public static long Probe_sd_notify(string state) => sd_notify(0, state);
            }

            public static unsafe partial class Namespaces
            {
                public static long Probe_getrandom(byte[] buf) { nint r = getrandom(buf, (nuint)buf.Length, 0); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
        }
        """;
}
