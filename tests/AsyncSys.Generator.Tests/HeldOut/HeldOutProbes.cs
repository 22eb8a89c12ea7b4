namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous calls of the held-out wrappers, written by hand as a user of each wrapper would, added as partial
/// members of the wrapper's own type (so private wrappers are reachable). Each returns the call's result, or
/// -errno when it failed; for calls that return the error number, -that number.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string MonoPosix = """
        using System.Runtime.InteropServices;
        namespace HeldOut.MonoPosix
        {
            public sealed partial class Syscall
            {
                public static long Probe_gethostname(byte[] name) { int r = sys_gethostname(name, (ulong)name.Length); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_posix_fadvise(int fd) => -posix_fadvise(fd, 0, 0, PosixFadviseAdvice.POSIX_FADV_SEQUENTIAL);
                public static long Probe_posix_fallocate(int fd, ulong len) => -posix_fallocate(fd, 0, len);
            }
        }
        """;

    public const string TmdsLibC = """
        using System.Runtime.InteropServices;
        namespace HeldOut.TmdsLibC
        {
            public static unsafe partial class Definitions
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(read(fd, p, buf.Length)); } }
                public static long Probe_pread(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(pread(fd, p, buf.Length, offset)); } }
                public static long Probe_readlink(string path, byte[] buf)
                {
                    byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    fixed (byte* p = utf8) fixed (byte* b = buf) { return Check(readlink(p, b, buf.Length)); }
                }
                public static long Probe_gethostname(byte[] name) { fixed (byte* p = name) { return Check(gethostname(p, name.Length)); } }
                public static long Probe_lseek(int fd, long offset, int whence) => Check(lseek(fd, offset, whence));
                public static long Probe_ftruncate(int fd, long length) => Check(ftruncate(fd, length));
                public static long Probe_posix_fallocate(int fd, long offset, long len) => -posix_fallocate(fd, offset, len);
                public static long Probe_posix_fadvise(int fd, int advice) => -posix_fadvise(fd, 0, 0, advice);
            }
        }
        """;

    public const string CorefxLibc = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.CorefxLibc
        {
            internal static partial class Interop
            {
                internal static partial class libc
                {
                    private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    public static unsafe long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { return Check((long)read(fd, p, (IntPtr)buf.Length)); } }
                    public static unsafe long Probe_pread(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check((long)pread(fd, p, (IntPtr)buf.Length, offset)); } }
                    public static unsafe long Probe_gethostname(byte[] name) { fixed (byte* p = name) { return Check(gethostname(p, name.Length)); } }
                    public static long Probe_posix_fadvise(int fd) => -posix_fadvise(fd, 0, 0, Advice.POSIX_FADV_SEQUENTIAL);
                    public static long Probe_readlink(string path, byte[] buf) => Check((long)readlink(path, buf, (IntPtr)buf.Length));
                }
            }
        }
        """;

    public const string Storage = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Storage
        {
            public static unsafe partial class NativeMethods
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pwrite(int fd, byte[] buf, long offset) => Check(PWrite(fd, buf, buf.Length, offset));
                public static long Probe_pread(int fd, byte[] buf, long offset) => Check(PRead(fd, buf, buf.Length, offset));
                public static long Probe_posix_fallocate64(nint fd) => -PosixFallocate(fd, 0, 4096);
                public static long Probe_fcntl(int fd, int cmd) => Check(fcntl(fd, cmd));
                public static long Probe_flock(int fd, int operation) { int r = flock(fd, operation); return r < 0 ? -Marshal.GetLastSystemError() : r; }
                public static long Probe_getdents64(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(getdents64(fd, p, (nuint)buf.Length)); } }
                public static long Probe_sendfile(int outFd, int inFd, nint count) => Check(sendfile(outFd, inFd, IntPtr.Zero, count));
                public static long Probe_fstat(int fd) { int r = fstat(fd, out StatBuf buf); return r < 0 ? -Marshal.GetLastPInvokeError() : buf.Size; }
                public static long Probe_getxattr(string path, string name, byte[] value) => Check(getxattr(path, name, value, (nuint)value.Length));
                public static long Probe_open(string path, int flags) => Check(open(path, flags));
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_getcwd(byte[] buf) => getcwd(buf, (nuint)buf.Length) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : 0;
            }
        }
        """;

    public const string StorageLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Storage
        {
            public static unsafe partial class NativeMethods
            {
                public static long Probe_pread64_span(int fd, byte[] buf, long offset) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(PRead64(h, buf, (nuint)buf.Length, offset)); }
                public static long Probe_fallocate(int fd) => Check(fallocate(fd, 0, 0, 4096));
                public static long Probe_fsync_intptr(nint fd) => Check(Fsync(fd));
            }
        }
        """;

    public const string RuntimeInteropLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.RuntimeInterop
        {
            internal static partial class Interop
            {
                internal static partial class Sys
                {
                    private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    public static unsafe long Probe_PRead(int fd, byte[] buf, long offset) { using var h = new SafeFileHandle((IntPtr)fd, false); fixed (byte* p = buf) { return Check(PRead(h, p, buf.Length, offset)); } }
                    public static long Probe_FTruncate(int fd, long length) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(FTruncate(h, length)); }
                    public static long Probe_SendFile(int outFd, int inFd)
                    {
                        using var o = new SafeFileHandle((IntPtr)outFd, false);
                        using var i = new SafeFileHandle((IntPtr)inFd, false);
                        Error error = SendFile(o, i, 0, 10, out _);
                        return error == Error.SUCCESS ? 0 : -Marshal.GetLastPInvokeError();
                    }
                    public static long Probe_PosixFAdvise(int fd) { using var h = new SafeFileHandle((IntPtr)fd, false); return -PosixFAdvise(h, 0, 0, FileAdvice.POSIX_FADV_SEQUENTIAL); }
                }
            }
        }
        """;

    public const string NetLibraryImport = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Net
        {
            internal static unsafe partial class SocketNative
            {
                public static long Probe_SendTo(int fd, byte[] buf, byte[] addr) { fixed (byte* b = buf) fixed (byte* a = addr) { return Check(SendTo(fd, b, (nuint)buf.Length, 0, a, addr.Length)); } }
            }
        }
        """;

    public const string Marked = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Marked
        {
            public static unsafe partial class RawSyscalls
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(syscall_read(SYS_read, fd, p, (nuint)buf.Length)); } }
                public static long Probe_write(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(syscall_write(SYS_write, fd, p, (nuint)buf.Length)); } }
                public static long Probe_getcwd(byte[] buf) { fixed (byte* p = buf) { return Check(syscall_getcwd(SYS_getcwd, p, (nuint)buf.Length)); } }
                public static long Probe_access(string path)
                {
                    byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    fixed (byte* p = utf8) { return Check(syscall_access(SYS_access, p, 0)); }
                }
                public static long Probe_fionread(int fd) { int count; int r = ioctl_fionread(fd, FIONREAD, &count); return r < 0 ? -Marshal.GetLastPInvokeError() : count; }
            }
        }
        """;

    public const string Legacy = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Legacy
        {
            public static partial class UnixNative
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_sendto(int fd, byte[] buf, byte[] addr) => Check(sendto(fd, buf, buf.Length, 0, addr, addr.Length));
                public static long Probe_recvfrom(int fd, byte[] buf, byte[] addr) { int length = addr.Length; return Check(recvfrom(fd, buf, buf.Length, 0, addr, ref length)); }
            }
        }
        """;

    public const string Net = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Net
        {
            internal static unsafe partial class SocketNative
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_pipe2(int[] fds) => Check(pipe2(fds, 0x80000));
                public static long Probe_dup(int fd) => Check(dup(fd));
                public static long Probe_close(int fd) => Check(close((System.IntPtr)fd));
            }
        }
        """;

    public const string Collide = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Collide
        {
            public static unsafe partial class PosixFile
            {
                public static long Probe_Read(int fd, byte[] buffer) { int r = Read(fd, buffer); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
        }
        """;

    public const string ClangSharp = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ClangSharp;
        public static unsafe partial class Methods
        {
            // ClangSharp's externs have no SetLastError: errno is read straight after the call.
            private static long Check(long r) => r < 0 ? -Marshal.GetLastSystemError() : r;
            private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s + "\0");
            public static long Probe_pread(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(pread(fd, p, (nuint)buf.Length, (nint)offset)); } }
            public static long Probe_pwrite(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(pwrite(fd, p, (nuint)buf.Length, (nint)offset)); } }
            public static long Probe_unlink(string path) { fixed (byte* p = Utf8(path)) { return Check(unlink((sbyte*)p)); } }
            public static long Probe_readlink(string path, byte[] buf) { fixed (byte* p = Utf8(path)) fixed (byte* b = buf) { return Check(readlink((sbyte*)p, (sbyte*)b, (nuint)buf.Length)); } }
            public static long Probe_fstat(int fd) { stat s; int r = fstat(fd, &s); return r < 0 ? -Marshal.GetLastSystemError() : s.st_size; }
            public static long Probe_statx(string path) { statx s; fixed (byte* p = Utf8(path)) { int r = statx(-100, (sbyte*)p, 0, 0x200, &s); return r < 0 ? -Marshal.GetLastSystemError() : (long)s.stx_size; } }
            public static long Probe_sendfile(int outFd, int inFd, long offset, long count) { nint off = (nint)offset; return Check(sendfile(outFd, inFd, &off, (nuint)count)); }
            public static long Probe_copy_file_range(int inFd, long inOffset, int outFd, long outOffset, long length) { nint i = (nint)inOffset, o = (nint)outOffset; return Check(copy_file_range(inFd, &i, outFd, &o, (nuint)length, 0)); }
            public static long Probe_readv(int fd, byte[] a, byte[] b)
            {
                fixed (byte* pa = a) fixed (byte* pb = b)
                {
                    iovec* v = stackalloc iovec[2];
                    v[0].iov_base = pa; v[0].iov_len = (nuint)a.Length;
                    v[1].iov_base = pb; v[1].iov_len = (nuint)b.Length;
                    return Check(readv(fd, v, 2));
                }
            }
            public static long Probe_getrandom(byte[] buf) { fixed (byte* p = buf) { return Check(getrandom(p, (nuint)buf.Length, 0)); } }
            public static long Probe_getsockopt_type(int fd, byte[] value) { uint length = (uint)value.Length; fixed (byte* p = value) { int r = getsockopt(fd, 1, 3, p, &length); return r < 0 ? -Marshal.GetLastSystemError() : length; } }
        }
        """;

    public const string Sockets = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Sockets
        {
            internal static unsafe partial class SocketInterop
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_setsockopt_ref(int fd, int value) { int v = value; return Check(setsockopt(fd, 1, 2, ref v, 4)); }
                public static long Probe_get_int_option(int fd, int name) { int length = 4; int r = getsockopt(fd, 1, name, out int v, ref length); return r < 0 ? -Marshal.GetLastPInvokeError() : v; }
                public static long Probe_setsockopt_ptr(int fd, int value) { using var h = new SafeFileHandle(fd, false); int v = value; return Check(SetSockOptInt(h, 1, 8, &v, 4)); }
                public static long Probe_accept4(int fd)
                {
                    using var h = new SafeFileHandle(fd, false);
                    byte* address = stackalloc byte[16];
                    uint length = 16;
                    SafeFdHandle accepted = accept4(h, address, ref length, 0);
                    int errno = Marshal.GetLastPInvokeError();
                    // accept4 returns an int: its -1 may arrive in the handle as 0x00000000FFFFFFFF, which IsInvalid misses.
                    bool failed = unchecked((int)(long)accepted.DangerousGetHandle()) == -1;
                    if (failed)
                    {
                        accepted.SetHandleAsInvalid();
                    }
                    accepted.Dispose();
                    return failed ? -errno : 0;
                }
                public static long Probe_recv(int fd, byte[] buf) { using var h = new SafeFileHandle(fd, false); return Check(recv(h, buf, buf.Length)); }
                public static long Probe_send(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(send(fd, p, (nuint)buf.Length)); } }
                public static long Probe_sendto_null(int fd, byte[] buf) => Check(sendto(fd, buf, buf.Length, 0, null, 0));
                public static long Probe_epoll_create() => Check(epoll_create1(0x80000));
                public static long Probe_eventfd(int initial) => Check(eventfd((uint)initial, 0x80000));
                public static long Probe_epoll_ctl_add(int epfd, int fd) { epoll_event e = default; e.events = 1; return Check(epoll_ctl(epfd, 1, fd, ref e)); }
                public static long Probe_read_counter(int fd) { nint r = ReadCounter(fd, out ulong v, 8); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)v; }
                public static long Probe_write_counter(int fd, long value) { ulong v = (ulong)value; return Check(WriteCounter(fd, ref v, 8)); }
                public static long Probe_close(int fd) => Check(close(fd));
                [DllImport("libc", SetLastError = true)] private static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
            }
        }
        """;

    public const string SocketsLibraryImport = """
        using System.Runtime.InteropServices;
        namespace HeldOut.Sockets
        {
            internal static unsafe partial class SocketInterop
            {
                public static long Probe_socketpair(int[] fds) { fixed (int* p = fds) { return Check(socketpair(1, 1 | 0x80000, 0, p)); } }
                public static long Probe_eventfd_read(int fd) { int r = eventfd_read(fd, out ulong v); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)v; }
            }
        }
        """;

    public const string Modern = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Modern
        {
            public partial record NativeFile
            {
                public static long Probe_fdatasync(int fd) { int r = fdatasync(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
            public readonly partial record struct Descriptor
            {
                public static long Probe_syncfs(int fd) { int r = syncfs(fd); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
            public static unsafe partial class Libc
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_setxattr(string path, string name, byte[] value) => Check(setxattr(path, name, value, (nuint)value.Length, 0));
                public static long Probe_getxattr(string path, string name, byte[] value) => Check(GetXattr(path, name, value, (nuint)value.Length));
                public static long Probe_lgetxattr_size(string path, string name) => Check(LGetXattr(path, name, null, 0));
                public static long Probe_sendfile_keywords(int outFd, int inFd, long offset, long count) { long off = offset; return Check(sendfile(outFd, inFd, ref off, (nint)count)); }
                public static long Probe_ioctl_state(int fd) { int r = IoctlGetInt(fd, 0x541B, out int value); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                public static long Probe_eventfd_read_result(int fd) { int r = eventfd_read(fd, out ulong value); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)value; }
                public static long Probe_eventfd(int initial) => Check(eventfd((uint)initial, 0x80000));
                public static long Probe_readat(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(ReadAt(fd, p, (nuint)buf.Length, offset)); } }
                public static long Probe_write_chunks(int fd, byte[] a, byte[] b) => Check(WriteChunks(fd, a, b));
                public static long Probe_close(int fd) => Check(close(fd));
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int setxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
            }
            public static partial class SplitFile
            {
                public static long Probe_pwrite_split(int fd, byte[] data, long offset) { using var h = new SafeFileHandle(fd, false); nint r = PWrite(h, data, data.Length, offset); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
        }
        """;

    public const string ModernLibraryImport = """
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Modern
        {
            internal static partial class Outer
            {
                private static partial class Native
                {
                    internal static long NestedPRead(int fd, byte[] buffer)
                    {
                        using var handle = new SafeFileHandle(fd, ownsHandle: false);
                        nint r = PRead(handle, buffer, (nuint)buffer.Length);
                        return r < 0 ? -Marshal.GetLastPInvokeError() : r;
                    }
                }

                public static long Probe_nested_pread(int fd, byte[] buffer) => Native.NestedPRead(fd, buffer);
            }
        }
        """;

    public const string Ordinary = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Ordinary
        {
            public static unsafe partial class PosixFile
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_close(SafeFileHandle handle) { Close(handle); return handle.IsClosed ? 0 : 1; }
                public static long Probe_open(string path, int access) => Check(Open(path, (FileAccess)access));
                public static long Probe_read_fd(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(read(fd, p, (nuint)buf.Length)); } }
                public static long Probe_close_fd(int fd) => Check(close(fd));
                public static long Probe_write(int fd, byte[] payload) => Check(Write(fd, payload));
                public static long Probe_read_negative(int fd, byte[] buf, long offset) { using var h = new SafeFileHandle(fd, false); return ReadAtOrErrno(h, buf, offset); }
                public static long Probe_flush(int fd) { try { FlushToDisk(new SafeFileHandle(fd, false)); return 0; } catch (IOException e) { return -e.HResult; } }
                public static long Probe_trylock(int fd) => TryLockExclusive(fd) ? 1 : 0;
                public static long Probe_open_handle(string path, int flags)
                {
                    SafeFileHandle handle = OpenHandle(path, flags, 0);
                    int errno = Marshal.GetLastPInvokeError();
                    bool failed = handle.IsInvalid;
                    handle.Dispose();
                    return failed ? -errno : 0;
                }
                public static long Probe_create_event(int flags)
                {
                    SafeEventHandle handle = CreateEvent(0, flags);
                    int errno = Marshal.GetLastPInvokeError();
                    bool failed = handle.IsInvalid;
                    handle.Dispose();
                    return failed ? -errno : 0;
                }
                public static long Probe_getrandom_guid() { Guid g; return Check(getrandom(&g, 16, 0)); }
                public static long Probe_pwrite_longs(int fd, long first, long second) { long* v = stackalloc long[2]; v[0] = first; v[1] = second; return Check(PWriteLongs(fd, v, 16, 0)); }
                public static long Probe_gethostname_struct(byte[] copy)
                {
                    HostNameBuffer name;
                    int r = gethostname(&name, 65);
                    if (r < 0) { return -Marshal.GetLastPInvokeError(); }
                    new ReadOnlySpan<byte>(name.Bytes, 65).CopyTo(copy);
                    return r;
                }
                public static long Probe_readv(int fd, byte[] a, byte[] b)
                {
                    fixed (byte* pa = a) fixed (byte* pb = b)
                    {
                        var iov = new[] { new Iovec { iov_base = (IntPtr)pa, iov_len = (ulong)a.Length }, new Iovec { iov_base = (IntPtr)pb, iov_len = (ulong)b.Length } };
                        return Check(readv(fd, iov, 2));
                    }
                }
                public static long Probe_statx_size(string path) { byte* buf = stackalloc byte[256]; int r = statx(-100, path, 0, 0x200, buf); return r < 0 ? -Marshal.GetLastPInvokeError() : *(long*)(buf + 40); }
                [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buffer, nuint count);
            }
        }
        """;
}
