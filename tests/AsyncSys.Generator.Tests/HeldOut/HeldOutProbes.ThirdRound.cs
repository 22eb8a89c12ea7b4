namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the third blind round (Voron.case, Shims.case, Conventions.case), written with the case
/// files before the generator was run on them. Same convention: the call's result, or -errno (for calls that return
/// the error number, -that number); calls whose result is a descriptor or a pointer return 0 for a valid one.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Voron = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Voron
        {
            public static unsafe partial class Syscall
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pwrite(int fd, byte[] data, long offset) { using var h = new SafeFileHandle(fd, false); fixed (byte* p = data) { return Check(pwrite(h, p, (ulong)data.Length, offset)); } }
                public static long Probe_pread_raw(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check((long)PReadRaw(fd, (IntPtr)p, (UIntPtr)buf.Length, (IntPtr)offset)); } }
                public static long Probe_posix_fallocate(int fd) => -posix_fallocate(fd, 0, 4096);
                public static long Probe_posix_fadvise(int fd) { using var h = new SafeFileHandle(fd, false); return -posix_fadvise(h, 0, 0, FadviseAdvice.POSIX_FADV_SEQUENTIAL); }
                public static long Probe_try_allocate(int fd) => -TryAllocate(fd, 0, 4096);
                public static long Probe_fsync(int fd) { using var h = new SafeFdHandle(fd, false); return Check(fsync(h)); }
                public static long Probe_sync_file_range(int fd) => Check(sync_file_range(fd, 0, 0, SyncFileRangeFlags.SYNC_FILE_RANGE_WRITE));
                public static long Probe_fallocate_keep(int fd) { using var h = new SafeFileHandle(fd, false); return Check(fallocate(h, FallocFlags.FALLOC_FL_KEEP_SIZE, 0, 4096)); }
                public static long Probe_mmap(int fd, int length)
                {
                    IntPtr p = mmap(IntPtr.Zero, (UIntPtr)length, MmapProts.PROT_READ, MmapFlags.MAP_SHARED, fd, IntPtr.Zero);
                    if (p == (IntPtr)(-1)) { return -Marshal.GetLastPInvokeError(); }
                    munmap(p, (nuint)length);
                    return 0;
                }
                public static long Probe_munmap(long address, int length) => Check(munmap((IntPtr)address, (nuint)length));
                public static long Probe_open_valid(string path, int flags)
                {
                    int fd = open(path, (OpenFlags)flags, FilePermissions.S_IRUSR | FilePermissions.S_IWUSR);
                    if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                    close(fd);
                    return 0;
                }
                public static long Probe_open_dir(string path) => Check(open(path, (OpenFlags)(0x10000 | 0x80000), 0));
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_preadv2(int fd, byte[] a, byte[] b, long offset, int flags)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec* v = stackalloc iovec[2];
                        v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                        v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                        return Check(preadv2(fd, v, 2, offset, (RwfFlags)flags));
                    }
                }
                public static long Probe_sendfile(int outFd, int inFd, long[] offset, long count) { fixed (long* p = offset) { return Check(sendfile(outFd, inFd, p, (nuint)count)); } }
                public static long Probe_copy_file_range(int inFd, long[] offsets, int outFd, long length) => Check(copy_file_range(inFd, ref offsets[0], outFd, ref offsets[1], (nuint)length, 0));
                public static long Probe_splice_to_pipe(int inFd, long[] offset, int pipeWrite, long length) { fixed (long* p = offset) { return Check(splice(inFd, p, pipeWrite, null, (nuint)length, 0)); } }
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_read_fd(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(read(fd, p, (nuint)buf.Length)); } }
                [DllImport("libc", SetLastError = true)] private static extern int munmap(IntPtr addr, nuint length);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buf, nuint count);
            }
        }
        """;

    public const string VoronLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Voron
        {
            internal static unsafe partial class NativeDevice
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pwritev(int fd, byte[] a, byte[] b, long offset)
                {
                    using var h = new SafeFileHandle(fd, false);
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        iovec[] v = { new iovec { iov_base = pa, iov_len = (nuint)a.Length }, new iovec { iov_base = pb, iov_len = (nuint)b.Length } };
                        return Check(WriteGather(h, v, 2, offset));
                    }
                }
                public static long Probe_getdents(int fd, byte[] buf) { using var h = new SafeFileHandle(fd, false); return Check(GetDents(h, buf, (nuint)buf.Length)); }
            }
        }
        """;

    public const string Shims = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Shims
        {
            public static unsafe partial class UnixSocket
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_inotify_init() => Check(inotify_init1(0x80000));
                public static long Probe_inotify_add_watch(int fd, string path) => Check(inotify_add_watch(fd, path, 0x100));
                public static long Probe_getpeername(int fd, byte[] address) { uint length = (uint)address.Length; int r = getpeername(fd, address, ref length); return r < 0 ? -Marshal.GetLastPInvokeError() : length; }
                public static long Probe_accept4(int fd, byte[] lengthOut)
                {
                    sockaddr_storage address;
                    uint length = 128;
                    using var h = new SafeFileHandle(fd, false);
                    int accepted = accept4(h, &address, &length, 0x80000);
                    if (accepted < 0) { return -Marshal.GetLastPInvokeError(); }
                    close(accepted);
                    lengthOut[0] = (byte)length;
                    return 0;
                }
                public static long Probe_shutdown(int fd, int how) { using var h = new SafeFileHandle(fd, false); return Check(shutdown(h, (System.Net.Sockets.SocketShutdown)how)); }
                public static long Probe_fionread(int fd) { int r = ioctl(fd, 0x541B, out int value); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                public static long Probe_pipe2_struct(int[] copy) { PipeFds fds; int r = pipe2(&fds, 0x80000); if (r < 0) { return -Marshal.GetLastPInvokeError(); } copy[0] = fds.Fds[0]; copy[1] = fds.Fds[1]; return r; }
                public static long Probe_pipe(int[] fds) => Check(pipe(fds));
                public static long Probe_tee(int fdIn, int fdOut, long length) => Check(tee(fdIn, fdOut, (nuint)length, 0));
                public static long Probe_write_fd(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }
                public static long Probe_read_fd(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(read(fd, p, (nuint)buf.Length)); } }
                public static long Probe_close(int fd) => Check(close(fd));
                [DllImport("libc", SetLastError = true)] private static extern int inotify_init1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
            }
        }
        """;

    public const string ShimsLibraryImport = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Shims
        {
            internal static unsafe partial class Interop
            {
                internal static partial class Sys
                {
                    private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    public static long Probe_readlink_refbyte(string path, byte[] buf) { byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0"); return Check(ReadLink(ref utf8[0], ref buf[0], buf.Length)); }
                    public static long Probe_inotify_add_watch_handle(int fd, string path) { using var h = new SafeFileHandle(fd, false); return Check(INotifyAddWatch(h, path, 0x100)); }
                    public static long Probe_getsockname(int fd, byte[] address)
                    {
                        using var h = new SafeFileHandle(fd, false);
                        int length = address.Length;
                        fixed (byte* p = address) { int r = GetSockName(h, p, &length); return r < 0 ? -Marshal.GetLastPInvokeError() : length; }
                    }
                    public static long Probe_pipe_span(int[] fds) => Check(Pipe(fds, PipeFlags.O_CLOEXEC));
                    public static long Probe_recvfrom(int fd, byte[] buf, byte[] address) { using var h = new SafeFileHandle(fd, false); int length = address.Length; return Check(ReceiveFrom(h, buf, (nuint)buf.Length, SocketFlags.None, address, ref length)); }
                    public static long Probe_sendto(int fd, byte[] buf, byte[] address) => Check(SendTo(fd, buf, (nuint)buf.Length, SocketFlags.None, address, address.Length));
                    public static long Probe_readlinkat(string path, byte[] buf) => Check(ReadLinkAt(-100, path, buf, (nuint)buf.Length));
                }
            }
        }
        """;

    public const string Conventions = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Conventions
        {
            public static unsafe partial class Libc
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_self() => (long)pthread_self();
                public static long Probe_getname(long thread, byte[] name) { fixed (byte* p = name) { return -GetThreadName((nuint)thread, p, (nuint)name.Length); } }
                public static long Probe_realpath(string path, byte[] resolved) => realpath(path, resolved) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : 0;
                public static long Probe_isatty(int fd) => isatty(fd) ? 1 : 0;
                public static long Probe_timerfd() { int fd = timerfd_create(1, 0x80000); if (fd < 0) { return -Marshal.GetLastPInvokeError(); } itimerspec spec = default; spec.it_interval.tv_sec = 5; spec.it_value.tv_sec = 100; return TimerSetRaw(fd, 0, &spec, null) < 0 ? -Marshal.GetLastPInvokeError() : fd; }
                public static long Probe_timerfd_interval(int fd) { itimerspec spec; int r = timerfd_gettime(fd, &spec); return r < 0 ? -Marshal.GetLastPInvokeError() : spec.it_interval.tv_sec; }
                public static long Probe_statx_size(string path) { int r = statx(-100, path, 0, 0x200, out StatxBuffer buffer); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)buffer.stx_size; }
                public static long Probe_openat2(string path)
                {
                    byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    open_how how = default;
                    fixed (byte* p = utf8)
                    {
                        long fd = OpenAt2(437, -100, p, &how, (nuint)sizeof(open_how));
                        if (fd < 0) { return -Marshal.GetLastPInvokeError(); }
                        close((int)fd);
                        return 0;
                    }
                }
                public static long Probe_mkdirat(string path) => Check(mkdirat(-100, path));
                public static long Probe_renameat2(string from, string to) => Check(renameat2(-100, from, -100, to));
                public static long Probe_openat(string path, int flags)
                {
                    SafeDescriptor handle = openat(-100, path, flags, 0);
                    int errno = Marshal.GetLastPInvokeError();
                    // openat returns an int: its -1 may arrive in the handle as 0x00000000FFFFFFFF, which IsInvalid misses.
                    bool failed = unchecked((int)(long)handle.DangerousGetHandle()) == -1;
                    if (failed) { handle.SetHandleAsInvalid(); }
                    handle.Dispose();
                    return failed ? -errno : 0;
                }
                public static long Probe_open_dir(string path) => Check(open(path, 0x10000 | 0x80000));
                public static long Probe_unlinkat(int dirfd, string name) { using var h = new SafeFileHandle(dirfd, false); return Check(unlinkat(h, name, 0)); }
                public static long Probe_ring_pread(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(PRead(fd, p, (nuint)buf.Length, offset)); } }
                public static long Probe_read_exactly(int fd, byte[] buf, long offset) => Check(ReadExactly(fd, buf, offset));
                public static long Probe_seek_end(int fd) => Check(Seek(fd));
                public static long Probe_exists(string path) => Exists(path) ? 1 : 0;
                public static long Probe_flush_interface(int fd) => Check(IFileSync.Flush(fd));
                public static long Probe_flush_struct(int fd) => Check(Device.Native.fdatasync(fd));
                public static long Probe_close(int fd) => Check(close(fd));
                [DllImport("libc")] private static extern nuint pthread_self();
                [DllImport("libc", SetLastError = true)] private static extern int timerfd_create(int clockid, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
            }
        }
        """;

    public const string ConventionsLibraryImport = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Conventions
        {
            public static unsafe partial class Libc
            {
                public static long Probe_setname(long thread, string name) => -SetThreadName((nuint)thread, name);
            }
        }
        """;
}
