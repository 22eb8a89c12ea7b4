namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the eighteenth blind round (Allocations.case, Transfers.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives -that
/// number. Memory the call hands back is read and freed at once and given as text ("E" and the errno for a failure, "end" for
/// getline's end of file, which is -1 with errno untouched). Descriptors the probes receive or make are closed by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Allocations = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Allocations
        {
            public static unsafe class AllocationsProbes
            {
                [DllImport("libc", EntryPoint = "free")] private static extern void free_for_runs(nint p);
                [DllImport("libc", EntryPoint = "fopen", SetLastError = true)] private static extern nint fopen_for_runs(string path, string mode);
                [DllImport("libc", EntryPoint = "fclose")] private static extern int fclose_for_runs(nint stream);
                [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] private static extern int socketpair_for_runs(int domain, int type, int protocol, int* sv);
                [DllImport("libc", EntryPoint = "sendmsg", SetLastError = true)] private static extern nint sendmsg_for_runs(int fd, MsgHdr* msg, int flags);
                [DllImport("libc", EntryPoint = "close")] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd);
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "setxattr", SetLastError = true)] private static extern int setxattr_for_runs(string path, string name, byte[] value, nuint size, int flags);
                [DllImport("libc", EntryPoint = "freelocale")] private static extern void freelocale_for_runs(nint locale);
                [DllImport("libc", EntryPoint = "getline")] private static extern nint getline_for_runs(ref nint line, ref nuint size, nint stream);

                private static string Text(nint p, int errno) => p == 0 ? "E" + errno : TakeText(p);
                public static string TakeText(nint p) { try { return Marshal.PtrToStringUTF8(p) ?? "(null)"; } finally { free_for_runs(p); } }
                public static string Probe_take_text(long p) => p == 0 ? "(null)" : TakeText((nint)p);
                public static long Probe_close(int fd) => close_for_runs(fd);
                public static long Probe_getfd(int fd) { int r = fcntl_for_runs(fd, 1); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_open(string path, int flags) { int r = open_for_runs(path, flags); return r < 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_setxattr(string path, string name, string value) { byte[] v = Encoding.ASCII.GetBytes(value); return setxattr_for_runs(path, name, v, (nuint)v.Length, 0) < 0 ? -Marshal.GetLastPInvokeError() : 0; }
                public static long Probe_alloc_zeroed(int bytes) => (nint)NativeMemory.AllocZeroed((nuint)bytes);
                public static long Probe_free_native(long p) { NativeMemory.Free((void*)p); return 0; }
                public static long Probe_read_cell(long p) => *(long*)p;
                public static long Probe_fopen(string path) { nint f = fopen_for_runs(path, "re"); return f == 0 ? -Marshal.GetLastPInvokeError() : f; }
                public static long Probe_fclose(long stream) => fclose_for_runs((nint)stream);
                public static long Probe_free_cell_pointer(long cells) { free_for_runs(*(nint*)cells); *(nint*)cells = 0; return 0; }
                public static long Probe_freelocale(long locale) { freelocale_for_runs((nint)locale); return 0; }

                public static string Probe_canonicalize(string path) => Text(Paths.canonicalize_file_name(path), Marshal.GetLastPInvokeError());
                public static string Probe_canonical_text(string path) => Paths.CanonicalText(path) ?? "E" + Marshal.GetLastPInvokeError();
                public static string Probe_canonical_into(string path) => Paths.CanonicalInto(path, out string? s) < 0 ? "E" + Marshal.GetLastPInvokeError() : s ?? "(null)";
                public static string Probe_get_current_dir_name() => Text(Paths.get_current_dir_name(), Marshal.GetLastPInvokeError());
                public static string Probe_getcwd_allocated(long size) => Text(Paths.GetCwdAllocated(0, (nuint)size), Marshal.GetLastPInvokeError());

                public static string Probe_strdup(string s) => Text(Strings.strdup(s), Marshal.GetLastPInvokeError());
                public static string Probe_asprintf(string format, string name, int value) { int n = Strings.asprintf(out nint p, format, name, value); return n < 0 ? "E" + Marshal.GetLastPInvokeError() : n + ":" + TakeText(p); }
                public static string? Probe_describe(string name, int value) => Strings.Describe(name, value);
                public static long Probe_free(long p) { Strings.Free((nint)p); return 0; }
                public static long Probe_strdup_raw(string s) => Strings.strdup(s);

                /// <summary>getline through two native cells (the line pointer at 0, its size at 8): "n:text:size", "end" or "E" and errno.</summary>
                public static string Probe_getline_at(long cells, long stream)
                {
                    nint n = Lines.GetLineAt((nint)cells, (nint)cells + 8, (nint)stream);
                    int errno = Marshal.GetLastPInvokeError();
                    return n >= 0 ? LineText(cells, n) : errno == 0 ? "end" : "E" + errno;
                }

                public static string LineText(long cells, long n) => n + ":" + Marshal.PtrToStringUTF8(*(nint*)cells, (int)n) + ":" + (*(nuint*)(cells + 8) > 0 ? "sized" : "size 0");
                public static long Probe_fdopen(int fd, string mode) { nint f = Lines.fdopen(fd, mode); return f == 0 ? -Marshal.GetLastPInvokeError() : f; }
                public static string Probe_read_stream_line(long stream) { nint line = 0; nuint size = 0; nint n = getline_for_runs(ref line, ref size, (nint)stream); string text = n < 0 ? "end" : Marshal.PtrToStringUTF8(line, (int)n); free_for_runs(line); return text; }
                public static string Probe_read_fields(string path, int delimiter) { int n = Lines.ReadFields(path, delimiter, out List<string> fields); return n < 0 ? "E" + -n : n + ":" + string.Join("|", fields); }

                public static string Probe_mkdtemp(byte[] template) { nint p = Templates.mkdtemp(template); return p == 0 ? "E" + Marshal.GetLastPInvokeError() : "set"; }
                public static string Probe_make_directory(StringBuilder template) { nint p = Templates.MakeDirectory(template); return p == 0 ? "E" + Marshal.GetLastPInvokeError() : "set"; }
                public static long Probe_mkstemp(byte[] template) { int fd = Templates.mkstemp(template); return fd < 0 ? -Marshal.GetLastPInvokeError() : fd; }

                public static long Probe_getxattr(string path, string name, byte[]? value) { nint n = Sizes.getxattr(path, name, value, value is null ? 0 : (nuint)value.Length); return n < 0 ? -Marshal.GetLastPInvokeError() : n; }
                public static string Probe_read_attribute(string path, string name) => Sizes.ReadAttribute(path, name, out byte[]? v) < 0 ? "E" + Marshal.GetLastPInvokeError() : Encoding.ASCII.GetString(v!);
                public static long Probe_getgroups_query(int size, uint[]? list) { int n = Sizes.GetGroupsQuery(size, list); return n < 0 ? -Marshal.GetLastPInvokeError() : n; }
                public static string Probe_groups() => Sizes.Groups(out uint[] g) < 0 ? "E" + Marshal.GetLastPInvokeError() : g.Length + ":" + string.Join(",", g);
                public static long Probe_confstr(int name, byte[] buffer) { nuint n; fixed (byte* b = buffer) n = Sizes.ConfStr(name, buffer.Length == 0 ? null : b, (nuint)buffer.Length); int e = Marshal.GetLastPInvokeError(); return n == 0 && e != 0 ? -e : (long)n; }
                public static string Probe_conf_text(int name) => Sizes.ConfText(name) ?? "(null)";
                public static string Probe_read_link_at(int dirfd, string path) => Sizes.ReadLinkAt(dirfd, path, out string? t) < 0 ? "E" + Marshal.GetLastPInvokeError() : t ?? "(null)";

                /// <summary>A connected AF_UNIX stream pair: the first descriptor in the low 32 bits, the second in the high.</summary>
                public static long Probe_socketpair() { int* sv = stackalloc int[2]; if (socketpair_for_runs(1, 1 | 0x80000, 0, sv) < 0) return -Marshal.GetLastPInvokeError(); return (uint)sv[0] | ((long)sv[1] << 32); }

                /// <summary>Sends "h18" with <paramref name="count"/> descriptors of /dev/null (SCM_RIGHTS), then closes its own copies.</summary>
                public static long Probe_send_descriptors(int socket, int count)
                {
                    byte* control = stackalloc byte[64];
                    new Span<byte>(control, 64).Clear();
                    int* fds = stackalloc int[count];
                    for (int i = 0; i < count; i++) fds[i] = open_for_runs("/dev/null", 0x80000);
                    *(nuint*)control = (nuint)(16 + 4 * count);
                    *(int*)(control + 8) = 1;
                    *(int*)(control + 12) = 1;
                    for (int i = 0; i < count; i++) ((int*)(control + 16))[i] = fds[i];
                    byte* data = stackalloc byte[3] { (byte)'h', (byte)'1', (byte)'8' };
                    IoVec iov = new IoVec { Base = (nint)data, Length = 3 };
                    MsgHdr msg = new MsgHdr { Iov = (nint)(&iov), IovLength = 1, Control = (nint)control, ControlLength = (nuint)((16 + 4 * count + 7) & ~7) };
                    nint sent = sendmsg_for_runs(socket, &msg, 0);
                    int errno = Marshal.GetLastPInvokeError();
                    for (int i = 0; i < count; i++) close_for_runs(fds[i]);
                    return sent < 0 ? -errno : sent;
                }

                public static long Probe_receive_descriptors(int socket, byte[] data, int[] fds) { nint n = Received.ReceiveWithDescriptors(socket, data, fds, out int count); return n < 0 ? -Marshal.GetLastPInvokeError() : n * 100 + count; }
                public static SafeFileHandle[]? Probe_receive_handles(int socket) => Received.ReceiveHandles(socket, out SafeFileHandle[] h) < 0 ? null : h;

                public static long Probe_locale_or_global(string? name) { nint l = LocaleObjects.LocaleOrGlobal(name); return l == 0 ? -Marshal.GetLastPInvokeError() : l; }
            }
        }
        """;

    public const string AllocationsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Allocations
        {
            public static unsafe class AllocationsLibraryImportProbes
            {
                [DllImport("libc", EntryPoint = "free")] private static extern void free_for_runs(nint p);
                public static string Probe_strndup(string s, long n) { nint p = Strings.strndup(s, (nuint)n); if (p == 0) return "E" + Marshal.GetLastPInvokeError(); try { return Marshal.PtrToStringUTF8(p) ?? "(null)"; } finally { free_for_runs(p); } }
                public static long Probe_listxattr(string path, byte[] list) { nint n; fixed (byte* l = list) n = Sizes.listxattr(path, list.Length == 0 ? null : l, (nuint)list.Length); return n < 0 ? -Marshal.GetLastPInvokeError() : n; }
                public static long Probe_readlinkat(int dirfd, string path, byte[] buffer) { nint n = Sizes.readlinkat(dirfd, path, buffer, (nuint)buffer.Length); return n < 0 ? -Marshal.GetLastPInvokeError() : n; }
            }
        }
        """;

    public const string Transfers = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        using System.Text;
        namespace HeldOut.Transfers
        {
            public static unsafe class TransfersProbes
            {
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "close")] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_close(int fd) => close_for_runs(fd);
                public static long Probe_open(string path, int flags) => Check(open_for_runs(path, flags));
                public static long Probe_pipe() { int* fds = stackalloc int[2]; if (pipe2_for_runs(fds, 0x80000 | 0x800) < 0) return -Marshal.GetLastPInvokeError(); return (uint)fds[0] | ((long)fds[1] << 32); }
                public static long Probe_write_text(int fd, string text) { byte[] b = Encoding.ASCII.GetBytes(text); fixed (byte* p = b) return Check(write_for_runs(fd, p, (nuint)b.Length)); }
                public static string Probe_read_text(int fd) { byte[] b = new byte[256]; nint n; fixed (byte* p = b) n = read_for_runs(fd, p, 256); return n < 0 ? "E" + Marshal.GetLastPInvokeError() : Encoding.ASCII.GetString(b, 0, (int)n); }
                public static long Probe_alloc_cell(long value) { long* p = (long*)NativeMemory.Alloc(8); *p = value; return (nint)p; }
                public static long Probe_read_cell(long p) => *(long*)p;
                public static long Probe_free_native(long p) { NativeMemory.Free((void*)p); return 0; }
                public static object How(ulong flags, ulong resolve) => new OpenHow { Flags = flags, Resolve = resolve };
                public static byte[] HowBytes(ulong flags, ulong resolve) { byte[] b = new byte[24]; BitConverter.TryWriteBytes(b.AsSpan(0), flags); BitConverter.TryWriteBytes(b.AsSpan(16), resolve); return b; }

                public static long Probe_statx_ref(string path) { Statx s = default; return Stats.StatxRef(-100, path, 0, 0xFFF, ref s) < 0 ? -Marshal.GetLastPInvokeError() : (long)s.Size; }
                public static long Probe_openat2(int dirfd, string path, ulong flags, ulong resolve) { OpenHow how = new OpenHow { Flags = flags, Resolve = resolve }; return Check(Opening.OpenAt2(437, dirfd, path, &how, 24)); }
                public static long Probe_openat2_in(int dirfd, string path, ulong flags, ulong resolve) { OpenHow how = new OpenHow { Flags = flags, Resolve = resolve }; return Check(Opening.OpenAt2In(437, dirfd, path, in how, 24)); }

                public static long Probe_splice(int fdIn, long offIn, int fdOut, long offOut, long len) => Check(Moves.splice(fdIn, (nint)offIn, fdOut, (nint)offOut, (nuint)len, 0));
                public static long Probe_copy_file_range(int fdIn, long offIn, int fdOut, long offOut, long len) => Check(Moves.copy_file_range(fdIn, (nint)offIn, fdOut, (nint)offOut, (nuint)len, 0));
                public static long Probe_tee(int fdIn, int fdOut, long len) => Check(Moves.tee(fdIn, fdOut, (nint)len, 0));
                public static long Probe_splice_values(int fdIn, long offIn, int fdOut, long offOut, long len) => Check(Moves.SpliceValues(fdIn, offIn, fdOut, offOut, (nuint)len, 0));

                public static long Probe_fallocate(int fd, int mode, long offset, long len) => Check(Space.fallocate(fd, mode, offset, len));
                public static long Probe_fallocate_enum(int fd, int mode, long offset, long len) => Check(Space.Fallocate(fd, (FallocateMode)mode, offset, len));

                public static long Probe_getdents64(int fd, byte[] buffer) { fixed (byte* b = buffer) return Check(Listing.getdents64(fd, b, (nuint)buffer.Length)); }
                public static string Probe_read_names(int fd, int scratch) { var names = new List<string>(); int n = Listing.ReadNames(fd, new byte[scratch], names); names.Sort(StringComparer.Ordinal); return n < 0 ? "E" + Marshal.GetLastPInvokeError() : n + ":" + string.Join(",", names); }
                public static long Probe_read(int fd, byte[] buffer) => Check(Buffers.read(fd, buffer, (nuint)buffer.Length));
                public static long Probe_gethostname(StringBuilder name, long len) => Check(Buffers.gethostname(name, (nuint)len));
                public static long Probe_read_at_no_last_error(int fd, byte[] buffer, long offset) { int n = Buffers.ReadAtNoLastError(fd, buffer, offset); return n < 0 ? -Marshal.GetLastSystemError() : n; }
                public static long Probe_read_at_negative(int fd, byte[] buffer, long offset) => Buffers.ReadAtNegative(fd, buffer, offset);
            }
        }
        """;

    public const string TransfersLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Transfers
        {
            public static unsafe class TransfersLibraryImportProbes
            {
                public static long Probe_statx_size(string path) { Statx s = default; return Stats.statx(-100, path, 0, 0xFFF, &s) < 0 ? -Marshal.GetLastPInvokeError() : (long)s.Size; }
                public static long Probe_posix_fadvise(SafeFileHandle fd, long offset, long len, int advice) => -Space.PosixFadvise(fd, offset, len, advice);
            }
        }
        """;
}
