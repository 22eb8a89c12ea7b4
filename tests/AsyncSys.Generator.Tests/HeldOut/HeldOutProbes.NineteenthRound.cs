namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the nineteenth blind round (Devices.case, Controls.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. A call that writes one value gives that value
/// (or -errno when it fails); a call that writes a struct or a buffer gives a summary as text ("E" and the errno for a
/// failure). Descriptors the probes open are closed by the run.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Devices = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Devices
        {
            public static unsafe class DevicesProbes
            {
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "socket", SetLastError = true)] private static extern int socket_for_runs(int domain, int type, int protocol);
                [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)] private static extern int posix_openpt_for_runs(int flags);
                [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)] private static extern int ioctl_for_runs(int fd, ulong request, void* argument);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Value(int r, long value) => r < 0 ? -Marshal.GetLastPInvokeError() : value;
                public static long Probe_open(string path, int flags) => Check(open_for_runs(path, flags | 0x80000));
                public static long Probe_udp_socket() => Check(socket_for_runs(2, 2 | 0x80000, 0));
                public static long Probe_open_pty() => Check(posix_openpt_for_runs(2 | 0x100 | 0x80000));
                public static long Probe_winsize(int fd) { Winsize ws = default; return Value(ioctl_for_runs(fd, 0x5413, &ws), ws.Rows * 1000L + ws.Columns); }
                public static object Range(ulong offset, ulong length) => new DiscardRange { Offset = offset, Length = length };
                public static object CloneRangeOf(long srcFd, ulong offset, ulong length, ulong dest) => new FileCloneRange { SrcFd = srcFd, SrcOffset = offset, SrcLength = length, DestOffset = dest };
                public static object WinsizeOf(int rows, int columns) => new Winsize { Rows = (ushort)rows, Columns = (ushort)columns };
                public static byte[] IfReqBytes(string name) { byte[] b = new byte[40]; Encoding.ASCII.GetBytes(name).CopyTo(b, 0); return b; }

                /// <summary>A fiemap request for up to four extents of the whole file, synced first.</summary>
                public static byte[] FiemapRequest() { byte[] b = new byte[32 + 56 * 4]; BitConverter.TryWriteBytes(b.AsSpan(8), ulong.MaxValue); BitConverter.TryWriteBytes(b.AsSpan(16), 1u); BitConverter.TryWriteBytes(b.AsSpan(24), 4u); return b; }

                /// <summary>What the kernel wrote into a fiemap request: the mapped count, and each extent's logical offset, length and flags (not the physical block: each side has its own file).</summary>
                public static string FiemapText(byte[] b)
                {
                    uint mapped = BitConverter.ToUInt32(b, 20);
                    var text = new StringBuilder("mapped " + mapped);
                    for (int i = 0; i < mapped && i < 4; i++)
                    {
                        int at = 32 + 56 * i;
                        text.Append(" [" + BitConverter.ToUInt64(b, at) + "+" + BitConverter.ToUInt64(b, at + 16) + " flags " + BitConverter.ToUInt32(b, at + 40) + "]");
                    }

                    return text.ToString();
                }

                public static string ExtentsText(Array extents, long mapped)
                {
                    var text = new StringBuilder("mapped " + mapped);
                    for (int i = 0; i < mapped && i < extents.Length; i++)
                    {
                        FiemapExtent e = (FiemapExtent)extents.GetValue(i)!;
                        text.Append(" [" + e.Logical + "+" + e.Length + " flags " + e.Flags + "]");
                    }

                    return text.ToString();
                }

                public static long Probe_getsize64(int fd) => Value(BlockDevices.ioctl(fd, Requests.BLKGETSIZE64, out ulong size), (long)size);
                public static long Probe_sector_size(SafeHandle fd) => Value(BlockDevices.SectorSize(fd, (uint)Requests.BLKSSZGET, out int size), size);
                public static long Probe_size_of(SafeFileHandle fd) => Check(BlockDevices.SizeOf(fd));
                public static long Probe_discard(int fd, ulong offset, ulong length) => Check(BlockDevices.Discard(fd, Requests.BLKDISCARD, new[] { offset, length }));
                public static long Probe_discard_in(int fd, ulong offset, ulong length) { DiscardRange range = new DiscardRange { Offset = offset, Length = length }; return Check(BlockDevices.DiscardIn(fd, Requests.BLKDISCARD, in range)); }
                public static long Probe_discard_region(int fd, ulong offset, ulong length) => Check(BlockDevices.DiscardRegion(fd, offset, length));
                public static long Probe_configure_loop(int loopFd, int backingFd) => Check(BlockDevices.ConfigureLoop(loopFd, backingFd, 0));

                public static string Probe_fiemap(int fd) { byte[] b = FiemapRequest(); return Extents.ioctl(fd, Requests.FS_IOC_FIEMAP, b) < 0 ? "E" + Marshal.GetLastPInvokeError() : FiemapText(b); }
                public static string Probe_map_extents(int fd) { FiemapExtent[] e = new FiemapExtent[4]; return Extents.MapExtents(fd, 0, ulong.MaxValue, e, out uint mapped) < 0 ? "E" + Marshal.GetLastPInvokeError() : ExtentsText(e, mapped); }

                public static long Probe_getflags(int fd) => Value(InodeFlags.ioctl(fd, (nuint)Requests.FS_IOC_GETFLAGS, out int flags), flags);
                public static long Probe_getflags_long(int fd) { long flags = 0; return Value(InodeFlags.GetFlagsLong(fd, (nuint)Requests.FS_IOC_GETFLAGS, &flags), flags); }
                public static long Probe_setflags_in(int fd, int flags) => Check(InodeFlags.SetFlagsIn(fd, (nuint)Requests.FS_IOC_SETFLAGS, in flags));
                public static long Probe_setflags(int fd, int flags) => Check(InodeFlags.SetFlags(fd, flags));
                public static long Probe_block_size(int fd) => Value(InodeFlags.BlockSize(fd, Requests.FIGETBSZ, out int size), size);

                public static long Probe_ficlone(int dest, int src) => Check(Clones.ioctl(dest, Requests.FICLONE, src));
                public static long Probe_ficlonerange_in(int dest, int src) { FileCloneRange r = new FileCloneRange { SrcFd = src, SrcLength = 4096 }; return Check(Clones.CloneRangeIn(dest, Requests.FICLONERANGE, in r)); }
                public static long Probe_ficlonerange_ref_readonly(int dest, int src) { FileCloneRange r = new FileCloneRange { SrcFd = src, SrcLength = 4096 }; return Check(Clones.CloneRangeRefReadonly(dest, Requests.FICLONERANGE, in r)); }
                public static long Probe_clone_range(int dest, int src) => Check(Clones.CloneRange(dest, src, 0, 4096, 0));

                public static long Probe_set_window_size(int fd, int rows, int columns) { Winsize ws = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns }; return Check(Terminal.SetWindowSize(fd, Requests.TIOCSWINSZ, in ws)); }
                public static long Probe_resize(int fd, int rows, int columns) { Winsize ws = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns }; return Check(Terminal.Resize(fd, in ws)); }

                public static long Probe_address_of(int socket, string name) => Value(Interfaces.AddressOf(socket, name, out uint address), address);
                public static long Probe_index_of(int socket, string name) { byte[] b = IfReqBytes(name); fixed (byte* p = b) return Value(Interfaces.ioctl(socket, Requests.SIOCGIFINDEX, (nint)p), BitConverter.ToInt32(b, 16)); }
                public static long Probe_tunsetiff(int fd, short flags) { byte[] b = new byte[40]; BitConverter.TryWriteBytes(b.AsSpan(16), flags); return Check(Interfaces.TunSetIff(fd, Requests.TUNSETIFF, b)); }
            }
        }
        """;

    public const string DevicesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Devices
        {
            public static unsafe class DevicesLibraryImportProbes
            {
                public static long Probe_device_size(SafeFileHandle fd) { ulong size = 0; return BlockDevices.DeviceSize(fd, (nuint)Requests.BLKGETSIZE64, &size) < 0 ? -Marshal.GetLastPInvokeError() : (long)size; }
                public static string Probe_map_in_out(int fd) { byte[] b = DevicesProbes.FiemapRequest(); return Extents.MapInOut(fd, (nuint)Requests.FS_IOC_FIEMAP, b) < 0 ? "E" + Marshal.GetLastPInvokeError() : DevicesProbes.FiemapText(b); }
            }
        }
        """;

    public const string Controls = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Controls
        {
            public static unsafe class ControlsProbes
            {
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)] private static extern int memfd_create_for_runs(string name, uint flags);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)] private static extern int ioctl_for_runs(int fd, ulong request, void* argument);
                [DllImport("libc", EntryPoint = "posix_openpt", SetLastError = true)] private static extern int posix_openpt_for_runs(int flags);
                [DllImport("libc", EntryPoint = "free")] private static extern void free_for_runs(nint p);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_open(string path, int flags) => Check(open_for_runs(path, flags | 0x80000));
                public static long Probe_pipe(int[] fds) { int* p = stackalloc int[2]; int r = pipe2_for_runs(p, 0x80000); fds[0] = p[0]; fds[1] = p[1]; return Check(r); }
                public static long Probe_memfd(string name, uint flags) => Check(memfd_create_for_runs(name, flags | 1));
                public static long Probe_fcntl(int fd, int cmd, int arg) => Check(fcntl_for_runs(fd, cmd, arg));
                public static long Probe_open_pty() => Check(posix_openpt_for_runs(2 | 0x100 | 0x80000));
                public static long Probe_set_winsize(int fd, int rows, int columns) { Winsize ws = new Winsize { Rows = (ushort)rows, Columns = (ushort)columns }; return Check(ioctl_for_runs(fd, 0x5414, &ws)); }
                public static long Probe_lock_memory(int type, long start, long length) { Flock* f = (Flock*)NativeMemory.AllocZeroed((nuint)sizeof(Flock)); f->Type = (short)type; f->Start = start; f->Length = length; return (nint)f; }
                public static long Probe_free_native(long p) { NativeMemory.Free((void*)p); return 0; }
                public static object FlockOf(int type, long start, long length) => new Flock { Type = (short)type, Start = start, Length = length };
                public static object LockRequestOf(bool exclusive, long start, long length) => new LockRequest { Exclusive = exclusive, Start = start, Length = length };
                public static long Probe_set_root(string root) { SandboxPathMarshaller.Root = root; return 0; }

                /// <summary>A new descriptor as the run compares it: at least the minimum asked, with FD_CLOEXEC; closed here.</summary>
                public static string DescriptorText(SafeFileHandle handle, int minimum)
                {
                    using (handle)
                    {
                        int fd = (int)handle.DangerousGetHandle();
                        int flags = fcntl_for_runs(fd, 1, 0);
                        return (fd >= minimum ? "at least " + minimum : "below " + minimum + " (" + fd + ")") + ((flags & 1) != 0 ? ", close-on-exec" : ", inherited");
                    }
                }

                public static long Probe_set_status(int fd, int cmd, long arg) => Check(Status.SetStatus(fd, cmd, arg));
                public static long Probe_pipe_size(int fd, int cmd, uint size) => Check(Status.PipeSize(fd, cmd, size));
                public static long Probe_add_seals(int fd, int cmd, uint seals) => Check(Status.AddSeals(fd, cmd, seals));
                public static string Probe_dupfd(int fd, int minimum) { SafeFileHandle h = Duplicates.fcntl(fd, Commands.F_DUPFD_CLOEXEC, minimum); int errno = Marshal.GetLastPInvokeError(); if (h.IsInvalid) { h.SetHandleAsInvalid(); return "E" + errno; } return DescriptorText(h, minimum); }
                public static string Probe_duplicate(SafeFileHandle fd, int minimum) { SafeFileHandle h = Duplicates.Duplicate(fd, minimum); int errno = Marshal.GetLastPInvokeError(); if (h.IsInvalid) { h.SetHandleAsInvalid(); return "E" + errno; } return DescriptorText(h, minimum); }
                public static long Probe_lock_nint(int fd, int cmd, long lk) => Check(Locks.fcntl(fd, cmd, (nint)lk));
                public static long Probe_lock_fast(int fd, int cmd, long lk) => Check(Locks.LockFast(fd, cmd, (nint)lk));
                public static long Probe_flock(int fd, int operation) => Check(Locks.flock(fd, operation));
                public static long Probe_block_file_size(int fd) { BlockFile f = new BlockFile(fd); return f.BlockSize(out int size) < 0 ? -Marshal.GetLastPInvokeError() : size; }
                public static long Probe_statx_size(string path) { Statx s = default; return Leftovers.statx(-100, path, 0, 0xFFF, &s) < 0 ? -Marshal.GetLastPInvokeError() : (long)s.Size; }
                public static string Probe_getcwd_null(long size) { nint p = Leftovers.getcwd(0, (nuint)size); if (p == 0) return "E" + Marshal.GetLastPInvokeError(); try { return Marshal.PtrToStringUTF8(p) ?? "(null)"; } finally { free_for_runs(p); } }
                public static string Probe_take_text(long p) { if (p == 0) return "(null)"; try { return Marshal.PtrToStringUTF8((nint)p) ?? "(null)"; } finally { free_for_runs((nint)p); } }
            }
        }
        """;

    public const string ControlsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Controls
        {
            public static unsafe class ControlsLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_fcntl_two(SafeFileHandle fd, int cmd) => Check(Status.fcntl(fd, cmd));
                public static long Probe_lock_in(int fd, int cmd, int type, long start, long length) { Flock f = new Flock { Type = (short)type, Start = start, Length = length }; return Check(Locks.LockIn(fd, cmd, in f)); }
                public static long Probe_lock_request(int fd, int cmd, bool exclusive, long start, long length) => Check(Locks.Lock(fd, cmd, new LockRequest { Exclusive = exclusive, Start = start, Length = length }));
                public static long Probe_open_in_sandbox(string path, int flags) => Check(Marshalled.OpenInSandbox(path, flags | 0x80000));
                public static long Probe_window_size(int fd) => Marshalled.WindowSizeOf(fd, 0x5413, out WindowSize ws) < 0 ? -Marshal.GetLastPInvokeError() : ws.Rows * 1000L + ws.Columns;
                public static string Probe_read_block(int fd, int count, long offset) { using NativeBlock b = new NativeBlock(count); nint n = Marshalled.ReadBlock(fd, b, (nuint)count, offset); return n < 0 ? "E" + Marshal.GetLastPInvokeError() : n + ":" + Convert.ToHexString(b.ToArray(), 0, (int)n); }
                public static long Probe_device_block_size(DeviceHandle device) => Marshalled.BlockSizeOf(device, 2, out int size) < 0 ? -Marshal.GetLastPInvokeError() : size;
            }
        }
        """;
}
