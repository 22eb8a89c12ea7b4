namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the ninth blind round (Members.case, Loops.case), written with the case files before the generator
/// was run on them. Same convention: the call's result, or -errno (from `GetLastPInvokeError` where the import sets it,
/// from `GetLastSystemError` where it does not, as its caller would read it); descriptors are closed and counted as 0.
/// A wrapper that throws is caught: the exception is kept in <c>Thrown</c> (taken by the run) and the probe returns
/// <see cref="Threw"/>. SafeHandle subclasses over the test's descriptors do not own them.
/// </summary>
internal static partial class HeldOutProbes
{
    /// <summary>What a probe returns when its wrapper threw (the exception is in the probe class's Thrown).</summary>
    public const long Threw = -1_000_000;

    public const string Members = """
        using System;
        using System.ComponentModel;
        using System.IO;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Members
        {
            public static unsafe class MemberProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int flock(int fd, int operation);
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);

                public static Exception? Thrown;
                public static Exception? TakeThrown() { Exception? e = Thrown; Thrown = null; return e; }
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static UnixFd Handle(int fd) => new UnixFd((IntPtr)fd, false);
                private static long Catch(Func<long> call)
                {
                    Thrown = null;
                    try
                    {
                        return call();
                    }
                    catch (Exception e) when (e is IOException or Win32Exception or UnauthorizedAccessException or AsyncSys.ErrnoException)
                    {
                        Thrown = e;
                        return -1_000_000;
                    }
                }

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_lock_exclusive(int fd) => Check(flock(fd, 2 | 4));
                public static long Probe_open_dir(string path) => Check(openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_open_rw(string path) => Check(openat(-100, path, 2 | 0x80000, 0));

                public static long Probe_unixfd_sync(int fd) => Check(Handle(fd).Sync());
                public static long Probe_unixfd_read(int fd, byte[] buffer, int offset, int count) => Check(Handle(fd).Read(buffer, offset, count));
                public static long Probe_unixfd_read_retrying(int fd, byte[] buffer) => Check(Handle(fd).ReadRetrying(buffer));
                public static long Probe_unixfd_write_all(int fd, byte[] data) => Catch(() => { Handle(fd).WriteAll(data); return 0; });
                public static long Probe_unixfd_trylock(int fd, int operation) => Check(Handle(fd).TryLock(operation));
                public static long Probe_unixfd_read_from(int fd, byte[] buffer, long count) => Check(new UnixFd().ReadFrom(Handle(fd), buffer, (nint)count));
                public static long Probe_unixfd_datasync(int fd) => Check(UnixFd.DataSync(Handle(fd)));
                public static long Probe_datasync_via(int fd) => Check(Handle(fd).DataSyncVia());

                public static long Probe_page_read_at(int fd, byte[] buffer, long offset) => Check(new PageFile(fd).ReadAt(buffer, (nint)offset));
                public static long Probe_page_write_all(int fd, byte[] data) => Check(new PageFile(fd).WriteAll(data));
                public static long Probe_page_flush(int fd) => Catch(() => { new PageFile(fd).Flush(); return 0; });
                public static long Probe_page_open_child(int dirfd, string name) => Catch(() => { int c = new PageFile(dirfd).OpenChild(name); close(c); return 0; });
                public static long Probe_page_try_lock(int fd) => Catch(() => new PageFile(fd).TryLockExclusive() ? 1 : 0);
                public static long Probe_page_sync(int fd) => Check(new PageFile(fd).Sync());

                public static long Probe_device_sync(int fd) => Check(new Device(fd).Sync());
                public static long Probe_slot_sync(int fd) => Check(Slot.SyncFd(fd));
                public static long Probe_rawio_pwrite(int fd, byte[] data, long offset) { fixed (byte* p = data) { return Check(RawIo.PWrite(fd, p, (nuint)data.Length, offset)); } }
                public static long Probe_inner_fdatasync(int fd) => Check(Outer.Inner.FDataSync(fd));
                public static long Probe_split_a(int fd) => Check(SplitPart.FsyncA(fd));
                public static long Probe_split_b(int fd) => Check(SplitPart.FsyncB(fd));
                public static long Probe_overload_sync_int(int fd) => Check(Overloads.Sync(fd));
                public static long Probe_overload_sync_handle(int fd) => Check(Overloads.Sync(new SafeFileHandle((IntPtr)fd, false)));
            }
        }
        """;

    public const string Loops = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        namespace HeldOut.Loops
        {
            public static unsafe class LoopProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int flock(int fd, int operation);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buffer, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);

