namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twelfth blind round (Mappings.case, Objects.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives -that
/// number. Mappings and addresses are numbers (`long`); a value a call wrote is kept in the probe class's state (taken by
/// the run); a wrapper that throws is caught and kept in <c>Thrown</c>, and the probe returns <see cref="Threw"/>.
/// SafeFileHandles over the test's descriptors do not own them; a descriptor a wrapper returns in a SafeFileHandle is handed
/// back as a number (the run closes it).
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Mappings = """
        using System;
        using System.ComponentModel;
        using System.IO;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Mappings
        {
            public static unsafe class MappingProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern nint mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);
                [DllImport("libc", SetLastError = true)] private static extern int munmap(nint addr, nuint length);
                [DllImport("libc", SetLastError = true)] private static extern int mincore(nint addr, nuint length, byte* vec);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, int arg);
                [DllImport("libc", SetLastError = true)] private static extern long lseek(int fd, long offset, int whence);
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern int setxattr(string path, string name, byte[] value, nuint size, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint getxattr(string path, string name, byte[]? value, nuint size);

                public static Exception? Thrown;
                public static byte[]? Bytes;
                public static string? Text;
                public static Exception? TakeThrown() { Exception? e = Thrown; Thrown = null; return e; }
                public static byte[]? TakeBytes() { byte[]? b = Bytes; Bytes = null; return b; }
                public static string? TakeText() { string? t = Text; Text = null; return t; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Catch(Func<long> call)
                {
                    Thrown = null;
                    try
                    {
                        return call();
                    }
                    catch (Exception e) when (e is Win32Exception or IOException)
                    {
                        Thrown = e;
                        return -1_000_000;
                    }
                }

                public static long Probe_map_anon(long length) => Check(mmap(0, (nuint)length, 3, 0x22, -1, 0));
                public static long Probe_map_file(int fd, long length) => Check(mmap(0, (nuint)length, 3, 0x01, fd, 0));
                public static long Probe_unmap(long addr, long length) => Check(munmap((nint)addr, (nuint)length));
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_open_ro(string path) => Check(openat(-100, path, 0x80000, 0));
                public static long Probe_fd_flags(int fd) => Check(fcntl(fd, 1, 0));
                public static long Probe_size(int fd) => Check(lseek(fd, 0, 2));

                /// <summary>Which of the pages are resident (bit i for page i), or -errno.</summary>
                public static long Probe_resident(long addr, long pages)
                {
                    byte* vec = stackalloc byte[(int)pages];
                    if (mincore((nint)addr, (nuint)(pages * 4096), vec) < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    long mask = 0;
                    for (int i = 0; i < pages; i++)
                    {
                        mask |= (vec[i] & 1L) << i;
                    }

                    return mask;
                }

                /// <summary>The protection of the mapping holding the address, from /proc/self/maps (r 1, w 2, x 4), or -1.</summary>
                public static long Probe_perms(long addr)
                {
                    foreach (string line in File.ReadLines("/proc/self/maps"))
                    {
                        string[] fields = line.Split(' ', 3);
                        string[] range = fields[0].Split('-');
                        long start = Convert.ToInt64(range[0], 16), end = Convert.ToInt64(range[1], 16);
                        if (addr >= start && addr < end)
                        {
                            return (fields[1][0] == 'r' ? 1 : 0) | (fields[1][1] == 'w' ? 2 : 0) | (fields[1][2] == 'x' ? 4 : 0);
                        }
                    }

                    return -1;
                }

                public static long Probe_setx(string path, string name, byte[] value) => Check(setxattr(path, name, value, (nuint)value.Length, 0));
                public static long Probe_getx_len(string path, string name) => Check(getxattr(path, name, null, 0));
                public static long Probe_getx(string path, string name, byte[] value) => Check(getxattr(path, name, value, (nuint)value.Length));

                public static long Probe_map_anonymous_default(long length) => Check(Memory.MapAnonymous((nuint)length));
                public static long Probe_map_anonymous(long length, int prot, int flags) => Check(Memory.MapAnonymous((nuint)length, (Protection)prot, (MapFlags)flags));
                public static long Probe_mprotect(long addr, long length, int prot) => Check(Memory.mprotect((IntPtr)addr, (UIntPtr)(ulong)length, (Protection)prot));
                public static long Probe_advise_native(long addr, int length, int advice) => Check(Memory.Advise(new Span<byte>((void*)addr, length), (Advice)advice));
                public static long Probe_advise_array(byte[] array, int advice) => Check(Memory.Advise(array, (Advice)advice));
                public static long Probe_advise_errno(long addr, long length, int advice) => Memory.AdviseOrErrno((nint)addr, (nuint)length, (Advice)advice);
                public static long Probe_mremap(long addr, long oldSize, long newSize, int flags) => Check(Memory.mremap((nint)addr, (nuint)oldSize, (nuint)newSize, (RemapFlags)flags));
                public static long Probe_region_protect(long addr, long length, int prot) => Check(new MappedRegion((nint)addr, (nuint)length).Protect((Protection)prot));
                public static long Probe_region_advise(long addr, long length, int advice) => Check(new MappedRegion((nint)addr, (nuint)length).Advise((Advice)advice));

                public static long Probe_memfd_handle(string name, uint flags)
                {
                    SafeFileHandle handle = AnonymousFiles.MemfdHandle(name, flags);
                    int errno = Marshal.GetLastPInvokeError();
                    long fd = (long)handle.DangerousGetHandle();
                    handle.SetHandleAsInvalid();
                    return unchecked((int)fd) == -1 ? -errno : fd;
                }

                public static long Probe_memfd_default(string? name) => Check(AnonymousFiles.memfd_create(name));
                public static long Probe_memfd_sized(string name, long size) => Check(AnonymousFiles.CreateSized(name, size));

                public static long Probe_fgetxattr_int(int fd, string name, long size) => Check(Attributes.fgetxattr(fd, name, out _, (nuint)size));
                public static long Probe_fgetxattr_int_value(int fd, string name) { nint r = Attributes.fgetxattr(fd, name, out int value, 4); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                public static long Probe_set_text(int fd, string name, string text, int flags) => Check(Attributes.SetText(new SafeFileHandle((IntPtr)fd, false), name, text, (XattrFlags)flags));
                public static long Probe_setxattr(string path, string name, byte[] value, int size, int flags) => Check(Attributes.setxattr(path, name, value, size, (XattrFlags)flags));
                public static long Probe_llistxattr(string path, byte[]? list, long size) => Check(Attributes.llistxattr(path, list, (nuint)size));
                public static long Probe_read_into(int fd, string name, byte[] buffer) => Check(Attributes.ReadInto(new SafeFileHandle((IntPtr)fd, false), name, buffer));

                /// <summary>ReadAttribute: the value's length (the bytes kept in Bytes), -2 for null, or Threw.</summary>
                public static long Probe_read_attribute(string path, string name) => Catch(() =>
                {
                    byte[]? value = Attributes.ReadAttribute(path, name);
                    Bytes = value;
                    return value is null ? -2 : value.Length;
                });

                /// <summary>GetXattrText into a builder of the given capacity: the result (the builder's first characters kept in Text).</summary>
                public static long Probe_getxattr_text(string path, string name, int capacity)
                {
                    var builder = new StringBuilder(capacity);
                    nint r = Attributes.GetXattrText(path, name, builder, (nuint)capacity);
                    int errno = Marshal.GetLastPInvokeError();
                    string text = builder.ToString();
                    Text = r > 0 ? text.Substring(0, Math.Min((int)r, text.Length)) : "";
                    return r < 0 ? -errno : r;
                }

                /// <summary>ListNames: how many (the names joined by commas kept in Text), or Threw.</summary>
                public static long Probe_list_names(string path) => Catch(() =>
                {
                    string[] names = Attributes.ListNames(path);
                    Text = string.Join(",", names);
                    return names.Length;
                });
            }
        }
        """;

    public const string MappingsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Mappings
        {
            public static unsafe class MappingLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_map(int fd, long length, int prot, int flags, long offset) => Check(Memory.Map(0, (nuint)length, (Protection)prot, (MapFlags)flags, new SafeFileHandle((IntPtr)fd, false), offset));
                public static long Probe_unmap_wrapper(long addr, long length) => Check(Memory.Unmap((nint)addr, (nuint)length));
                public static long Probe_lock(long addr, int length, long count) => Check(Memory.Lock(new ReadOnlySpan<byte>((void*)addr, length), (nuint)count));
                public static long Probe_mincore(long addr, long length, byte[] vec) => Check(Memory.MinCore((nint)addr, (nuint)length, vec));
                public static long Probe_msync(long addr, long length, int flags) => Check(Memory.Flush((nint)addr, (nuint)length, (SyncFlags)flags));
                public static long Probe_memfd(string name, int flags) => Check(AnonymousFiles.MemfdCreate(name, (MemfdFlags)flags));
                public static long Probe_getxattr_span(string path, string name, byte[] value, long size) => Check(Attributes.GetXattr(path, name, value, (nuint)size));
                public static long Probe_lgetxattr_rawname(string path, byte[] name, byte[] value, long size) => Check(Attributes.LGetXattrRawName(path, name, value, (nuint)size));
                public static long Probe_lremovexattr(string path, string name) => Check(Attributes.LRemoveXattr(path, name));
            }
        }
        """;

    public const string Objects = """
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Objects
        {
            /// <summary>Values the last probe saw written (shared by both probe classes).</summary>
            public static class ObjectProbeState
            {
                public static long Value;
                public static Siginfo Info;
                public static long TakeValue() => Value;
                public static long TakeInfo(int which) => which switch { 0 => Info.si_pid, 1 => Info.si_status, _ => Info.si_code };
            }

            public static unsafe class ObjectProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int fcntl(int fd, int cmd, Flock* lk);
                [DllImport("libc", SetLastError = true)] private static extern long syscall(long number, long a1, long a2);
                [DllImport("libc", SetLastError = true)] private static extern int waitpid(int pid, int* status, int options);
                [DllImport("libc", SetLastError = true)] private static extern int posix_spawn(out int pid, string path, IntPtr file_actions, IntPtr attrp,
                    [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv, [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
                [DllImport("libc", SetLastError = true)] private static extern int signalfd(int fd, ulong* mask, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int timerfd_create(int clockid, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int timerfd_settime(int fd, int flags, long* new_value, long* old_value);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern nint read(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern nint pread(int fd, byte* buf, nuint count, long offset);
                [DllImport("libc", SetLastError = true)] private static extern int inotify_init1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern int inotify_add_watch(int fd, string path, uint mask);
                [DllImport("libc", SetLastError = true)] private static extern int fanotify_init(uint flags, uint event_f_flags);
                [DllImport("libc", SetLastError = true)] private static extern int fanotify_mark(int fd, uint flags, ulong mask, int dirfd, string path);
                [DllImport("libc", SetLastError = true)] private static extern long lseek(int fd, long offset, int whence);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, false);

                public static long Probe_open_rw(string path) => Check(openat(-100, path, 2 | 0x80000, 0));
                public static long Probe_open_ro(string path) => Check(openat(-100, path, 0x80000, 0));
                public static long Probe_open_dir(string path) => Check(openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_position(int fd) => Check(lseek(fd, 0, 1));
                public static long Probe_seek(int fd, long position) => Check(lseek(fd, position, 0));
                public static long Probe_pread8(int fd) { long value = 0; nint r = pread(fd, (byte*)&value, 8, 0); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }

                /// <summary>An OFD lock of the whole file (F_OFD_SETLK) of the given type, to make another open file conflict.</summary>
                public static long Probe_ofd_lock(int fd, int type) { var lk = new Flock { l_type = (short)type }; return Check(fcntl(fd, 37, &lk)); }

                public static long Probe_flock_default(int fd) => Check(Locks.FLockDefault(fd));
                public static long Probe_flock_default_op(int fd, int operation) => Check(Locks.FLockDefault(fd, (LockOperations)operation));
                public static long Probe_getlk(int fd, int cmd) { var lk = default(Flock); return Check(Locks.GetLock(fd, cmd, &lk)); }
                public static long Probe_getlk_type(int fd, int cmd) { var lk = default(Flock); int r = Locks.GetLock(fd, cmd, &lk); return r < 0 ? -Marshal.GetLastPInvokeError() : lk.l_type; }
                public static long Probe_setlk(int fd, int cmd, int type) { var lk = new Flock { l_type = (short)type }; return Check(Locks.SetLock(fd, cmd, in lk)); }
                public static long Probe_lock_region(int fd, long start, long length, bool exclusive) => Check(Locks.LockRegion(fd, start, length, exclusive));
                public static long Probe_lockf(int fd, int cmd, long len) => Check(Locks.LockF(Handle(fd), (LockfCommand)cmd, len));

                public static long Probe_pidfd_open_raw(int pid) => Check(syscall(434, pid, 0));
                public static long Probe_pidfd_open(long number, int pid, uint flags) => Check(ProcessDescriptors.PidfdOpen(number, pid, flags));
                public static long Probe_send_signal(int pidfd, int signal) => Check(ProcessDescriptors.SendSignal(Handle(pidfd), signal));
                public static long Probe_instance_signal(int pidfd, int signal) => Check(new ProcessDescriptor(pidfd).Signal(signal));
                public static long Probe_spawn_true() { int r = posix_spawn(out int pid, "/bin/true", IntPtr.Zero, IntPtr.Zero, new string?[] { "/bin/true", null }, new string?[] { null }); return r == 0 ? pid : -r; }
                public static long Probe_reap(int pid) { int status; return Check(waitpid(pid, &status, 0)); }
                public static long Probe_waitid(int idtype, uint id, int options) { int r = ProcessDescriptors.waitid((IdType)idtype, id, out Siginfo info, options); ObjectProbeState.Info = info; return Check(r); }

                public static long Probe_signalfd(int signal) { ulong mask = 1UL << (signal - 1); return Check(signalfd(-1, &mask, 0x800 | 0x80000)); }
                public static long Probe_read_signal(int fd, long count) => Check(EventReads.ReadSignal(fd, out _, (nuint)count));

                /// <summary>A non-blocking timerfd on CLOCK_MONOTONIC armed to expire once after 1 ns (or not armed).</summary>
                public static long Probe_timerfd(bool armed)
                {
                    int fd = timerfd_create(1, 0x800 | 0x80000);
                    if (fd < 0 || !armed)
                    {
                        return Check(fd);
                    }

                    long* spec = stackalloc long[4] { 0, 0, 0, 1 };
                    return timerfd_settime(fd, 0, spec, null) < 0 ? -Marshal.GetLastPInvokeError() : fd;
                }

                public static long Probe_read_expirations(int fd, long size) { ulong value = 0; nint r = EventReads.ReadExpirations(fd, &value, (nuint)size); ObjectProbeState.Value = (long)value; return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_eventfd(long initial) => Check(eventfd((uint)initial, 0x800 | 0x80000));
                public static long Probe_eventfd_value(int fd) { ulong value = 0; nint r = read(fd, (byte*)&value, 8); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)value; }
                public static long Probe_write_counter(int fd, long value, long count) { ulong v = unchecked((ulong)value); return Check(EventReads.WriteCounter(fd, in v, (nuint)count)); }
                public static long Probe_inotify() => Check(inotify_init1(0x800 | 0x80000));
                public static long Probe_inotify_watch(int fd, string directory) => Check(inotify_add_watch(fd, directory, 0x100));
                public static long Probe_read_events(int fd, byte[] buffer, long count) { fixed (byte* p = buffer) { return Check(EventReads.ReadEvents(Handle(fd), p, (nuint)count)); } }

                /// <summary>fanotify (notification class, non-blocking) watching opens of the directory's files.</summary>
                public static long Probe_fanotify(string directory)
                {
                    int fd = fanotify_init(0x1 | 0x2, 0x80000);
                    if (fd < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    return fanotify_mark(fd, 1, 0x20 | 0x08000000, -100, directory) < 0 ? -Marshal.GetLastPInvokeError() : fd;
                }

                public static long Probe_read_masks(int fd, ulong[] masks) => Check(EventReads.ReadMasks(fd, masks));

                public static long Probe_name_to_handle(int dirfd, string path, byte[] handle, int flags) => Check(FileHandles.name_to_handle_at(dirfd, path, handle, out _, flags));
                public static long Probe_mount_id(int dirfd, string path, byte[] handle, int flags) { int r = FileHandles.name_to_handle_at(dirfd, path, handle, out int mountId, flags); return r < 0 ? -Marshal.GetLastPInvokeError() : mountId; }
                public static long Probe_name_to_handle_ref(int dirfd, string path, int flags) { var handle = new FileHandle128 { handle_bytes = 128 }; int r = FileHandles.NameToHandleRef(dirfd, path, ref handle, out _, flags); ObjectProbeState.Value = handle.handle_type; return Check(r); }
                public static long Probe_open_by_handle(int mountFd, byte[] handle, int flags) => Check(FileHandles.open_by_handle_at(mountFd, handle, flags));

                public static long Probe_fallocate(int fd, int mode, long offset, long len) => Check(Hints.fallocate(Handle(fd), (FallocateMode)mode, offset, len));

                /// <summary>copy_file_range with an offset of -1 passed as NULL; the input offset it left kept in ObjectProbeState.Value.</summary>
                public static long Probe_copy_range(int fdIn, long offIn, int fdOut, long offOut, long len, int flags)
                {
                    long inOffset = offIn, outOffset = offOut;
                    long r = Hints.copy_file_range(Handle(fdIn), offIn < 0 ? null : &inOffset, Handle(fdOut), offOut < 0 ? null : &outOffset, (ulong)len, (CopyFlags)flags);
                    int errno = Marshal.GetLastPInvokeError();
                    ObjectProbeState.Value = inOffset;
                    return r < 0 ? -errno : r;
                }

                public static long Probe_statfs(string path)
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(path + "\0");
                    fixed (byte* p = bytes)
                    {
                        int r = FileSystems.statfs(p, out Statfs info);
                        ObjectProbeState.Value = info.f_type;
                        return Check(r);
                    }
                }

                public static long Probe_volume_query(int fd) { int r = new Volume(Handle(fd)).Query(out Statfs info); ObjectProbeState.Value = info.f_type; return Check(r); }
            }
        }
        """;

    public const string ObjectsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Objects
        {
            public static unsafe class ObjectLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, false);

                public static long Probe_flock(int fd, int operation) => Check(Locks.FLock(Handle(fd), (LockOperations)operation));
                public static long Probe_pidfd_getfd(long number, int pidfd, int targetfd, uint flags) => Check(ProcessDescriptors.PidfdGetFd(number, pidfd, targetfd, flags));
                public static long Probe_read_counter(int fd, long count) { ulong[] value = new ulong[1]; long r = Check(EventReads.ReadCounter(Handle(fd), value, (nuint)count)); ObjectProbeState.Value = (long)value[0]; return r; }

                public static long Probe_open_by_handle_span(int mountFd, byte[] handle, int flags)
                {
                    SafeFileHandle opened = FileHandles.OpenByHandle(Handle(mountFd), handle, flags);
                    int errno = Marshal.GetLastPInvokeError();
                    long fd = (long)opened.DangerousGetHandle();
                    opened.SetHandleAsInvalid();
                    return unchecked((int)fd) == -1 ? -errno : fd;
                }

                public static long Probe_readahead(int fd, long offset, long count) => Check(Hints.ReadAhead(Handle(fd), (ulong)offset, (nuint)count));
                public static long Probe_fadvise(int fd, long offset, long len, int advice) => -(long)Hints.PosixFadvise(Handle(fd), offset, len, (FileAdvice)advice);

                public static long Probe_fstatfs(int fd) { Statfs info = default; return Check(FileSystems.FStatFs(Handle(fd), &info)); }

                public static long Probe_fstatfs_field(int fd, int which)
                {
                    Statfs info = default;
                    int r = FileSystems.FStatFs(Handle(fd), &info);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    return which switch { 0 => info.f_type, 1 => info.f_bsize, _ => info.f_namelen };
                }
            }
        }
        """;
}
