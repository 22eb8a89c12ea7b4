namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twentieth blind round (Exports.case, Latest.case), written with the case files before the
/// generator was run on them. A call through a function pointer sets no last P/Invoke error, so errno is read as the worker
/// reads it: the last P/Invoke error, else errno itself, both cleared before the call. Results: a number (or -errno), or a
/// summary as text ("E" and the errno for a failure; "n:hex" for bytes read). Descriptors the probes make are closed here
/// or by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentiethRoundHelpers = """
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)] private static extern int eventfd_for_runs(uint initval, int flags);
                [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] private static extern int socketpair_for_runs(int domain, int type, int protocol, int* sv);
                [DllImport("libc", EntryPoint = "socket", SetLastError = true)] private static extern int socket_for_runs(int domain, int type, int protocol);
                [DllImport("libc", EntryPoint = "bind", SetLastError = true)] private static extern int bind_for_runs(int fd, byte* addr, uint len);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                public static string Text(long n, byte[] b) => n < 0 ? "E" + (-n) : n + ":" + Convert.ToHexString(b, 0, (int)Math.Min(n, b.Length));
                public static long Probe_eventfd(int initial) => Check(eventfd_for_runs((uint)initial, 0x80000));
                public static long Probe_open(string path, int flags) => Check(open_for_runs(path, flags | 0x80000));
                public static long Probe_udp_socket() => Check(socket_for_runs(2, 2 | 0x80000, 0));
                public static long Probe_bind_loopback(int fd) { byte[] sin = new byte[16]; sin[0] = 2; sin[4] = 127; sin[7] = 1; fixed (byte* p = sin) { return Check(bind_for_runs(fd, p, 16)); } }
                public static long Probe_socketpair() { int* sv = stackalloc int[2]; if (socketpair_for_runs(1, 1 | 0x80000, 0, sv) < 0) return -Errno(); return ((long)sv[0] << 32) | (uint)sv[1]; }
                public static long Probe_send_text(int fd, string text) { byte[] b = System.Text.Encoding.ASCII.GetBytes(text); fixed (byte* p = b) { return Check(write_for_runs(fd, p, (nuint)b.Length)); } }
                public static long Probe_close(int fd) => Check(close_for_runs(fd));

                /// <summary>What a new descriptor is (at or above a minimum, close-on-exec, access mode, non-blocking), then closed.</summary>
                public static string DescriptorText(long fd, int minimum)
                {
                    if (fd < 0) return "E" + (-fd);
                    // A standard stream's number, or one below the minimum asked, cannot be a new descriptor of this call: it is
                    // the test host's or another test's, and is left open.
                    if (fd <= 2 || fd < minimum) return "descriptor " + fd + " BELOW " + System.Math.Max(3, minimum) + ", not a new one (left open)";
                    int fdFlags = fcntl_for_runs((int)fd, 1, 0), flFlags = fcntl_for_runs((int)fd, 3, 0);
                    string text = "descriptor" + (fd >= minimum ? " at or above " + minimum : " BELOW " + minimum) + ((fdFlags & 1) != 0 ? " cloexec" : " inheritable")
                        + " access " + (flFlags & 3) + ((flFlags & 0x800) != 0 ? " nonblock" : "");
                    close_for_runs((int)fd);
                    return text;
                }

                public static string HandleText(SafeFileHandle handle, int minimum)
                {
                    if (handle.IsInvalid) return "E" + Errno();
                    string text = DescriptorText((long)handle.DangerousGetHandle(), minimum);
                    handle.SetHandleAsInvalid();
                    return text;
                }
        """;

    public const string Exports = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Exports
        {
            public static unsafe class ExportsProbes
            {
        """ + "\n" + TwentiethRoundHelpers + "\n" + """

                public static string Probe_pread(int fd, int count, long offset) { byte[] b = new byte[count]; Clear(); fixed (byte* p = b) { return Text(Check(Direct.PRead(fd, p, (nuint)count, offset)), b); } }
                public static string Probe_read_at(int fd, int count, long offset) { byte[] b = new byte[count]; Clear(); return Text(Check(Direct.ReadAt(fd, b, offset)), b); }
                public static long Probe_put(int fd, byte[] data) { Clear(); return Check(Direct.Put(fd, data)); }
                public static long Probe_sync(int fd) { Clear(); return Check(Direct.Sync(fd)); }
                public static long Probe_fsync(int fd) { Clear(); return Check(Direct.Fsync(fd)); }
                public static long Probe_lock_file(int fd, int operation) { Clear(); return Check(Direct.LockFile(fd, operation)); }
                public static long Probe_flock(int fd, int operation) { Clear(); return Check(Direct.Flock(fd, operation)); }
                public static string Probe_read_to_address(int fd, int count) { byte[] b = new byte[count]; Clear(); fixed (byte* p = b) { return Text(Check(Direct.ReadToAddress(fd, (nint)p, (nuint)count)), b); } }
                public static long Probe_truncate(int fd, long length) => Direct.Truncate(fd, length);
                public static string Probe_duplicate_above(int fd, int minimum) { Clear(); return DescriptorText(Check(Direct.DuplicateAbove(fd, minimum)), minimum); }
                public static string Probe_duplicate_handle(int fd, int minimum) { Clear(); return HandleText(Direct.DuplicateHandle(new SafeFileHandle((IntPtr)fd, false), minimum), minimum); }
                public static long Probe_read_counter(int fd) { Clear(); nint n = Direct.ReadCounter(fd, out ulong value); return n < 0 ? -Errno() : (long)value; }
                public static long Probe_random(int length, uint flags) { byte[] b = new byte[length]; Clear(); fixed (byte* p = b) { return Check(Direct.Random(p, (nuint)length, flags)); } }
                public static string Probe_current_directory(int size) { byte[] b = new byte[size]; Clear(); fixed (byte* p = b) { byte* r = Direct.CurrentDirectory(p, (nuint)size); return r == null ? "E" + Errno() : Marshal.PtrToStringUTF8((nint)r)!; } }
                public static string Probe_read_with(int fd, int count) { byte[] b = new byte[count]; Clear(); return Text(Check(Direct.ReadWith(PosixTable.Load(), fd, b)), b); }
                public static object Table() => PosixTable.Load();
                public static string Probe_binding_read(int fd, int count) { byte[] b = new byte[count]; Clear(); return Text(Check(new Binding().Read(fd, b)), b); }
                public static long Probe_binding_write(int fd, byte[] data) { Clear(); return Check(new Binding().WriteAll(fd, data)); }
                public static long Probe_fsync_callconv(int fd) { Clear(); return Check(CallConvs.Fsync(fd)); }
                public static long Probe_process_id() => CallConvs.ProcessId();
            }
        }
        """;

    public const string ExportsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Exports
        {
            public static unsafe class ExportsLibraryImportProbes
            {
                public static string Probe_recv(int fd, int count) { byte[] b = new byte[count]; Marshal.SetLastPInvokeError(0); nint n = CallConvs.Recv(fd, b, (nuint)count, 0); return n < 0 ? "E" + Marshal.GetLastPInvokeError() : ExportsProbes.Text(n, b); }
                public static long Probe_fsync(int fd) => CallConvs.Fsync(fd) < 0 ? -Marshal.GetLastPInvokeError() : 0;
            }
        }
        """;

    public const string Latest = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Latest
        {
            public static unsafe class LatestProbes
            {
        """ + "\n" + TwentiethRoundHelpers + "\n" + """

                public static byte[] BytesOf(object buffer64) { Buffer64 b = (Buffer64)buffer64; ReadOnlySpan<byte> s = b; return s.ToArray(); }
                public static string Probe_read_pointer(int fd, int count) { Buffer64 buf = default; Clear(); long n = Check(Inline.read(fd, &buf, (nuint)count)); return Text(n, BytesOf(buf)); }
                public static string Probe_read_out(int fd, int count) { Clear(); long n = Check(Inline.ReadOut(fd, out Buffer64 buf, (nuint)count)); return Text(n, BytesOf(buf)); }
                public static string Probe_fill(int fd) { Buffer64 buf = default; Clear(); long n = Check(Inline.Fill(fd, ref buf)); return Text(n, BytesOf(buf)); }
                public static string Probe_getsockname(int fd) { SockaddrStorage a = default; uint len = 128; Clear(); long r = Check(Inline.getsockname(fd, ref a, ref len)); return r < 0 ? "E" + (-r) : "len " + len + " family " + a[0]; }
                public static string FamilyText(object storage, long len) { SockaddrStorage a = (SockaddrStorage)storage; return "len " + len + " family " + a[0]; }
                public static string Probe_pipe2(int flags) { Clear(); long r = Check(Inline.pipe2(out Descriptors fds, flags)); return r < 0 ? "E" + (-r) : PipeText(fds); }
                public static string PipeText(object descriptors)
                {
                    Descriptors fds = (Descriptors)descriptors;
                    byte x = 42;
                    string text = write_for_runs(fds[1], &x, 1) == 1 && read_for_runs(fds[0], &x, 1) == 1 && x == 42 ? "a pipe" : "not a pipe";
                    text += (fcntl_for_runs(fds[0], 1, 0) & 1) != 0 && (fcntl_for_runs(fds[1], 1, 0) & 1) != 0 ? " cloexec" : " inheritable";
                    close_for_runs(fds[0]);
                    close_for_runs(fds[1]);
                    return text;
                }

                public static long Probe_write_ref(int fd, byte[] data) { Clear(); return Check(Views.WriteRef(fd, in data[0], (nuint)data.Length)); }
                public static string Probe_read_from(int fd, int count, long offset) { byte[] b = new byte[count]; Clear(); return Text(Check(Views.ReadFrom(fd, b, in offset)), b); }
                public static string Probe_drain(int fd, int count) { byte[] b = new byte[count]; Clear(); return Text(Check(Views.Drain(fd, b)), b); }
                public static long Probe_counter(int fd) { ulong value = 0; Clear(); long n = Check(Views.Counter(fd, ref value)); return n < 0 ? n : (long)value; }
                public static string Probe_open_utf8(string path) { byte[] b = System.Text.Encoding.UTF8.GetBytes(path + "\0"); Clear(); return DescriptorText(Check(Views.OpenUtf8(b.AsSpan(0, b.Length - 1), 0x80000)), 0); }
                public static string Probe_open_null() { Clear(); return DescriptorText(Check(Views.OpenNull()), 0); }
                public static long Probe_write_parts(int fd, byte[] head, byte[] body) { Clear(); return Check(Views.WriteParts(fd, head, body)); }
                public static long Probe_write_aliased(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(Views.WriteAliased(fd, p, (nuint)data.Length)); } }
                public static long Probe_emit(int fd, byte[] data) { Clear(); return Check(Views.Emit(fd, data)); }
                public static string Probe_receive(int fd, int count) { byte[] b = new byte[count]; Clear(); return Text(Check(new Channel(fd).Receive(b)), b); }
                public static long Probe_flush(int fd) { Clear(); return Check(new Channel(fd).Flush()); }
                public static long Probe_enter(int ring) { Clear(); return Check(new Uring(ring).Enter(0, 0, 0)); }
                public static long Probe_append(int fd, byte[] data) { Clear(); return Check(new Journal(new SafeFileHandle((IntPtr)fd, false)).Append(data)); }
                public static string Probe_static_abstract_read(int fd, int count) { byte[] b = new byte[count]; Clear(); fixed (byte* p = b) { return Text(Check(LinuxOps.Read(fd, p, (nuint)count)), b); } }
                public static long Probe_interface_flush(int fd) { Clear(); return Check(IPosix.Flush(fd)); }
                public static string Probe_openat_defaults(int dirfd) { Clear(); return DescriptorText(Check(Defaults.OpenAt(dirfd)), 0); }
                public static string Probe_open_with(int dirfd, string path) { Clear(); return DescriptorText(Check(Defaults.OpenWith(dirfd, path)), 0); }
                public static long Probe_advise(int fd) { int e = Defaults.Advise(fd); return e != 0 ? -e : 0; }
                public static string Probe_open_nonblocking(string path) { Clear(); return DescriptorText(Check(Defaults.OpenNonBlocking(path)), 0); }
                public static string Probe_peek(int fd, int count, long offset) { byte[] b = new byte[count]; Clear(); return Text(Check(Bound.Peek(fd, b, offset)), b); }
            }
        }
        """;

    public const string LatestLibraryImport = """
        namespace HeldOut.Latest
        {
            public static class LatestLibraryImportProbes
            {
            }
        }
        """;
}
