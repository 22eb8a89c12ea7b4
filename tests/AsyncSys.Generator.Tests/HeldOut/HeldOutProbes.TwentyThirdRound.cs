namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-third blind round (Servers.case, Marshallers.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. Sockets are AF_UNIX socketpairs and [::1]
/// listeners the run makes, one set per side; descriptors the calls create (received through SCM_RIGHTS, accepted, paired) are
/// described as text (what they name, from /proc/self/fd, and their flags) and closed by the probe that describes them, only
/// when above 2. Message headers, iovecs, control buffers and timespecs live in native memory the probes allocate and free.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentyThirdRoundHelpers = """
                [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] private static extern int socketpair_for_runs(int domain, int type, int protocol, int* sv);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "recv", SetLastError = true)] private static extern nint recv_for_runs(int fd, byte* buf, nuint count, int flags);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "socket", SetLastError = true)] private static extern int socket_for_runs(int domain, int type, int protocol);
                [DllImport("libc", EntryPoint = "bind", SetLastError = true)] private static extern int bind_for_runs(int fd, byte* addr, uint len);
                [DllImport("libc", EntryPoint = "listen", SetLastError = true)] private static extern int listen_for_runs(int fd, int backlog);
                [DllImport("libc", EntryPoint = "connect", SetLastError = true)] private static extern int connect_for_runs(int fd, byte* addr, uint len);
                [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)] private static extern int getsockname_for_runs(int fd, byte* addr, uint* len);
                [DllImport("libc", EntryPoint = "poll", SetLastError = true)] private static extern int poll_for_runs(int* fds, ulong nfds, int timeout);
                [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)] private static extern int getsockopt_for_runs(int fd, int level, int name, void* value, uint* len);
                [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)] private static extern int epoll_create1_for_runs(int flags);
                [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)] private static extern int epoll_ctl_for_runs(int epfd, int op, int fd, byte* ev);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long Packed(int* two) => (uint)two[0] | ((long)two[1] << 32);

                /// <summary>An AF_UNIX socketpair of <paramref name="type"/> (close-on-exec): both ends packed, or -errno.</summary>
                public static long SocketPairForRuns(int type) { int* sv = stackalloc int[2]; Clear(); return socketpair_for_runs(1, type | 0x80000, 0, sv) < 0 ? -Errno() : Packed(sv); }
                public static long PipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000) < 0 ? -Errno() : Packed(fds); }
                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long WriteBytes(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(write_for_runs(fd, p, (nuint)data.Length)); } }

                /// <summary>What can be read now (MSG_DONTWAIT for sockets, a non-blocking read for pipes): hex, or "E" and the errno.</summary>
                public static string ReadNow(int fd, int max)
                {
                    byte[] buffer = new byte[max];
                    int flags = fcntl_for_runs(fd, 3, 0);
                    fcntl_for_runs(fd, 4, flags | 0x800);
                    Clear();
                    nint n;
                    fixed (byte* p = buffer) { n = read_for_runs(fd, p, (nuint)max); }
                    int e = Errno();
                    fcntl_for_runs(fd, 4, flags);
                    return n < 0 ? "E" + e : Convert.ToHexString(buffer, 0, (int)n);
                }

                /// <summary>What a descriptor names (/proc/self/fd) and its FD_CLOEXEC and O_NONBLOCK bits.</summary>
                public static string DescriptorText(int fd)
                {
                    string target = LinkOf(fd) ?? "not open";
                    string name = target.StartsWith("socket:", StringComparison.Ordinal) ? "socket" : target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe"
                        : target.StartsWith("anon_inode:", StringComparison.Ordinal) || target == "not open" ? target : "file";
                    return name + " cloexec=" + (fcntl_for_runs(fd, 1, 0) & 1) + " nonblock=" + ((fcntl_for_runs(fd, 3, 0) & 0x800) != 0 ? 1 : 0);
                }

                private static string? LinkOf(int fd) { try { return new System.IO.FileInfo("/proc/self/fd/" + fd).LinkTarget; } catch (System.IO.IOException) { return null; } }

                /// <summary>Whether two descriptors name the same open object (the /proc/self/fd links match).</summary>
                public static bool SameObject(int a, int b)
                {
                    string? first = LinkOf(a);
                    return first is not null && first == LinkOf(b);
                }

                /// <summary>Closes a descriptor a call created, only if it is above the standard streams.</summary>
                public static string CloseCreated(int fd) => fd > 2 ? (close_for_runs(fd) == 0 ? "closed" : "close failed") : "left open (" + fd + ")";

                /// <summary>A sockaddr_in6 for [::1]:port (28 bytes).</summary>
                public static byte[] Loopback6(int port)
                {
                    byte[] a = new byte[28];
                    a[0] = 10;
                    a[2] = (byte)(port >> 8);
                    a[3] = (byte)port;
                    a[23] = 1;
                    return a;
                }

                /// <summary>A blocking listener on [::1] at an ephemeral port (close-on-exec): its descriptor, or -errno.</summary>
                public static long Listener6()
                {
                    Clear();
                    int fd = socket_for_runs(10, 1 | 0x80000, 0);
                    if (fd < 0) return -Errno();
                    byte[] a = Loopback6(0);
                    fixed (byte* p = a)
                    {
                        if (bind_for_runs(fd, p, 28) < 0 || listen_for_runs(fd, 16) < 0) { long e = -Errno(); close_for_runs(fd); return e; }
                    }

                    return fd;
                }

                public static int PortOf(int fd)
                {
                    byte* a = stackalloc byte[28];
                    uint len = 28;
                    return getsockname_for_runs(fd, a, &len) < 0 ? -1 : (a[2] << 8) | a[3];
                }

                /// <summary>A new IPv6 TCP socket (close-on-exec, non-blocking when asked), or -errno.</summary>
                public static long Socket6(bool nonBlocking) { Clear(); return Check(socket_for_runs(10, 1 | 0x80000 | (nonBlocking ? 0x800 : 0), 0)); }

                /// <summary>A blocking client connected to [::1]:port, or -errno.</summary>
                public static long Client6(int port)
                {
                    long fd = Socket6(false);
                    if (fd < 0) return fd;
                    byte[] a = Loopback6(port);
                    fixed (byte* p = a)
                    {
                        if (connect_for_runs((int)fd, p, 28) < 0) { long e = -Errno(); close_for_runs((int)fd); return e; }
                    }

                    return fd;
                }

                /// <summary>Waits up to 5 s for <paramref name="events"/> on a descriptor: the revents.</summary>
                public static long WaitFor(int fd, int events) { int* pfd = stackalloc int[2]; pfd[0] = fd; pfd[1] = events; return poll_for_runs(pfd, 1, 5000) < 0 ? -Errno() : (pfd[1] >> 16) & 0xFFFF; }

                /// <summary>connect(2) of a socket to [::1]:port as it is (blocking or not): 0 or -errno.</summary>
                public static long ConnectNow(int fd, int port) { byte[] a = Loopback6(port); Clear(); fixed (byte* p = a) { return Check(connect_for_runs(fd, p, 28)); } }

                public static long SocketError(int fd) { int v = 0; uint len = 4; return getsockopt_for_runs(fd, 1, 4, &v, &len) < 0 ? -Errno() : v; }
                public static long IntOption(int fd, int level, int name) { int v = 0; uint len = 4; return getsockopt_for_runs(fd, level, name, &v, &len) < 0 ? -Errno() : v; }
                public static string LingerText(int fd) { int* v = stackalloc int[2]; uint len = 8; return getsockopt_for_runs(fd, 1, 13, v, &len) < 0 ? "E" + Errno() : v[0] + "/" + v[1]; }

                public static long Alloc(int bytes) => (nint)NativeMemory.AllocZeroed((nuint)bytes);
                public static long Free(long p) { NativeMemory.Free((void*)p); return 0; }
                public static long ReadLong(long p) => *(long*)p;

                /// <summary>A timespec in native memory.</summary>
                public static long NewTimespec(long seconds, long nanoseconds) { long* t = (long*)NativeMemory.AllocZeroed(16); t[0] = seconds; t[1] = nanoseconds; return (nint)t; }

                public static long EpollWatching(int fd) { Clear(); int ep = epoll_create1_for_runs(0x80000); if (ep < 0) return -Errno(); byte* ev = stackalloc byte[12]; *(uint*)ev = 1; *(ulong*)(ev + 4) = (ulong)fd; return epoll_ctl_for_runs(ep, 1, fd, ev) < 0 ? -Errno() : ep; }

                /// <summary>
                /// A msghdr in native memory: header at 0, one iovec at 64, <paramref name="dataBytes"/> of data at 80 (the payload
                /// copied in when given), then <paramref name="controlBytes"/> of control. For sending, the descriptors go in one
                /// SCM_RIGHTS message.
                /// </summary>
                public static long NewMessage(int dataBytes, int controlBytes, byte[]? payload, int[]? descriptors)
                {
                    int controlAt = 80 + ((dataBytes + 7) & ~7);
                    byte* m = (byte*)NativeMemory.AllocZeroed((nuint)(controlAt + controlBytes + 8));
                    if (payload is not null) { payload.CopyTo(new Span<byte>(m + 80, payload.Length)); dataBytes = payload.Length; }
                    *(nint*)(m + 64) = (nint)(m + 80);
                    *(nuint*)(m + 72) = (nuint)dataBytes;
                    *(nint*)(m + 16) = (nint)(m + 64);
                    *(nuint*)(m + 24) = 1;
                    if (controlBytes > 0)
                    {
                        *(nint*)(m + 32) = (nint)(m + controlAt);
                        *(nuint*)(m + 40) = (nuint)controlBytes;
                    }

                    if (descriptors is not null)
                    {
                        byte* c = m + controlAt;
                        *(nuint*)c = (nuint)(16 + 4 * descriptors.Length);
                        *(int*)(c + 8) = 1;
                        *(int*)(c + 12) = 1;
                        descriptors.CopyTo(new Span<int>(c + 16, descriptors.Length));
                    }

                    return (nint)m;
                }

                /// <summary>
                /// What the kernel wrote into a received msghdr: msg_flags, msg_controllen, the data (the count given), and each
                /// SCM_RIGHTS descriptor described against <paramref name="original"/> (the one sent), then closed.
                /// </summary>
                public static string ReceivedText(long message, long count, int original)
                {
                    byte* m = (byte*)message;
                    var text = new System.Text.StringBuilder();
                    text.Append("flags=").Append(*(int*)(m + 48)).Append(" controllen=").Append(*(nuint*)(m + 40));
                    if (count > 0) text.Append(" data=").Append(Convert.ToHexString(new ReadOnlySpan<byte>(m + 80, (int)count)));
                    nuint controlLength = *(nuint*)(m + 40);
                    byte* c = *(byte**)(m + 32);
                    if (c != null && controlLength >= 16)
                    {
                        nuint length = *(nuint*)c;
                        text.Append(" cmsg=").Append(*(int*)(c + 8)).Append('/').Append(*(int*)(c + 12));
                        for (int i = 0; i < (int)(length - 16) / 4; i++)
                        {
                            int fd = *(int*)(c + 16 + 4 * i);
                            text.Append(" fd[").Append(i).Append("]=").Append(DescriptorText(fd)).Append(SameObject(fd, original) ? " same-as-sent " : " other ").Append(CloseCreated(fd));
                        }
                    }

                    return text.ToString();
                }

                private static readonly System.Collections.Generic.List<nint> BatchMemory = new();

                /// <summary>Memory the batches' iovecs point at, freed by the run.</summary>
                public static long FreeBatches() { foreach (nint p in BatchMemory) NativeMemory.Free((void*)p); BatchMemory.Clear(); return 0; }

                /// <summary>Sets entry <paramref name="index"/> of an mmsghdr array to one iovec of <paramref name="bytes"/> (the payload copied in when given).</summary>
                public static void SetBatchEntry(Array batch, int index, int bytes, byte[]? payload)
                {
                    byte* block = (byte*)NativeMemory.AllocZeroed((nuint)(16 + Math.Max(bytes, 1)));
                    BatchMemory.Add((nint)block);
                    if (payload is not null) { payload.CopyTo(new Span<byte>(block + 16, payload.Length)); bytes = payload.Length; }
                    *(nint*)block = (nint)(block + 16);
                    *(nuint*)(block + 8) = (nuint)bytes;
                    var handle = GCHandle.Alloc(batch, GCHandleType.Pinned);
                    try
                    {
                        byte* entry = (byte*)handle.AddrOfPinnedObject() + 64 * index;
                        new Span<byte>(entry, 64).Clear();
                        *(nint*)(entry + 16) = (nint)block;
                        *(nuint*)(entry + 24) = 1;
                    }
                    finally { handle.Free(); }
                }

                /// <summary>Each entry's msg_len, msg_flags and the bytes its iovec holds (msg_len of them).</summary>
                public static string BatchText(Array batch)
                {
                    var handle = GCHandle.Alloc(batch, GCHandleType.Pinned);
                    try
                    {
                        var text = new System.Text.StringBuilder();
                        for (int i = 0; i < batch.Length; i++)
                        {
                            byte* entry = (byte*)handle.AddrOfPinnedObject() + 64 * i;
                            uint length = *(uint*)(entry + 56);
                            byte* iov = *(byte**)(entry + 16);
                            text.Append('[').Append(length).Append(" flags=").Append(*(int*)(entry + 48));
                            if (iov != null) text.Append(' ').Append(Convert.ToHexString(new ReadOnlySpan<byte>(*(byte**)iov, (int)Math.Min(length, (uint)*(nuint*)(iov + 8)))));
                            text.Append(']');
                        }

                        return text.ToString();
                    }
                    finally { handle.Free(); }
                }
        """;

    public const string Servers = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Servers
        {
            public static unsafe class ServersProbes
            {
        """ + "\n" + TwentyThirdRoundHelpers + "\n" + """

                private static SafeSocketHandle Socket(int fd) => new SafeSocketHandle((IntPtr)fd, ownsHandle: false);

                /// <summary>Two iovecs over native memory.</summary>
                public static Iovec[] IovecsOver(long first, int firstLength, long second, int secondLength) =>
                    new[] { new Iovec { Base = (nint)first, Length = (nuint)firstLength }, new Iovec { Base = (nint)second, Length = (nuint)secondLength } };

                public static long Probe_recvmsg(int fd, long message, int flags) { Clear(); return Check(Messages.ReceiveMessage(fd, (MsgHdr*)message, (MessageFlags)flags)); }
                public static long Probe_send_descriptors(int fd, byte[] header, byte[] body, int[] descriptors) { Clear(); return Check(Messages.SendWithDescriptors(fd, header, body, descriptors)); }
                public static long Probe_receive_descriptors(int fd, byte[] buffer, int[] descriptors, out int received) { Clear(); return Check(Messages.ReceiveWithDescriptors(fd, buffer, descriptors, out received)); }
                public static long Probe_recvmmsg(int fd, MMsgHdr[] batch, uint count, int flags, long timeout) { Clear(); return Check(Batches.recvmmsg(fd, batch, count, (MessageFlags)flags, (nint)timeout)); }
                public static long Probe_connect6(int fd, long address, int length) { Clear(); return Check(Connections.Connect6(Socket(fd), (SockaddrIn6*)address, length)); }
                public static long Probe_pending_error(int fd, out int error) { Clear(); return Check(Connections.PendingError(Socket(fd), out error)); }
                public static long Probe_accept_from(int fd, int flags, int capacity, out byte[] address, out int length)
                {
                    length = capacity;
                    Clear();
                    long r = Check(Connections.AcceptFrom(fd, out SockaddrIn6 a, ref length, (SocketFlags)flags));
                    address = new byte[sizeof(SockaddrIn6)];
                    fixed (byte* p = address) { *(SockaddrIn6*)p = a; }
                    return r;
                }

                public static long Probe_set_linger(int fd, int onOff, int seconds) { Clear(); return Check(Connections.SetLinger(fd, new Linger { OnOff = onOff, Seconds = seconds })); }
                public static long Probe_getpeername(int fd, byte[] address, ref uint length)
                {
                    socklen_t len = new socklen_t { Value = length };
                    Clear();
                    long r;
                    fixed (byte* p = address) { r = Check(Connections.getpeername(fd, (SockaddrIn6*)p, &len)); }
                    length = len.Value;
                    return r;
                }

                public static long Probe_reuseport_listener(int port, int backlog) { Clear(); return Check(Connections.OpenReusePortListener((ushort)port, backlog)); }
                public static long Probe_has_pending_data(int fd) => Connections.HasPendingData(fd) ? 1 : 0;
                public static long Probe_shutdown(int fd, int how) { Clear(); return Check(new Connection(fd).Shutdown(how)); }
                public static long Probe_enable_reuseport(int fd) { Clear(); return Check(new ListenerOptions(fd).EnableReusePort()); }
                public static long Probe_create_pair(out SafeSocketHandle first, out SafeSocketHandle second) { Clear(); return Check(Pairs.CreatePair(out first, out second)); }
                public static long Probe_forward(int socket, int pipeWrite, int count) { Clear(); return Check(Forwarding.ForwardToPipe(socket, pipeWrite, count)); }
                public static long Probe_sendfile(int socket, int file, long count) { Clear(); return Check(Forwarding.SendFile(Socket(socket), file, null, (nuint)count)); }
                public static long Probe_sendfile_at(int socket, int file, ref long offset, long count) { Clear(); long o = offset; long r = Check(Forwarding.SendFile(Socket(socket), file, &o, (nuint)count)); offset = o; return r; }
            }
        }
        """;

    public const string ServersLibraryImport = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Servers
        {
            public static unsafe class ServersLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static SafeSocketHandle Socket(int fd) => new SafeSocketHandle((IntPtr)fd, ownsHandle: false);
                public static long Probe_sendmsg(int fd, long message, int flags) { Marshal.SetLastPInvokeError(0); return Check(Messages.SendMessage(Socket(fd), (MsgHdr*)message, (MessageFlags)flags)); }
                public static long Probe_sendmmsg(int fd, MMsgHdr[] batch, uint count, int flags) { Marshal.SetLastPInvokeError(0); return Check(Batches.SendBatch(fd, batch, count, (MessageFlags)flags)); }
                public static long Probe_accept(int fd, int flags, out SafeSocketHandle accepted) { Marshal.SetLastPInvokeError(0); accepted = Connections.Accept(Socket(fd), 0, 0, (SocketFlags)flags); int r = unchecked((int)(long)accepted.DangerousGetHandle()); return r == -1 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_getsockname(int fd, byte[] address, ref uint length) { Marshal.SetLastPInvokeError(0); return Check(Connections.GetSockName(Socket(fd), address, ref length)); }
                public static long Probe_recv(int fd, byte[] buffer, long length, int flags) { Marshal.SetLastPInvokeError(0); return Check(Connections.Receive(Socket(fd), buffer, (nuint)length, (MessageFlags)flags)); }
                public static long Probe_socketpair(int domain, int type, int protocol, int[] sv) { Marshal.SetLastPInvokeError(0); return Check(Pairs.SocketPair(domain, type, protocol, sv)); }
                public static long Probe_tee(int fdIn, int fdOut, long length, uint flags) { Marshal.SetLastPInvokeError(0); return Check(Forwarding.Tee(new SafeFileHandle((IntPtr)fdIn, false), new SafeFileHandle((IntPtr)fdOut, false), (nuint)length, (SpliceFlags)flags)); }
                public static long Probe_vmsplice(int fd, Iovec[] iov, long count, uint flags) { Marshal.SetLastPInvokeError(0); return Check(Forwarding.VmSplice(fd, iov, (nuint)count, (SpliceFlags)flags)); }
                public static long Probe_epoll_pwait2(int epfd, EpollEvent[] events, int maxevents, long timeout) { Marshal.SetLastPInvokeError(0); return Check(Forwarding.EpollPwait2(epfd, events, maxevents, (nint)timeout, 0)); }
            }
        }
        """;

    public const string Marshallers = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Marshallers
        {
            public static unsafe class MarshallersProbes
            {
        """ + "\n" + TwentyThirdRoundHelpers + "\n" + """
            }
        }
        """;

    public const string MarshallersLibraryImport = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Marshallers
        {
            public static unsafe class MarshallersLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, ownsHandle: false);
                public static long Probe_write_text_at(int fd, string text, long count, long offset) { Clear(); return Check(Custom.WriteTextAt(fd, text, (nuint)count, offset)); }
                public static long Probe_read_descriptor(int fd, byte[] buffer, long count) { Clear(); return Check(Custom.Read(new FileDescriptor(fd), buffer, (nuint)count)); }
                public static long Probe_fsync_descriptor(int fd) { Clear(); return Check(Custom.Fsync(new FileDescriptor(fd))); }
                public static long Probe_statx(int dirfd, string? path, int flags, uint mask, out long size, out long mode) { Clear(); long r = Check(Paths.Statx(dirfd, path, flags, mask, out StatxBuffer b)); size = (long)b.Size; mode = b.Mode; return r; }
                public static long Probe_unlinkat(int dirfd, string? path, int flags) { Clear(); return Check(Paths.UnlinkAt(dirfd, path, flags)); }
                public static long Probe_mkdirat(int dirfd, byte[] path, uint mode) { Clear(); return Check(Paths.MkdirAt(dirfd, path, mode)); }
                public static long Probe_open_read(int dirfd, byte[] path, out SafeFileHandle handle) { Clear(); return Check(Paths.OpenRead(dirfd, path, out handle)); }
                public static long Probe_read(int fd, byte[] buffer, int count) { Clear(); return Check(Results.Read(Handle(fd), buffer, count)); }
                public static long Probe_eventfd(uint initval, int flags, out SafeFileHandle handle) { Clear(); handle = Results.EventFd(initval, flags); int r = unchecked((int)(long)handle.DangerousGetHandle()); return r == -1 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_write(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(Results.Write(fd, p, (nuint)data.Length)); } }
                public static long Probe_poll(Pollfd[] fds, int timeout) { Clear(); return Check(Results.Poll(fds, (ulong)fds.Length, timeout)); }
                public static long Probe_connect(int fd, byte[] address, int length) { Clear(); return Check(Results.Connect(new SafeSocketHandle((IntPtr)fd, false), address, length)); }
                public static long Probe_read_at(int fd, byte[] buffer, long offset) { Clear(); return Check(new FileReader(Handle(fd)).ReadAt(buffer, offset)); }
                public static long Probe_send(int fd, byte[] data) { Clear(); return Check(new Peer(new SafeSocketHandle((IntPtr)fd, false)).Send(data)); }
                public static long Probe_sync(int fd) { Clear(); return Check(new Descriptor(fd).Sync()); }
            }
        }
        """;
}
