namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the seventh blind round (ValueResult.case, Families.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; calls whose result is a descriptor or a
/// mapping return 0 for a valid one (closed or unmapped here); calls that write a value return that value where noted.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string ValueResult = """
        using System;
        using System.ComponentModel;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.ValueResult
        {
            public static unsafe class ValueResultProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static byte[] Utf8z(string s) => Encoding.UTF8.GetBytes(s + "\0");

                public static long Probe_close(int fd) => Check(Native.close(fd));
                public static long Probe_lseek(int fd, long offset) => Check(Native.lseek(fd, offset, 0));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(Native.pipe2(p, 0x80000)); } }
                public static long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(Native.read(fd, p, (nuint)buf.Length)); } }
                public static long Probe_open_dir(string path) => Check(Native.openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_set_attr(string path, string name, byte[] value) { fixed (byte* p = value) { return Check(Native.setxattr(path, name, p, (ulong)value.Length, 0)); } }

                public static long Probe_getxattr(string path, string name, byte[]? value) => Check(Xattr.getxattr(path, name, value, (ulong)(value?.Length ?? 0)));
                public static long Probe_lgetxattr(string path, string name, byte[]? value)
                {
                    byte[] p = Utf8z(path), n = Utf8z(name);
                    fixed (byte* pp = p, np = n, vp = value) { return Check(Xattr.LGetXattr(pp, np, vp, (nuint)(value?.Length ?? 0))); }
                }
                public static long Probe_listxattr(string path, byte[]? list) { fixed (byte* p = list) { return Check(Xattr.ListXattr(path, (IntPtr)p, (ulong)(list?.Length ?? 0))); } }
                public static long Probe_flistxattr(int fd, byte[] list) => Check(Xattr.FListXattr(fd, list, list.Length));
                public static long Probe_fsetxattr(int fd, string name, byte[] value, int flags) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Xattr.FSetXattr(h, name, value, (nuint)value.Length, (XattrFlags)flags)); }
                public static long Probe_lsetxattr(string path, string name, byte[] value, int flags)
                {
                    byte[] p = Utf8z(path), n = Utf8z(name);
                    fixed (byte* pp = p, np = n, vp = value) { return Check(Xattr.LSetXattr((sbyte*)pp, (sbyte*)np, vp, (nuint)value.Length, flags)); }
                }
                public static long Probe_try_get_attribute(string path, string name, byte[] value) => Attributes.TryGetAttribute(path, name, value);
                public static long Probe_try_remove_attribute(string path, string name) => Attributes.TryRemoveAttribute(path, name) ? 1 : 0;
                public static long Probe_set_attribute(string path, string name, byte[] value)
                {
                    try
                    {
                        Attributes.SetAttribute(path, name, value);
                        return 0;
                    }
                    catch (Win32Exception e)
                    {
                        return -e.NativeErrorCode;
                    }
                }

                public static long Probe_readlink(string path, byte[] buf) => Check(Links.readlink(path, buf, buf.Length));
                public static long Probe_readlink_errno(string path, byte[] buf)
                {
                    byte[] p = Utf8z(path);
                    fixed (byte* pp = p, bp = buf) { return Check(Links.ReadLinkOrErrno(pp, bp, (nuint)buf.Length)); }
                }
                public static long Probe_readlinkat_address(int dirfd, string path, byte[] buf) { fixed (byte* bp = buf) { return Check(Links.ReadLinkAtAddress(dirfd, path, (IntPtr)bp, (nuint)buf.Length)); } }

                public static long Probe_sendfile_ref(int outFd, int inFd, long[] offset, long count) => Check(Transfers.sendfile(outFd, inFd, ref offset[0], (nuint)count));
                public static long Probe_sendfile_at(int outFd, int inFd, long[]? offset, long count) { fixed (long* p = offset) { return Check(Transfers.SendFileAt(outFd, inFd, (IntPtr)p, (nuint)count)); } }
                public static long Probe_copy_file_range(int inFd, long[]? offIn, int outFd, long[]? offOut, long len) { fixed (long* i = offIn, o = offOut) { return Check(Transfers.copy_file_range(inFd, i, outFd, o, (nuint)len, 0)); } }
                public static long Probe_splice_from(int inFd, long[] offIn, int outFd, long len) => Check(Transfers.SpliceFrom(inFd, ref offIn[0], outFd, IntPtr.Zero, (nuint)len, 0));
                public static long Probe_splice_ring(int inFd, int outFd, long len) => Check(Transfers.SpliceRing(inFd, IntPtr.Zero, outFd, IntPtr.Zero, (nuint)len, 0));
                public static long Probe_splice_addresses(int inFd, long[]? offIn, int outFd, long len) { fixed (long* i = offIn) { return Check(Transfers.SpliceAddresses(inFd, (IntPtr)i, outFd, IntPtr.Zero, (nuint)len, 0)); } }

                public static long Probe_getdents(int fd, byte[] buf) => Check(Directories.getdents64(fd, buf, buf.Length));

                public static long Probe_getsockopt_out(int fd, int level, int name, long[] outs)
                {
                    int length = 4;
                    int r = SocketOptions.getsockopt(fd, level, name, out int value, ref length);
                    outs[0] = value;
                    outs[1] = length;
                    return Check(r);
                }
                public static long Probe_getsockopt_raw(int fd, int level, int name, int[] valueAndLength) { fixed (int* p = valueAndLength) { return Check(SocketOptions.GetSockOptRaw(fd, level, name, p, p + 1)); } }

                public static long Probe_fionread(int fd) { int r = Controls.ioctl(fd, 0x541B, out int value); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                public static long Probe_nonblocking(int fd, bool enabled) => Check(Controls.SetNonBlocking(fd, enabled));

                public static long Probe_fstatat_size(string path) { int r = Status.fstatat(-100, path, out StatBuf st, 0); return r < 0 ? -Marshal.GetLastPInvokeError() : st.Size; }
                public static long Probe_statx_size(int dirfd, string path, int flags)
                {
                    byte[] buf = new byte[256];
                    fixed (byte* p = buf)
                    {
                        int r = Status.Statx(dirfd, path, flags, 0x7ff, p);
                        return r < 0 ? -Marshal.GetLastPInvokeError() : BitConverter.ToInt64(buf, 40);
                    }
                }
                public static long Probe_statx_nullable_size(int dirfd, string? path, int flags) { int r = Status.StatxNullable(dirfd, path, flags, 0x7ff, out StatxBuf b); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)b.Size; }

                public static long Probe_getrandom(byte[] buf) => Check(Entropy.getrandom(buf, buf.Length, 0));
                public static long Probe_fill_random(byte[] buf, uint flags) => Entropy.FillRandom(buf, flags);
            }
        }
        """;

    public const string ValueResultLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.ValueResult
        {
            public static unsafe class ValueResultLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_fgetxattr(int fd, string name, byte[] value) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(XattrShim.FGetXattr(h, name, value, (nuint)value.Length)); }
                public static long Probe_setxattr(string path, string name, byte[] value, int flags) => Check(XattrShim.SetXattr(path, name, value, (nuint)value.Length, flags));
                public static long Probe_llistxattr(string path, byte[] list) => Check(XattrShim.LListXattr(path, list, (nuint)list.Length));
                public static long Probe_readlinkat(int dirfd, string path, byte[] buf) { using var h = new SafeFileHandle((IntPtr)dirfd, false); return Check(Links.ReadLinkAt(h, path, buf, (nuint)buf.Length)); }
                public static long Probe_sendfile64(int outFd, int inFd, long[]? offset, long count)
                {
                    using var o = new SafeFileHandle((IntPtr)outFd, false);
                    using var i = new SafeFileHandle((IntPtr)inFd, false);
                    fixed (long* p = offset) { return Check(Transfers.SendFile64(o, i, p, (ulong)count)); }
                }
                public static long Probe_copy_range(int inFd, long[] offIn, int outFd, long[] offOut, long len)
                {
                    using var i = new SafeFileHandle((IntPtr)inFd, false);
                    using var o = new SafeFileHandle((IntPtr)outFd, false);
                    return Check(Transfers.CopyRange(i, ref offIn[0], o, ref offOut[0], (nuint)len, 0));
                }
                public static long Probe_getdents_voidptr(int fd, byte[] buf) { using var h = new SafeFileHandle((IntPtr)fd, false); fixed (byte* p = buf) { return Check(Directories.GetDents(h, p, (nuint)buf.Length)); } }
                public static long Probe_winsize(int fd) { WinSize ws; int r = Controls.IoctlWinSize(fd, 0x5413, &ws); return r < 0 ? -Marshal.GetLastPInvokeError() : ws.Rows; }
                public static long Probe_fstatat_empty(int fd) { using var h = new SafeFileHandle((IntPtr)fd, false); StatBuf st; int r = Status.FStatAtHandle(h, "", &st, 0x1000); return r < 0 ? -Marshal.GetLastPInvokeError() : st.Size; }
            }
        }
        """;

    public const string Families = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        namespace HeldOut.Families
        {
            public static unsafe class FamilyProbes
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

                public static long Probe_close(int fd) => Check(Native.close(fd));
                public static long Probe_write(int fd, byte[] data) { fixed (byte* p = data) { return Check(Native.write(fd, p, (nuint)data.Length)); } }
                public static long Probe_dgram_pair(int[] fds) { fixed (int* p = fds) { return Check(Native.socketpair(1, 2 | 0x80000, 0, p)); } }
                public static long Probe_sendmmsg(int fd, MMsgHdr[] vector, int vlen) => Check(MultiMessage.sendmmsg(fd, vector, (uint)vlen, 0));

                public static long Probe_timerfd_create(int clock, int flags) => Descriptor(Timers.timerfd_create(clock, flags));
                public static long Probe_timerfd_open() => Check(Timers.timerfd_create(1, 0x80000));
                public static long Probe_arm(int fd, long interval, long value, long[] oldInterval)
                {
                    int r = Timers.Arm(fd, interval, value, out ItimerSpec old);
                    oldInterval[0] = old.Interval.Seconds;
                    return Check(r);
                }
                public static long Probe_arm_ns(int fd, long nanoseconds)
                {
                    ItimerSpec next = default;
                    next.Value.Nanoseconds = nanoseconds;
                    return Check(Native.timerfd_settime(fd, 0, &next, null));
                }
                public static long Probe_timer_interval(int fd) { int r = Timers.TimerGet(fd, out ItimerSpec v); return r < 0 ? -Marshal.GetLastPInvokeError() : v.Interval.Seconds; }
                public static long Probe_read_expirations(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(Timers.ReadExpirations(fd, p, (nuint)buf.Length)); } }

                public static long Probe_signalfd(int fd, long mask, int flags) => Descriptor(Signals.CreateSignalFd(fd, (ulong)mask, flags));
                public static long Probe_inotify_init1(int flags) => Descriptor(Notify.inotify_init1(flags));
                public static long Probe_inotify_open() => Check(Notify.inotify_init1(0x80000));

                public static long Probe_affinity_set(int pid, long size) { int r = Affinity.GetAffinitySet(pid, (nuint)size, out CpuSet set); return r < 0 ? -Marshal.GetLastPInvokeError() : set.FirstWord; }

                public static long Probe_mmap(long length, int flags, int fd)
                {
                    IntPtr p = Mappings.mmap(IntPtr.Zero, (nuint)length, 3, flags, fd, 0);
                    if (p == (IntPtr)(-1))
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Native.munmap(p, (nuint)length);
                    return 0;
                }
                public static long Probe_map_page() => (long)Native.mmap(IntPtr.Zero, 4096, 3, 0x22, -1, 0);
                public static long Probe_munmap(long addr, long length) => Check(Mappings.munmap((IntPtr)addr, (nuint)length));
                public static long Probe_map_anonymous(long length)
                {
                    try
                    {
                        nint p = Mappings.MapAnonymous((nuint)length);
                        Native.munmap(p, (nuint)length);
                        return 0;
                    }
                    catch (IOException)
                    {
                        return -22;
                    }
                }

                public static long Probe_pipe2_struct(int[] fds)
                {
                    int r = Pairs.Pipe2(out PipeFds p, 0x80000);
                    fds[0] = p.ReadFd;
                    fds[1] = p.WriteFd;
                    return Check(r);
                }
                public static long Probe_socketpair(int[] fds) { fixed (int* p = fds) { return Check(Pairs.socketpair(1, 1 | 0x80000, 0, p)); } }

                public static long Probe_prctl_name(byte[] name) => Check(Process.PrctlBytes(16, name, 0, 0, 0));
                public static long Probe_thread_name(byte[] name) => Check(Process.GetThreadName(name));
                public static long Probe_prctl_stated(int option) => Check(Process.PrctlStated(option, 0, 0, 0, 0));
            }
        }
        """;

    public const string FamiliesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Families
        {
            public static unsafe class FamilyLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_recvmmsg(int fd, MMsgHdr[] vector, int vlen, int flags) => Check(MultiMessage.RecvMMsg(fd, vector, (uint)vlen, flags, IntPtr.Zero));
                public static long Probe_timer_interval_pointer(int fd) { ItimerSpec v; int r = Timers.TimerGetPointer(fd, &v); return r < 0 ? -Marshal.GetLastPInvokeError() : v.Interval.Seconds; }
                public static long Probe_add_watch(int fd, string path)
                {
                    using var h = new SafeFileHandle((IntPtr)fd, false);
                    byte[] p = Encoding.UTF8.GetBytes(path + "\0");
                    fixed (byte* pp = p) { return Check(Notify.AddWatch(h, pp, 0x100)); }
                }
                public static long Probe_read_events(int fd, byte[] buf) => Check(Notify.ReadEvents(fd, buf, (nuint)buf.Length));
                public static long Probe_affinity(int pid, byte[] mask) { fixed (byte* p = mask) { return Check(Affinity.GetAffinity(pid, (nuint)mask.Length, p)); } }
                public static long Probe_madvise(long addr, int advice) => Check(Mappings.MAdvise((nint)addr, 4096, (Advice)advice));
                public static long Probe_pipe2_span(int[] fds) => Check(Pairs.Pipe2Span(fds, 0x80000));
            }
        }
        """;
}
