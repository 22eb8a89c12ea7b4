namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the sixth blind round (Shapes.case, Marshalling.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno (for calls that return the error number,
/// -that number); calls whose result is a descriptor, handle or pointer return 0 for a valid one (descriptors closed here).
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Shapes = """
        using System;
        using System.IO;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Shapes
        {
            public static unsafe class ShapeProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Descriptor(long r)
                {
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Native.close((int)r);
                    return 0;
                }

                private static long Valid(SafeHandle h)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    bool valid = !h.IsInvalid;
                    h.Dispose();
                    return valid ? 0 : -errno;
                }

                public static long Probe_close(int fd) => Check(Native.close(fd));
                public static long Probe_nested_pread(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check((long)Level1.Level2.Level3.Level4.ReadAt(fd, p, (nuint)buf.Length, offset)); } }
                public static long Probe_split_fsync(int fd) => Check(Split.Fsync(fd));
                public static long Probe_split_fdatasync(int fd) => Check(Split.Fdatasync(fd));
                public static long Probe_split_both(int fd) => Check(Split.SyncBoth(fd));
                public static long Probe_journal_sync(int fd) => Check(Journal.Sync(fd));
                public static long Probe_index_sync(int fd) => Check(Index.Sync(fd));
                public static long Probe_mirror_sync(int fd) => Check(HeldOut.Shapes.Mirror.Journal.Sync(fd));
                public static long Probe_oblivious_pwrite(int fd, byte[] data, long offset) => Check(Oblivious.WriteAt(fd, data, (nuint)data.Length, offset));
                public static long Probe_readlink(string path, byte[] buf) => Check((long)Oblivious.ReadLink(path, buf, (nint)buf.Length));
                public static long Probe_pread64(int fd, byte[] buf, long offset) { fixed (byte* p = buf) { return Check(Surprising.PRead(fd, p, (nuint)buf.Length, (ulong)offset)); } }
                public static long Probe_write_long(int fd, byte[] data) => Check(Surprising.Write(fd, data, (nuint)data.Length));
                public static long Probe_recv(int fd, byte[] buf, int flags) { using var h = new SafeSocketHandle((IntPtr)fd, false); return Check(Surprising.Receive(h, buf, buf.Length, (SocketFlags)flags)); }
                public static long Probe_send(int fd, byte[] data, int flags) { fixed (byte* p = data) { return Check(Surprising.Send(fd, p, (nuint)data.Length, (SocketFlags)flags)); } }
                public static long Probe_openat(string path, int flags) => Descriptor(Surprising.OpenAt(-100, path, (OpenFlags)flags, Permissions.OwnerRead | Permissions.OwnerWrite));
                public static long Probe_open_access(string path, int access) => Valid(Surprising.Open(path, (FileAccess)access, 0));
                public static long Probe_flush_handle(int fd) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Surprising.FlushHandle(h)); }
                public static long Probe_flush_stream(FileStream stream) => Check(Surprising.FlushStream(stream));
                public static long Probe_fallocate(int fd, long offset, long len) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Surprising.Reserve(h, FallocateMode.Default, offset, len)); }
                public static long Probe_seek(int fd, long offset, int whence) => Check(Surprising.Seek(fd, offset, (SeekOrigin)whence));
                public static long Probe_getfd(int fd) => Check((long)Surprising.GetDescriptorFlags(fd, FcntlCommand.GetFd));
                public static long Probe_dup(int fd) => Descriptor((long)Surprising.Duplicate(fd));
                public static long Probe_eventfd(uint initval, int flags) => Valid(Surprising.EventFd(initval, flags));
                public static long Probe_epoll(int flags) => Valid(Surprising.CreatePoll((EpollFlags)flags));
                public static long Probe_fstat_size(int fd) { StatBuffer st; int r = Surprising.FStat(fd, out st); return r < 0 ? -Marshal.GetLastPInvokeError() : st.Size; }
                public static long Probe_write_tag(int fd, string text) => Check((long)Surprising.WriteTag(fd, new NameTag(text)));
                public static long Probe_uname_sum() { UtsName u; int r = Surprising.Uname(&u); return r < 0 ? -Marshal.GetLastPInvokeError() : u.SysNameSum; }
            }
        }
        """;

    public const string ShapesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Shapes
        {
            public static unsafe class ShapeLibraryImportProbes
            {
                public static long Probe_getrandom(byte[] buf, uint flags) { long r = (long)Surprising.GetRandom(buf, (nuint)buf.Length, (RandomFlags)flags); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
            }
        }
        """;

    public const string Marshalling = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        namespace HeldOut.Marshalling
        {
            public static unsafe class MarshallingProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long ErrorNumber(int r) => r == 0 ? 0 : -r;
                [DllImport("libc", SetLastError = true)]
                private static extern int close(int fd);
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_read(int fd, byte[] buf) => Check(Arrays.Read(fd, buf, (nuint)buf.Length));
                public static long Probe_write(int fd, byte[] data) => Check(Arrays.Write(fd, data, data.Length));
                public static long Probe_pread(int fd, byte[] buf, long offset) => Check(Arrays.ReadAt(fd, buf, (nuint)buf.Length, offset));
                public static long Probe_getentropy(byte[] buf) => Check(Arrays.GetEntropy(buf, (nuint)buf.Length));
                public static long Probe_getgroups(int size, uint[] list) => Check(Arrays.GetGroups(size, list));
                public static long Probe_pipe2(int[] fds) => Check(Arrays.Pipe2(fds, 0x80000));
                public static long Probe_setxattr(string path, byte[] value) => Check(Arrays.SetXattr(path, "user.asyncsys-heldout", value, (nuint)value.Length, 0));
                public static long Probe_getcwd(StringBuilder buf, ulong size) => Strings.GetCwd(buf, (nuint)size) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : 0;
                public static long Probe_gethostname(StringBuilder name, ulong len) => Check(Strings.GetHostName(name, (nuint)len));
                public static long Probe_strerror(int errnum, StringBuilder buf, ulong len) => ErrorNumber(Strings.StrError(errnum, buf, (nuint)len));
                public static long Probe_ttyname(int fd, StringBuilder buf, ulong len) => ErrorNumber(Strings.TtyName(fd, buf, (nuint)len));
                public static long Probe_realpath(string path, StringBuilder resolved) => Strings.RealPath(path, resolved) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : 0;
                public static long Probe_readlink_text(string path) => Check(Strings.ReadLinkText(path, out _));
                public static long Probe_mkdirat_unicode(string path) => Check(WidePaths.MkdirAt(-100, path, 0x1ed));
                public static long Probe_unlinkat_lpwstr(string path) => Check(WidePaths.UnlinkAt(-100, path, 0));
                public static long Probe_mkdir_unicode(string path) => Check(WidePaths.Mkdir(path, 0x1ed));
                public static long Probe_truncate_unicode(string path, long length) => Check(WidePaths.Truncate(path, length));
                public static long Probe_openat_ansi(string path, int flags)
                {
                    int fd = WidePaths.OpenAtAnsi(-100, path, flags, 0);
                    if (fd < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(fd);
                    return 0;
                }

                public static long Probe_renameat(string from, string to) => Check(WidePaths.RenameAt(-100, from, -100, to));
            }
        }
        """;

    public const string MarshallingLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Marshalling
        {
            public static unsafe class MarshallingLibraryImportProbes
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int close(int fd);
                public static long Probe_openat_utf16(string path, int flags)
                {
                    int fd = WidePaths.OpenAt(-100, path, flags, 0);
                    if (fd < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(fd);
                    return 0;
                }
            }
        }
        """;
}
