namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the eighth blind round (Descriptors.case, Messages.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno (for calls that return the error number,
/// -that number); calls whose result is a descriptor return 0 for a valid one (closed here) unless the name says "keep".
/// The probe classes declare their own helper imports (openat, fstat, socket calls), none of them marked.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Descriptors = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Descriptors
        {
            public static unsafe class DescriptorProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int dup(int fd);
                [DllImport("libc", SetLastError = true, EntryPoint = "fcntl")] private static extern int fcntl_int(int fd, int cmd, int arg);
                [DllImport("libc", SetLastError = true)] private static extern int openat(int dirfd, string path, int flags, int mode);
                [DllImport("libc", SetLastError = true)] private static extern int munlock(IntPtr addr, nuint len);
                [DllImport("libc")] private static extern void free(IntPtr p);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long ErrorNumber(long r) => r == 0 ? 0 : -(int)r;
                private static long Descriptor(long r)
                {
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close((int)r);
                    return 0;
                }

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_dup(int fd) => Check(dup(fd));
                public static long Probe_getfd(int fd) => Check(fcntl_int(fd, 1, 0));
                public static long Probe_open_dir(string path) => Check(openat(-100, path, 0x10000 | 0x80000, 0));
                public static long Probe_open_path(string path) => Check(openat(-100, path, 0x200000 | 0x80000, 0));
                public static long Probe_free(long p) { free((IntPtr)p); return 0; }

                public static long Probe_posix_fallocate(int fd, long offset, long len) => ErrorNumber((int)Preallocation.posix_fallocate(fd, offset, len));
                public static long Probe_posix_fadvise(int fd, long offset, long len, int advice) => ErrorNumber(Preallocation.posix_fadvise(fd, offset, len, (Advice)advice));
                public static long Probe_fadvise64(int fd, long offset, long len, int advice) => ErrorNumber(Preallocation.Fadvise64(fd, offset, (nint)len, advice));

                public static long Probe_posix_memalign(long alignment, long size)
                {
                    int r = AlignedMemory.posix_memalign(out IntPtr p, (nuint)alignment, (nuint)size);
                    if (r != 0)
                    {
                        return -r;
                    }

                    bool aligned = p != IntPtr.Zero && (long)p % alignment == 0;
                    free(p);
                    return aligned ? 0 : 1;
                }

                public static long Probe_pthread_self() => (long)Native.pthread_self();
                public static long Probe_affinity(long thread, byte[] set) { fixed (byte* p = set) { return ErrorNumber(Threads.pthread_getaffinity_np((nuint)thread, (nuint)set.Length, p)); } }
                public static long Probe_thread_name(byte[] name) => ErrorNumber(Threads.GetCurrentThreadName(name));

                /// <summary>CLOCK_THREAD_CPUTIME_ID of the calling thread, in microseconds.</summary>
                public static long Probe_thread_cpu_us()
                {
                    int r = Threads.clock_gettime(3, out Timespec t);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : t.Seconds * 1_000_000 + t.Nanoseconds / 1000;
                }

                public static long Probe_clock_gettime(int clockid) => Check(Threads.clock_gettime(clockid, out _));

                /// <summary>getrusage(RUSAGE_THREAD) of the calling thread: user + system time in microseconds.</summary>
                public static long Probe_thread_rusage_us()
                {
                    int r = Threads.getrusage(1, out Rusage usage);
                    return r < 0 ? -Marshal.GetLastPInvokeError() : usage.CpuMicroseconds;
                }

                public static long Probe_getrusage(int who) => Check(Threads.getrusage(who, out _));

                public static long Probe_lseek(int fd, long offset, int whence) => Check(Offsets.lseek(fd, offset, whence));
                public static long Probe_lseek64(int fd, long offset, int whence) => Check(unchecked((long)Offsets.LSeek64(fd, unchecked((ulong)offset), whence)));
                public static long Probe_fallocate(int fd, int mode, long offset, long len) => Check(Offsets.fallocate(fd, (FallocateMode)mode, offset, len));

                public static long Probe_openat2_struct(int dirfd, string path, long flags, long resolve, long size)
                {
                    byte[] p = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    OpenHow how = new OpenHow { Flags = (ulong)flags, Resolve = (ulong)resolve };
                    fixed (byte* pp = p) { return Descriptor(OpenAt2.OpenAt2Struct(437, dirfd, pp, &how, (nuint)size)); }
                }

                public static long Probe_openat2_bytes(int dirfd, string path, long flags, long resolve, long size)
                {
                    byte[] p = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                    OpenHow how = new OpenHow { Flags = (ulong)flags, Resolve = (ulong)resolve };
                    fixed (byte* pp = p) { return Descriptor(OpenAt2.OpenAt2Bytes(437, dirfd, pp, &how, (nuint)size)); }
                }

                public static long Probe_open_beneath(int dirfd, string path, long flags, long resolve) =>
                    Descriptor(OpenAt2.OpenBeneath(dirfd, path, new OpenHow { Flags = (ulong)flags, Resolve = (ulong)resolve }));

                public static long Probe_renameat2(string oldpath, string newpath, int flags) => Check(PathCalls.renameat2(-100, oldpath, -100, newpath, (uint)flags));
                public static long Probe_linkat(string oldpath, string newpath, int flags) => Check(PathCalls.linkat(-100, oldpath, -100, newpath, flags));

                /// <summary>utimensat with times given as {atime s, atime ns, mtime s, mtime ns}, or null for NULL (now).</summary>
                public static long Probe_utimensat(string path, long[]? times, int flags) => Check(PathCalls.utimensat(-100, path, Times(times), flags));

                public static Timespec[]? Times(long[]? t) => t is null ? null : new[] { new Timespec { Seconds = t[0], Nanoseconds = t[1] }, new Timespec { Seconds = t[2], Nanoseconds = t[3] } };

                public static long Probe_fchmodat(string path, int mode, int flags) => Check(PathCalls.fchmodat(-100, path, (uint)mode, flags));
                public static long Probe_fchownat(int dirfd, string path, long owner, long group, int flags) => Check(PathCalls.fchownat(dirfd, path, unchecked((uint)owner), unchecked((uint)group), flags));

                public static long Probe_close_range(long first, long last, int flags) => Check(DescriptorTable.close_range(unchecked((uint)first), unchecked((uint)last), flags));
                public static long Probe_dup3(int oldfd, int newfd, int flags) => Check(DescriptorTable.dup3(oldfd, newfd, flags));
                public static long Probe_memfd_create(string name, int flags) => Descriptor(DescriptorTable.memfd_create(name, (uint)flags));

                /// <summary>F_OFD_GETLK through the ordinary method: outs = {l_type, l_pid, l_start, l_len}.</summary>
                public static long Probe_test_lock(int fd, int type, long start, long length, long[] outs)
                {
                    int r = RecordLocks.TestLock(fd, (short)type, start, length, out Flock conflicting);
                    outs[0] = conflicting.Type;
                    outs[1] = conflicting.Pid;
                    outs[2] = conflicting.Start;
                    outs[3] = conflicting.Length;
                    return Check(r);
                }

                public static long Probe_lock_region(int fd, int type, long start, long length) => Check(RecordLocks.LockRegion(fd, (short)type, start, length));

                public static long Probe_alloc_page() => (long)NativeMemory.AlignedAlloc(4096, 4096);
                public static long Probe_free_page(long p) { NativeMemory.AlignedFree((void*)p); return 0; }
                public static long Probe_mlock(long addr, long len)
                {
                    int r = Memory.mlock((IntPtr)addr, (nuint)len);
                    long result = Check(r);
                    if (r == 0)
                    {
                        munlock((IntPtr)addr, (nuint)len);
                    }

                    return result;
                }

                public static long Probe_munlock(long addr, long len) => Check(munlock((IntPtr)addr, (nuint)len));
                public static long Probe_read_own(long remote, byte[] destination) => Check(Memory.ReadOwnMemory((nint)remote, destination));

                public static long Probe_getpid() => Native.getpid();
                public static long Probe_pidfd_open(int pid, int flags) => Descriptor(ProcessDescriptors.pidfd_open(pid, (uint)flags));
                public static long Probe_pidfd_open_keep(int pid) => Check(ProcessDescriptors.pidfd_open(pid, 0));
                public static long Probe_pidfd_send_signal(int pidfd, int sig, int flags) => Check(ProcessDescriptors.pidfd_send_signal(pidfd, sig, IntPtr.Zero, (uint)flags));
            }
        }
        """;

    public const string DescriptorsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Descriptors
        {
            public static unsafe class DescriptorLibraryImportProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int munlock(IntPtr addr, nuint len);
                [DllImport("libc")] private static extern void free(IntPtr p);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_posix_fallocate64(int fd, long offset, long len)
                {
                    using var h = new SafeFileHandle((IntPtr)fd, false);
                    ErrorCode r = Preallocation.PosixFallocate64(h, offset, len);
                    return r == ErrorCode.Success ? 0 : -(int)r;
                }

                public static long Probe_aligned_alloc(long alignment, long size)
                {
                    nint p;
                    int r = AlignedMemory.AlignedAlloc(&p, (nuint)alignment, (nuint)size);
                    if (r != 0)
                    {
                        return -r;
                    }

                    bool aligned = p != 0 && p % (nint)alignment == 0;
                    free(p);
                    return aligned ? 0 : 1;
                }

                public static long Probe_ftruncate64(int fd, long length)
                {
                    using var h = new SafeFileHandle((IntPtr)fd, false);
                    return Check(Offsets.FTruncate64(h, length));
                }

                public static long Probe_futimens(int fd, long[] t) =>
                    Check(PathCalls.FUTimens(fd, DescriptorProbes.Times(t)));

                public static long Probe_mlock2(long addr, long len, int flags)
                {
                    int r = Memory.MLock2((nint)addr, (nuint)len, (uint)flags);
                    long result = Check(r);
                    if (r == 0)
                    {
                        munlock((IntPtr)addr, (nuint)len);
                    }

                    return result;
                }

                public static long Probe_pidfd_getfd(int pidfd, int targetfd)
                {
                    int r = ProcessDescriptors.PidfdGetFd(pidfd, targetfd, 0);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(r);
                    return 0;
                }
            }
        }
        """;

    public const string Messages = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Messages
        {
            public static unsafe class MessageProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int socket(int domain, int type, int protocol);
                [DllImport("libc", SetLastError = true)] private static extern int socketpair(int domain, int type, int protocol, int* sv);
                [DllImport("libc", SetLastError = true, EntryPoint = "bind")] private static extern int bind_bytes(int fd, byte* addr, uint len);
                [DllImport("libc", SetLastError = true, EntryPoint = "listen")] private static extern int listen_plain(int fd, int backlog);
                [DllImport("libc", SetLastError = true, EntryPoint = "getsockname")] private static extern int getsockname_bytes(int fd, byte* addr, uint* len);
                [DllImport("libc", SetLastError = true, EntryPoint = "fcntl")] private static extern int fcntl_int(int fd, int cmd, int arg);
                [DllImport("libc", SetLastError = true, EntryPoint = "read")] private static extern nint read_plain(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true, EntryPoint = "write")] private static extern nint write_plain(int fd, byte* buf, nuint count);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_create1(int flags);
                [DllImport("libc", SetLastError = true)] private static extern int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_getfd(int fd) => Check(fcntl_int(fd, 1, 0));
                public static long Probe_socket(int domain, int type) => Check(socket(domain, type | 0x80000, 0));
                public static long Probe_socketpair(int type, int[] sv) { fixed (int* p = sv) { return Check(socketpair(1, type | 0x80000, 0, p)); } }
                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_bind(int fd, byte[] addr, int len) { fixed (byte* p = addr) { return Check(bind_bytes(fd, p, (uint)len)); } }
                public static long Probe_listen(int fd) => Check(listen_plain(fd, 8));
                public static long Probe_read(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(read_plain(fd, p, (nuint)buf.Length)); } }
                [DllImport("libc", SetLastError = true, EntryPoint = "recv")] private static extern nint recv_plain(int fd, byte* buf, nuint count, int flags);

                /// <summary>A read that never waits (MSG_DONTWAIT): a check after a variant that did nothing must not hang the run.</summary>
                public static long Probe_read_nowait(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(recv_plain(fd, p, (nuint)buf.Length, 0x40)); } }
                public static long Probe_write(int fd, byte[] buf) { fixed (byte* p = buf) { return Check(write_plain(fd, p, (nuint)buf.Length)); } }

                /// <summary>getsockname into a byte array; returns the length the kernel wrote.</summary>
                public static long Probe_getsockname(int fd, byte[] addr)
                {
                    uint len = (uint)addr.Length;
                    fixed (byte* p = addr) { int r = getsockname_bytes(fd, p, &len); return r < 0 ? -Marshal.GetLastPInvokeError() : len; }
                }

                public static long Probe_sendmsg(int fd, long header, int flags) => Check(Ancillary.sendmsg(fd, (MsgHdr*)header, flags));
                public static long Probe_recvmsg(int fd, long header, int flags) => Check(Ancillary.recvmsg(fd, (MsgHdr*)header, flags));
                public static long Probe_recvmsg_long(int fd, long header, int flags) => Check(Ancillary.RecvMsgLong(fd, (MsgHdr*)header, flags));
                public static long Probe_send_descriptor(int fd, int descriptor, byte[] payload) => Check(Ancillary.SendDescriptor(fd, descriptor, payload));

                /// <summary>ReceiveDescriptor; outs[0] = the descriptor received (left open for the run to check).</summary>
                public static long Probe_receive_descriptor(int fd, byte[] payload, long[] outs)
                {
                    nint r = Ancillary.ReceiveDescriptor(fd, payload, out int descriptor);
                    outs[0] = descriptor;
                    return Check(r);
                }

                /// <summary>recvfrom into a sockaddr_un; outs = {addrlen written}; addr gets the address bytes.</summary>
                public static long Probe_recvfrom_un(int fd, byte[] buf, byte[] addr, long[] outs)
                {
                    SockaddrUn from = default;
                    uint len = (uint)sizeof(SockaddrUn);
                    fixed (byte* b = buf)
                    {
                        nint r = Datagrams.recvfrom(fd, b, (nuint)buf.Length, 0, &from, &len);
                        outs[0] = len;
                        new ReadOnlySpan<byte>(&from, sizeof(SockaddrUn)).CopyTo(addr);
                        return Check(r);
                    }
                }

                public static long Probe_recvfrom6(int fd, byte[] buf, int flags, byte[] addr, long[] outs)
                {
                    uint len = (uint)addr.Length;
                    nint r = Datagrams.RecvFrom6(fd, buf, (nuint)buf.Length, flags, addr, ref len);
                    outs[0] = len;
                    return Check(r);
                }

                public static long Probe_recvfrom_in6(int fd, byte[] buf, byte[] addr, long[] outs)
                {
                    SockaddrIn6 from = default;
                    int len = sizeof(SockaddrIn6);
                    fixed (byte* b = buf)
                    {
                        nint r = Datagrams.RecvFromIn6(fd, b, (nuint)buf.Length, 0, &from, &len);
                        outs[0] = len;
                        new ReadOnlySpan<byte>(&from, sizeof(SockaddrIn6)).CopyTo(addr);
                        return Check(r);
                    }
                }

                public static long Probe_sendto_un(int fd, byte[] buf, byte[] addr, int addrlen)
                {
                    SockaddrUn to = default;
                    addr.AsSpan(0, Math.Min(addr.Length, sizeof(SockaddrUn))).CopyTo(new Span<byte>(&to, sizeof(SockaddrUn)));
                    fixed (byte* b = buf) { return Check(Datagrams.sendto(fd, b, (nuint)buf.Length, 0, &to, (uint)addrlen)); }
                }

                public static long Probe_recv(int fd, byte[] buf, long len, int flags) => Check(Datagrams.Recv(fd, buf, (nuint)len, (MsgFlags)flags));

                public static long Probe_bind_un(int fd, byte[] addr, int addrlen)
                {
                    SockaddrUn a = default;
                    addr.AsSpan(0, Math.Min(addr.Length, sizeof(SockaddrUn))).CopyTo(new Span<byte>(&a, sizeof(SockaddrUn)));
                    return Check(Endpoints.bind(fd, &a, (uint)addrlen));
                }

                public static long Probe_bind_bytes(int fd, byte[] addr, int addrlen) => Check(Endpoints.BindBytes(fd, addr, addrlen));
                public static long Probe_connect(int fd, byte[] addr, int addrlen) => Check(Endpoints.connect(fd, addr, (uint)addrlen));
                public static long Probe_connect_un(int fd, byte[] addr, int addrlen)
                {
                    SockaddrUn a = default;
                    addr.AsSpan(0, Math.Min(addr.Length, sizeof(SockaddrUn))).CopyTo(new Span<byte>(&a, sizeof(SockaddrUn)));
                    return Check(Endpoints.ConnectUn(fd, &a, (uint)addrlen));
                }

                public static long Probe_listen_call(int fd, int backlog) => Check(Endpoints.listen(fd, backlog));

                /// <summary>accept4 into a sockaddr_un; outs[0] = addrlen written; the accepted descriptor is closed (0 for one).</summary>
                public static long Probe_accept4_un(int fd, long[] outs)
                {
                    SockaddrUn peer = default;
                    uint len = (uint)sizeof(SockaddrUn);
                    int r = Endpoints.accept4(fd, &peer, &len, 0x80000);
                    outs[0] = len;
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    close(r);
                    return 0;
                }

                public static long Probe_getsockname_un(int fd, byte[] addr, long[] outs)
                {
                    SockaddrUn a = default;
                    uint len = (uint)sizeof(SockaddrUn);
                    int r = Endpoints.getsockname(fd, &a, &len);
                    outs[0] = len;
                    new ReadOnlySpan<byte>(&a, sizeof(SockaddrUn)).CopyTo(addr);
                    return Check(r);
                }

                public static long Probe_getpeername(int fd, byte[] addr, long[] outs)
                {
                    using var h = new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)fd, false);
                    uint len = (uint)addr.Length;
                    int r = Endpoints.GetPeerName(h, addr, ref len);
                    outs[0] = len;
                    return Check(r);
                }

                /// <summary>ppoll of the descriptors with a zero timeout; revents[i] gets each revents.</summary>
                public static long Probe_ppoll(int[] fds, short events, long[] revents)
                {
                    Pollfd* set = stackalloc Pollfd[fds.Length];
                    for (int i = 0; i < fds.Length; i++)
                    {
                        set[i] = new Pollfd { Fd = fds[i], Events = events };
                    }

                    Timespec zero = default;
                    int r = Waiting.ppoll(set, (nuint)fds.Length, (IntPtr)(&zero), IntPtr.Zero);
                    for (int i = 0; i < fds.Length; i++)
                    {
                        revents[i] = set[i].Revents;
                    }

                    return Check(r);
                }

                /// <summary>An epoll descriptor watching a new eventfd (counter 1, readable) with data 0x1234_5678_9abc; outs = {epfd, eventfd}.</summary>
                public static long Probe_epoll_with_ready_eventfd(long[] outs)
                {
                    int ep = epoll_create1(0x80000);
                    int ev = eventfd(1, 0x80000);
                    EpollEvent e = new EpollEvent { Events = 1, Data = 0x1234_5678_9abc };
                    int r = epoll_ctl(ep, 1, ev, &e);
                    outs[0] = ep;
                    outs[1] = ev;
                    return Check(r);
                }

                /// <summary>epoll_pwait; outs = {events of the first entry, data of the first entry}.</summary>
                public static long Probe_epoll_pwait(int epfd, int length, int maxevents, long[] outs)
                {
                    EpollEvent[] events = new EpollEvent[length];
                    int r = Waiting.epoll_pwait(epfd, events, maxevents, 0, IntPtr.Zero);
                    outs[0] = length > 0 ? events[0].Events : 0;
                    outs[1] = length > 0 ? (long)events[0].Data : 0;
                    return Check(r);
                }
            }
        }
        """;

    public const string MessagesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Messages
        {
            public static unsafe class MessageLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_recvmsg_cloexec(int fd, long header, int flags)
                {
                    using var h = new SafeFileHandle((IntPtr)fd, false);
                    return Check(Ancillary.RecvMsgCloexec(h, (MsgHdr*)header, (MsgFlags)flags));
                }

                public static long Probe_sendto6(int fd, byte[] buf, byte[] addr, int addrlen) => Check(Datagrams.SendTo6(fd, buf, (nuint)buf.Length, 0, addr, (uint)addrlen));

                public static long Probe_shutdown(int fd, int how)
                {
                    using var h = new SafeFileHandle((IntPtr)fd, false);
                    return Check(Endpoints.Shutdown(h, how));
                }
            }
        }
        """;
}