                public static Exception? Thrown;
                public static Exception? TakeThrown() { Exception? e = Thrown; Thrown = null; return e; }
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long CheckSystem(long r) => r < 0 ? -Marshal.GetLastSystemError() : r;
                private static long Descriptor(int r)
                {
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(r);
                    return 0;
                }

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_lock_exclusive(int fd) => Check(flock(fd, 2 | 4));
                public static long Probe_pipe_nonblocking(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x800 | 0x80000)); } }
                public static long Probe_write(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }
                public static long Probe_open_dir(string path) => Check(openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_open_rw(string path) => Check(openat(-100, path, 2 | 0x80000, 0));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));

                public static long Probe_read_when_ready(int fd, byte[] buffer) => Check(Retrying.ReadWhenReady(fd, buffer));
                public static long Probe_read_ringop_none(int fd, byte[] buffer, long count) => Check(Retrying.Read(fd, buffer, (nint)count));
                public static long Probe_lock_negative(int fd, int operation) => Retrying.LockNegative(fd, operation);
                public static long Probe_lock_or_negative(int fd, int operation) => Check(Retrying.LockOrNegative(fd, operation));

                public static long Probe_open_locked(string path) => Descriptor(ErrnoSources.OpenLocked(path));
                public static long Probe_lock_no_save(int fd, int operation) => CheckSystem(ErrnoSources.LockNoSave(fd, operation));
                public static long Probe_flock_no_setlasterror(int fd, int operation) => CheckSystem(ErrnoSources.Flock(fd, operation));
                public static long Probe_syncfs(int fd) => CheckSystem(ErrnoSources.syncfs(fd));
                public static long Probe_pread_no_setlasterror(int fd, byte[] buffer, long offset) { fixed (byte* p = buffer) { return CheckSystem(ErrnoSources.PRead(fd, p, (nuint)buffer.Length, offset)); } }

                public static long Probe_fsync_bool(int fd) => Booleans.FsyncFailed(fd) ? -Marshal.GetLastPInvokeError() : 0;
                public static long Probe_can_write(string path) => Booleans.CanWrite(path) ? 1 : 0;
                public static long Probe_try_lock(int fd)
                {
                    Thrown = null;
                    try
                    {
                        return Booleans.TryLock(fd) ? 1 : 0;
                    }
                    catch (IOException e)
                    {
                        Thrown = e;
                        return -1_000_000;
                    }
                }

                public static long Probe_pread_uintptr(int fd, byte[] buffer, long count, long offset) => Check((long)Sizes.PRead(fd, buffer, (UIntPtr)(ulong)count, (IntPtr)offset));
                public static long Probe_pwrite_long(int fd, byte[] data, long offset) { fixed (byte* p = data) { return Check(Sizes.PWrite(fd, p, data.Length, offset)); } }
                public static long Probe_read_uint(int fd, byte[] buffer, long count) => Check(Sizes.Read(fd, buffer, (uint)count));
                public static long Probe_lseek_nint(int fd, long offset, int whence) => Check(Sizes.LSeek(fd, (nint)offset, whence));
                public static long Probe_ftruncate_nuint(int fd, ulong length) => Check(Sizes.FTruncate(fd, (nuint)length));
                public static long Probe_fallocate_nint(int fd, int mode, long offset, long len) => Check(Sizes.FAllocate(fd, mode, (nint)offset, (nint)len));

                public static long Probe_openat_unicode(int dirfd, string path) => Descriptor(Paths.OpenAtUnicode(dirfd, path, 0x80000, 0));
                public static long Probe_openat_auto(int dirfd, string path) => Descriptor(Paths.OpenAtAuto(dirfd, path, 0x80000, 0));
                public static long Probe_openat_lpstr(int dirfd, string path) => Descriptor(Paths.OpenAtLpStr(dirfd, path, 0x80000, 0));
                public static long Probe_openat_lptstr(int dirfd, string path) => Descriptor(Paths.OpenAtLpTStr(dirfd, path, 0x80000, 0));

                /// <summary>poll of one descriptor through a wrapper: the revents when it is ready, 0 at the timeout, or -errno.</summary>
                private static long PollWith(delegate*<PollFd*, nuint, int, int> poll, int fd, int events, int timeout)
                {
                    PollFd entry = new PollFd { Fd = fd, Events = (short)events };
                    int r = poll(&entry, 1, timeout);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r == 0 ? 0 : (ushort)entry.Revents;
                }

                public static long Probe_poll_one(int fd, int events, int timeout) => PollWith(&Polling.PollOne, fd, events, timeout);
                public static long Probe_poll_one_errno(int fd, int events, int timeout) => PollWith(&Polling.PollOneOrErrno, fd, events, timeout);
                public static long Probe_wait_readable(int fd, int events, int timeout) => PollWith(&Polling.WaitReadable, fd, events, timeout);
            }
        }
        """;

    public const string LoopsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Loops
        {
            public static unsafe class LoopLibraryImportProbes
            {
                public static long Probe_flock_library(int fd, int operation) { int r = ErrnoSources.FlockLibrary(fd, operation); return r < 0 ? -Marshal.GetLastSystemError() : r; }
                public static long Probe_mkdirat_span(int dirfd, byte[] path, int mode) { int r = Paths.MkdirAt(dirfd, path, (uint)mode); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_unlinkat_utf16(int dirfd, string path, int flags) { int r = Paths.UnlinkAtUtf16(dirfd, path, flags); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_poll_library(int fd, int events, int timeout)
                {
                    PollFd entry = new PollFd { Fd = fd, Events = (short)events };
                    int r = Polling.PollLibrary(&entry, 1, timeout);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : r == 0 ? 0 : (ushort)entry.Revents;
                }
            }
        }
        """;
}
