namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the fifth blind round (Handles.case, Pointers.case, Results.case, Rings.case), written with
/// the case files before the generator was run on them. Same convention: the call's result, or -errno (for calls that
/// return the error number or -errno, -that number); calls whose result is a descriptor or handle return 0 for a valid
/// one (closed here). Where the wrapper's body does not run the call (an ordinary method stating its RingOp), the probe
/// makes the libc call itself.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Handles = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Handles
        {
            public static unsafe class HandleProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_close(int fd) => Check(Native.close(fd));
                public static long Probe_pread(int fd, byte[] buf, long offset) { using var h = new SafeFdHandle((IntPtr)fd, false); fixed (byte* p = buf) { return Check(UnixFile.PRead(h, p, (nuint)buf.Length, offset)); } }
                public static long Probe_open(string path, int flags)
                {
                    SafeFdHandle h = UnixFile.Open(path, flags, 0);
                    int errno = Marshal.GetLastPInvokeError();
                    bool valid = !h.IsInvalid;
                    h.Dispose();
                    return valid ? 0 : -errno;
                }
                public static long Probe_accept4(int fd)
                {
                    using var listener = new SafeFdHandle((IntPtr)fd, false);
                    SafeFdHandle h = UnixFile.Accept4(listener, IntPtr.Zero, IntPtr.Zero, 0x80000);
                    int errno = Marshal.GetLastPInvokeError();
                    bool valid = !h.IsInvalid;
                    h.Dispose();
                    return valid ? 0 : -errno;
                }
                public static long Probe_fallocate(int fd, long offset, long len) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(UnixFile.fallocate(h, 0, offset, len)); }
                public static long Probe_datasync_critical(int fd) => Check(UnixFile.DataSync(new CriticalFd(fd)));
                public static long Probe_fsync(int fd) => Check(Native.fsync(fd));
                public static long Probe_flush(int fd) => Check(new DescriptorFile(fd).Flush());
                public static long Probe_read_at(int fd, byte[] buf, long offset) => Check(new DescriptorFile(fd).ReadAt(buf, offset));
                public static long Probe_write(int fd, byte[] data) => Check(new DescriptorFile(fd).Write(data));
                public static long Probe_journal_fdatasync(int fd) => Check(Journal.FDataSync(fd));
                public static long Probe_journal_lock(int fd) => Check(new Journal(fd).Lock(2 | 4));
                // No SetLastError on Slot.Fsync: errno as the thread left it, read right after the call.
                public static long Probe_slot_fsync(int fd) { Marshal.SetLastSystemError(0); int r = Slot.Fsync(fd); return r < 0 ? -Marshal.GetLastSystemError() : r; }
            }
        }
        """;

    public const string Pointers = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Pointers
        {
            public static unsafe class PointerProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                [DllImport("libc", SetLastError = true)] private static extern nint pwrite(int fd, byte* buf, nuint count, long offset);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_ctl(int epfd, int op, int fd, epoll_event* ev);
                public static long Probe_close(int fd) => Check(Interop.close(fd));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));
                public static long Probe_write_via(int fd, byte[] data)
                {
                    fixed (byte* p = data)
                    {
                        // Through a function pointer nothing stores the last P/Invoke error: errno as the call left it.
                        Marshal.SetLastSystemError(0);
                        long r = Interop.WriteVia(fd, p, (nuint)data.Length);
                        return r < 0 ? -Marshal.GetLastSystemError() : r;
                    }
                }
                public static long Probe_fdatasync_fast(int fd) => Check(Interop.FdatasyncFast(fd));
                public static long Probe_put(int fd, byte[] data, long offset) { fixed (byte* p = data) { return Check(pwrite(fd, p, (nuint)data.Length, offset)); } }
                public static long Probe_openat(string path)
                {
                    int fd = Interop.OpenAt(-100, path);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    Interop.close(fd);
                    return 0;
                }
                public static long Probe_send(int fd, byte[] data) { fixed (byte* p = data) { return Check(Interop.Send(fd, p, (nuint)data.Length)); } }
                public static long Probe_gather(int fd, byte[][] chunks) => Check(Interop.Gather(fd, chunks));
                public static long Probe_close_all(int[] fds) => Check(Interop.CloseAll(fds));
                public static long Probe_getxattr(string path, string name, byte[]? value) => Check(Interop.GetXattr(path, name, value, (nuint)(value?.Length ?? 0)));
                public static long Probe_mkdirat(string? path) => Check(Interop.MkdirAt(-100, path, 0x1ed));
                public static long Probe_unlinkat(string path) => Check(Interop.UnlinkAt(-100, path, 0));
                public static long Probe_poll_many(pollfd[] fds) => Check(Interop.PollMany(fds, 0));
                public static long Probe_epoll_setup(int[] fds)
                {
                    int epfd = epoll_create1(0x80000);
                    if (epfd < 0) { return -Marshal.GetLastPInvokeError(); }
                    int efd = eventfd(1, 0x80000);
                    epoll_event ev = new epoll_event { events = 1, data = 77 };
                    if (epoll_ctl(epfd, 1, efd, &ev) < 0) { return -Marshal.GetLastPInvokeError(); }
                    fds[0] = epfd; fds[1] = efd;
                    return 0;
                }
            }
        }
        """;

    public const string PointersLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Pointers
        {
            public static unsafe class PointerLibraryImportProbes
            {
                private static long CheckLibraryImport(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pwrite(int fd, byte[] data, long offset) => CheckLibraryImport(Interop.PWrite(fd, data, (nuint)data.Length, offset));
                public static long Probe_epoll_wait(int epfd, epoll_event[] events) => CheckLibraryImport(Interop.EpollWait(epfd, events, events.Length, 0));
                public static long Probe_writev(int fd, byte[] a, byte[] b)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return CheckLibraryImport(Interop.WriteV(fd, new ReadOnlySpan<iovec>(v, 2), 2));
                    }
                }
                public static long Probe_pipe2(int[] fds) => CheckLibraryImport(Interop.Pipe2(fds, 0x80000));
                public static long Probe_statx_head(string path, StatxHead[] buffer) => CheckLibraryImport(Interop.Statx(-100, path, 0, 0x7ff, buffer));
            }
        }
        """;

    public const string Results = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Results
        {
            public static unsafe class ResultProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_isatty(int fd) => Libc.IsTerminal(fd) ? 1 : 0;
                public static long Probe_lseek(int fd, long offset, int whence) { ulong r = Libc.LSeek(fd, offset, whence); return r == ulong.MaxValue ? -Marshal.GetLastPInvokeError() : (long)r; }
                public static long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { nuint r = Libc.Read(fd, p, (nuint)buf.Length); return r == nuint.MaxValue ? -Marshal.GetLastPInvokeError() : (long)r; } }
                public static long Probe_write32(int fd, byte[] data) { fixed (byte* p = data) { uint r = Libc.Write32(fd, p, (nuint)data.Length); return r == uint.MaxValue ? -Marshal.GetLastPInvokeError() : r; } }
                public static long Probe_reserve(int fd) => -(long)Libc.Reserve(fd, 0, 4096);
                public static long Probe_posix_madvise(long addr) => -Libc.posix_madvise((nint)addr, 4096, 0);
                public static long Probe_madvise(long addr) => Check(Libc.madvise((nint)addr, 4096, 0));
                public static long Probe_raw_fsync(int fd) => Libc.RawFsync(fd);
                public static long Probe_raw_fdatasync(int fd) => Libc.RawFdatasync(fd);
                public static long Probe_wait_readable(int fd) => Check(Libc.WaitReadable(fd, 0, default));
                public static long Probe_write_pointer(int fd, byte[] data) { fixed (byte* p = data) { return Check(Overloads.Write(fd, p, (nuint)data.Length)); } }
                public static long Probe_write_array(int fd, byte[] data) => Check(Overloads.Write(fd, data, (nuint)data.Length));
            }
        }
        """;

    public const string Rings = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Rings
        {
            public static unsafe class RingProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern nint preadv(int fd, iovec* iov, int iovcnt, long offset);
                [DllImport("libc", SetLastError = true)] private static extern nint writev(int fd, iovec* iov, int iovcnt);
                [DllImport("libc", SetLastError = true)] private static extern nint send(int fd, byte* buf, nuint len, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint recv(int fd, byte* buf, nuint len, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern nint splice(int fdIn, long* offIn, int fdOut, long* offOut, nuint len, uint flags);
                public static long Probe_close(int fd) => Check(Kernel.close(fd));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_write_fd(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }
                public static long Probe_open_dir(string path) => Check(openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_preadv(int fd, byte[] a, byte[] b, long offset)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(preadv(fd, v, 2, offset));
                    }
                }
                public static long Probe_writev(int fd, byte[] a, byte[] b)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(writev(fd, v, 2));
                    }
                }
                public static long Probe_fsync_nint(int fd) => Check(Kernel.FsyncNative(fd));
                // sync_file_range returns a C int, which the case declares as long: its low 32 bits are the answer.
                public static long Probe_sync_file_range(int fd) => Check((int)Kernel.sync_file_range(fd, 0, 0, 2));
                public static long Probe_fallocate(int fd) => Check(Kernel.Fallocate(fd, 0, new off_t { Value = 0 }, new off_t { Value = 4096 }));
                public static long Probe_statx_size(string path) { StatxBuffer b; int r = Kernel.Statx(-100, path, 0, 0x7ff, &b); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)b.Size; }
                public static long Probe_close_u(int fd) => Check(Kernel.CloseU((uint)fd));
                public static long Probe_connect(int fd, byte[] addr) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Kernel.Connect(h, addr, addr.Length)); }
                public static long Probe_send(int fd, byte[] data) { fixed (byte* p = data) { return Check(send(fd, p, (nuint)data.Length, 0)); } }
                public static long Probe_recv(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(recv(fd, p, (nuint)buf.Length, 0)); } }
                public static long Probe_shutdown(int fd, int how) => Check(Kernel.Shutdown(fd, (ShutdownHow)how));
                public static long Probe_renameat(string from, string to)
                {
                    byte[] f = System.Text.Encoding.UTF8.GetBytes(from + "\0"), t = System.Text.Encoding.UTF8.GetBytes(to + "\0");
                    fixed (byte* pf = f) fixed (byte* pt = t) { return Check(Kernel.renameat(-100, pf, -100, pt)); }
                }
                public static long Probe_unlinkat(int dirfd, string path) { using var h = new SafeFileHandle((IntPtr)dirfd, false); return Check(Kernel.UnlinkAt(h, path, 0)); }
                public static long Probe_mkdirat(string path) => Check(Kernel.MkdirAt(-100, path, new mode_t { Value = 0x1ed }));
                public static long Probe_openat(int dirfd, string path, int flags)
                {
                    int fd = openat(dirfd, path, flags, 0);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    Kernel.close(fd);
                    return 0;
                }
                public static long Probe_splice(int fdIn, int fdOut, long offOut, long len)
                {
                    long* outOffset = stackalloc long[1];
                    outOffset[0] = offOut;
                    return Check(splice(fdIn, null, fdOut, offOut < 0 ? null : outOffset, (nuint)len, 0));
                }
                public static long Probe_tee(int fdIn, int fdOut, long len) => Check(Kernel.tee(fdIn, fdOut, (nuint)len, 2));
                public static long Probe_wait_for(int fd) => Check(Kernel.WaitFor(fd, AsyncSys.PollEvents.In));
                public static long Probe_wait_for_short(int fd) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Kernel.WaitForShort(h, 1)); }
                public static long Probe_symlinkat(string target, string link) => Check(Kernel.symlinkat(target, -100, link));
                public static long Probe_linkat(string from, string to) => Check(Kernel.linkat(-100, from, -100, to, 0));
                public static long Probe_waitid(int pid) { siginfo_t info; return Check(Kernel.waitid(1, pid, &info, 4 | 1)); }
                public static long Probe_open_udp()
                {
                    int fd = Kernel.OpenLoopbackUdp(out int port);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    Kernel.close(fd);
                    return port > 0 ? 0 : -1;
                }
                public static long Probe_listen(int fd) => Check(Kernel.Listen(fd, 4));
                public static long Probe_fgetxattr(int fd, string name, byte[] value) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Kernel.fgetxattr(h, name, value, (nuint)value.Length)); }
            }
        }
        """;
}
