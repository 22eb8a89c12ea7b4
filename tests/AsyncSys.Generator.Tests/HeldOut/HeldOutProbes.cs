namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous calls of the held-out wrappers, written by hand as a user of each wrapper would, added as partial
/// members of the wrapper's own type (so private wrappers are reachable). Each returns the call's result, or
/// -errno when it failed; for calls that return the error number, -that number.
/// </summary>
internal static class HeldOutProbes
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
}
