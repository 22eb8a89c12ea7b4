namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the eleventh blind round (Sockopts.case, Terminals.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives -that
/// number. Probes named *_field return one value the call wrote (or -errno), for runs comparing it with the variant's.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Sockopts = """
        using System;
        using System.Net.Sockets;
        using System.Runtime.InteropServices;
        namespace HeldOut.Sockopts
        {
            public static unsafe class SockoptProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int socketpair(int domain, int type, int protocol, int* sv);
                [DllImport("libc", SetLastError = true)] private static extern int socket(int domain, int type, int protocol);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_pair(int type, int[] sv) { fixed (int* p = sv) { return Check(socketpair(1, type | 0x80000, 0, p)); } }
                public static long Probe_unix_socket(int type) => Check(socket(1, type | 0x80000, 0));
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_write(int fd, byte[] data) { fixed (byte* p = data) { return Check(write(fd, p, (nuint)data.Length)); } }

                public static long Probe_setsockopt_int(int fd, int level, int name, int value) => Check(SocketOptions.setsockopt(fd, level, name, ref value, sizeof(int)));
                public static long Probe_set_linger(int fd, int onoff, int seconds) { var l = new Linger { OnOff = onoff, Seconds = seconds }; return Check(SocketOptions.SetLinger(fd, SocketLevel.Socket, SocketOption.Linger, in l, 8)); }
                public static long Probe_set_timeout(int fd, int name, long seconds, uint length) { var t = new Timeval { Seconds = seconds, Microseconds = 0 }; return Check(SocketOptions.SetTimeout(fd, 1, name, &t, length)); }
                public static long Probe_get_linger(int fd) { int len = 8; return Check(SocketOptions.GetLinger(fd, 1, 13, out _, ref len)); }
                public static long Probe_get_linger_field(int fd) { int len = 8; int r = SocketOptions.GetLinger(fd, 1, 13, out Linger l, ref len); return r < 0 ? -Marshal.GetLastPInvokeError() : l.Seconds; }
                public static long Probe_get_timeout(int fd, int name) { var t = default(Timeval); uint len = 16; return Check(SocketOptions.GetTimeout(fd, 1, name, ref t, ref len)); }
                public static long Probe_get_timeout_field(int fd, int name) { var t = default(Timeval); uint len = 16; int r = SocketOptions.GetTimeout(fd, 1, name, ref t, ref len); return r < 0 ? -Marshal.GetLastPInvokeError() : t.Seconds; }
                public static long Probe_get_bytes(int fd, int name, byte[] value) { int len = value.Length; return Check(SocketOptions.GetOptionBytes(fd, 1, name, value, ref len)); }
                public static long Probe_get_bytes_len(int fd, int name, byte[] value) { int len = value.Length; int r = SocketOptions.GetOptionBytes(fd, 1, name, value, ref len); return r < 0 ? -Marshal.GetLastPInvokeError() : len; }
                public static long Probe_get_int(int fd, int option) => Check(SocketOptions.GetIntOption(fd, (SocketOption)option));
                public static long Probe_set_flag(int fd, int option, bool enabled) => Check(SocketOptions.SetFlag(fd, (SocketOption)option, enabled));
                public static long Probe_getsockname(int fd) { int len = 128; return Check(SocketAddresses.GetSockName(fd, out _, ref len)); }
                public static long Probe_getsockname_len(int fd) { int len = 128; int r = SocketAddresses.GetSockName(fd, out _, ref len); return r < 0 ? -Marshal.GetLastPInvokeError() : len; }
                public static long Probe_getpeername(int fd, byte[] addr) { uint len = (uint)addr.Length; return Check(SocketAddresses.GetPeerName(fd, addr, ref len)); }
                public static long Probe_getsockname_ptr(int fd) { SockaddrStorage s; uint len = 128; return Check(SocketAddresses.GetSockNamePtr(fd, &s, &len)); }
                public static long Probe_getsockname_ptr_len(int fd) { SockaddrStorage s; uint len = 128; int r = SocketAddresses.GetSockNamePtr(fd, &s, &len); return r < 0 ? -Marshal.GetLastPInvokeError() : len; }
                public static long Probe_getpeername_len(int fd, byte[] addr) { uint len = (uint)addr.Length; int r = SocketAddresses.GetPeerName(fd, addr, ref len); return r < 0 ? -Marshal.GetLastPInvokeError() : len; }
                public static long Probe_peer_length(int fd, byte[] addr) => Check(SocketAddresses.PeerAddressLength(fd, addr));
                public static long Probe_listen(int fd) => Check(SocketAddresses.Listen(fd));
                public static long Probe_shutdown(int fd) { using var h = new SafeSocketHandle((IntPtr)fd, false); return Check(SocketAddresses.Shutdown(h)); }
                public static long Probe_receive(int fd, byte[] buffer) => Check(Transfers.Receive(fd, buffer));
                public static long Probe_receive_handle(int fd, byte[] buffer) { using var h = new SafeSocketHandle((IntPtr)fd, false); return Check(Transfers.ReceiveHandle(h, buffer)); }
                public static long Probe_instance_rcvbuf(int fd, int size) => Check(new NativeSocket(fd).SetReceiveBuffer(size));
                public static long Probe_instance_peer(int fd, byte[] addr) { int len = addr.Length; return Check(new NativeSocket(fd).PeerName(addr, ref len)); }
            }
        }
        """;

    public const string SockoptsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Sockopts
        {
            public static unsafe class SockoptLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_set_option_span(int fd, int level, int name, byte[] value) => Check(SocketOptions.SetOption(fd, level, name, value, value.Length));
                public static long Probe_recvfrom(int fd, byte[] buffer) { int len = 128; return Check(SocketAddresses.RecvFrom(fd, buffer, (nuint)buffer.Length, MessageFlags.DontWait, out _, ref len)); }
                public static long Probe_send(int fd, byte[] data) => Check(Transfers.Send(fd, ref data[0], (nuint)data.Length));
            }
        }
        """;

    public const string Terminals = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Terminals
        {
            public static unsafe class TerminalProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int pipe2(int* fds, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Number(int r) => r == 0 ? 0 : -r;

                public static long Probe_pipe(int[] fds) { fixed (int* p = fds) { return Check(pipe2(p, 0x80000)); } }
                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_tcgetattr(int fd) => Check(Tty.GetAttributes(fd, out _));
                public static long Probe_tcsetattr_in(int fd) { var t = default(Termios); return Check(Tty.SetAttributes(fd, 0, in t)); }
                public static long Probe_tcsetattr_ref(int fd) { var t = default(Termios); return Check(Tty.SetAttributesRef(fd, 0, ref t)); }
                public static long Probe_tcdrain(int fd) => Check(Tty.Drain(fd));
                public static long Probe_tcflush(int fd) => Check(Tty.Flush(fd));
                public static long Probe_winsize(int fd) => Check(Tty.GetWindowSize(fd, 0x5413, out _));
                public static long Probe_fionread(int fd) => Check(Tty.BytesAvailable(fd));
                public static long Probe_ttyname(int fd) => Number(Tty.TtyName(fd, new StringBuilder(64), 64));
                public static long Probe_instance_size(int fd) => Check(new Terminal(fd).GetSize(out _));
                public static long Probe_instance_drain(int fd) => Check(new Terminal(fd).Drain());
                public static long Probe_getcwd(int size) { var sb = new StringBuilder(Math.Max(size, 1)); return Paths.GetCwd(sb, (nuint)size) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : sb.Length; }
                public static long Probe_getcwd_bytes(byte[] buf) => Paths.GetCwdBytes(buf, (nuint)buf.Length) == IntPtr.Zero ? -Marshal.GetLastPInvokeError() : 0;
                public static long Probe_readlink(string path, int size) => Check(Paths.ReadLink(path, new StringBuilder(size), (nuint)size));
                public static long Probe_readlink_span(string path, byte[] buffer) => Check(Paths.ReadLinkInto(path, buffer));
                public static long Probe_waitpid(int pid, int options) => Check(Processes.WaitPid(pid, out _, options));
                public static long Probe_waitpid_ptr(int pid) { int s; return Check(Processes.WaitPidPtr(pid, &s)); }
                public static long Probe_waitid(int idtype, int id, int options) => Check(Processes.WaitId(idtype, id, out _, options));
                public static long Probe_kill(int pid, int sig) => Check(Processes.Kill(pid, (Signal)sig));
                public static long Probe_prctl(int option) => Check(Processes.Prctl(option));
                public static long Probe_spawn(string path) { int r = Processes.Spawn(out int pid, path, IntPtr.Zero, IntPtr.Zero, new string?[] { path, null }, new string?[] { null }); if (r == 0) { Processes.WaitPid(pid, out _, 0); } return Number(r); }
                public static long Probe_reap(int pid) => Check(Processes.WaitPid(pid, out _, 0));
                public static long Probe_getsid(int pid) => Check(Processes.GetSid(pid));
                public static long Probe_getgroups(int size, uint[] list) => Check(Processes.GetGroups(size, list));
                public static long Probe_uname() => Check(Processes.Uname(out _));
                public static long Probe_pread(int fd, byte[] buffer, long offset) => Check(Buffers.ReadAt(fd, buffer, offset));
                public static long Probe_write(int fd, byte[] data) { using var h = new SafeFileHandle((IntPtr)fd, false); return Check(Buffers.Write(h, data)); }
            }
        }
        """;
}
