namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-second blind round (Durability.case, OldInterop.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno (a call returning its error number gives
/// -that number); a call that changes a file gives a summary of the file as text. Descriptors the probes make are closed by
/// the run; files live in the run's own temp directory.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentySecondRoundHelpers = """
                [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open_for_runs(string path, int flags, int mode);
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)] private static extern nint pwrite_for_runs(int fd, byte* buf, nuint count, long offset);
                [DllImport("libc", EntryPoint = "lseek", SetLastError = true)] private static extern long lseek_for_runs(int fd, long offset, int whence);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long ErrorNumber(long r) => r == 0 ? 0 : -r;
                private static SafeFileHandle Handle(int fd) => new SafeFileHandle((IntPtr)fd, ownsHandle: false);

                /// <summary>A small file's length and the start of its SHA-256, or "missing".</summary>
                public static string FileText(string path) =>
                    !System.IO.File.Exists(path) ? "missing"
                    : new System.IO.FileInfo(path).Length > (1 << 20) ? "size " + new System.IO.FileInfo(path).Length
                    : "size " + new System.IO.FileInfo(path).Length + " sha " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path))).Substring(0, 16);

                /// <summary>A new descriptor open read-write on <paramref name="path"/> (flags added), or -errno.</summary>
                public static long OpenWith(string path, int flags, int mode) { Clear(); return Check(open_for_runs(path, 2 | 0x80000 | flags, mode)); }
                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long WriteAt(int fd, byte[] data, long offset) { Clear(); fixed (byte* p = data) { return Check(pwrite_for_runs(fd, p, (nuint)data.Length, offset)); } }
                public static long Position(int fd) { Clear(); return Check(lseek_for_runs(fd, 0, 1)); }
                public static long SetPosition(int fd, long offset) { Clear(); return Check(lseek_for_runs(fd, offset, 0)); }
        """;

    public const string Durability = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Durability
        {
            public static unsafe class DurabilityProbes
            {
        """ + "\n" + TwentySecondRoundHelpers + "\n" + """

                public static long Probe_fdatasync(int fd) { Clear(); return Check(Flushes.fdatasync(Handle(fd))); }
                public static long Probe_syncfs(int fd) { Clear(); return Check(Flushes.syncfs((IntPtr)fd)); }
                public static long Probe_flush_range(int fd, long offset, long count) { Clear(); return Check(Flushes.FlushRange(fd, offset, count)); }
                public static long Probe_sync_directory(string path) { Clear(); return Check(Flushes.SyncDirectory(path)); }
                public static long Probe_punch_hole(int fd, long offset, long length) { Clear(); return Check(Space.PunchHole(Handle(fd), offset, length)); }
                public static long Probe_fallocate(int fd, uint mode, long offset, long length) { Clear(); return Check(Space.fallocate(fd, mode, offset, length)); }
                public static long Probe_reserve_stated(int fd, long length) => ErrorNumber(Space.ReserveStated(fd, length));
                public static long Probe_advise(int fd, long offset, long length, int advice) => ErrorNumber(Space.Advise(Handle(fd), offset, length, (Advice)advice));
                public static long Probe_drop_cache(int fd) => Space.DropCache(fd);
                public static long Probe_truncate(string path, long length) { Clear(); return Check(Space.Truncate(path, length)); }
                public static long Probe_rename_noreplace(string from, string to) { Clear(); return Check(Names.RenameNoReplace(from, to)); }
                public static long Probe_renameat2(string from, string to, uint flags)
                {
                    byte[] f = System.Text.Encoding.UTF8.GetBytes(from + "\0"), t = System.Text.Encoding.UTF8.GetBytes(to + "\0");
                    Clear();
                    fixed (byte* pf = f) fixed (byte* pt = t) { return Check(Names.renameat2(-100, pf, -100, pt, (RenameFlags)flags)); }
                }

                public static long Probe_publish_tmpfile(int fd, string target) { Clear(); return Check(Names.PublishTmpfile(fd, target)); }
                public static long Probe_lock_exclusive(int fd, bool wait) { Clear(); return Check(Positions.LockExclusive(Handle(fd), wait)); }
                public static long Probe_append_record(int fd, byte[] record) { Clear(); return Check(Transfers.AppendRecord(fd, record)); }
                public static long Probe_copy_file_range(int fdIn, int fdOut, ulong length) { Clear(); return Check(Transfers.copy_file_range(fdIn, IntPtr.Zero, fdOut, IntPtr.Zero, (nuint)length, 0)); }
                public static long Probe_clone_range(int srcFd, long srcOffset, long length, int destFd, long destOffset) { Clear(); return Check(Transfers.CloneRange(srcFd, srcOffset, length, destFd, destOffset)); }
                public static long Probe_fs_type(int fd) { Clear(); return Check(Transfers.FileSystemType(fd)); }
            }
        }
        """;

    public const string DurabilityLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Durability
        {
            public static unsafe class DurabilityLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_sync_file_range(int fd, long offset, long count, uint flags) { Marshal.SetLastPInvokeError(0); return Check(Flushes.SyncFileRange(new SafeFileHandle((IntPtr)fd, false), offset, count, (SyncRangeFlags)flags)); }
                public static long Probe_fallocate64(int fd, int mode, long offset, long length) { Marshal.SetLastPInvokeError(0); return Check(Space.Fallocate64(fd, (FallocateMode)mode, offset, length)); }
                public static long Probe_ftruncate(int fd, long length) { Marshal.SetLastPInvokeError(0); return Check(Space.ftruncate(fd, (nint)length)); }
                public static long Probe_linkat(int olddirfd, string oldpath, int newdirfd, string newpath, int flags) { Marshal.SetLastPInvokeError(0); return Check(Names.linkat(olddirfd, oldpath, newdirfd, newpath, flags)); }
                public static long Probe_seek(int fd, long offset, int whence) { Marshal.SetLastPInvokeError(0); return Check(Positions.Seek(new SafeFileHandle((IntPtr)fd, false), (nint)offset, (Whence)whence)); }
                public static long Probe_pwritev2(int fd, byte[] first, byte[] second, long offset, int flags)
                {
                    fixed (byte* a = first) fixed (byte* b = second)
                    {
                        Iovec* iov = stackalloc Iovec[2];
                        iov[0] = new Iovec { Base = (nint)a, Length = (nuint)first.Length };
                        iov[1] = new Iovec { Base = (nint)b, Length = (nuint)second.Length };
                        Marshal.SetLastPInvokeError(0);
                        return Check(Transfers.pwritev2(fd, iov, 2, offset, (RwfFlags)flags));
                    }
                }
            }
        }
        """;

    public const string OldInterop = """
        using System;
        using System.Runtime.InteropServices;
        using System.Text;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.OldInterop
        {
            public static unsafe class OldInteropProbes
            {
        """ + "\n" + TwentySecondRoundHelpers + "\n" + """

                /// <summary>The stale last P/Invoke error a body reads after an import without SetLastError: set here to a marker first.</summary>
                public static long Probe_read_at(int fd, byte[] buffer, long offset, int staleMarker) { Marshal.SetLastPInvokeError(staleMarker); Marshal.SetLastSystemError(0); return LastError.ReadAt(fd, buffer, offset); }
                public static long Probe_flush(int fd, int staleMarker) { Marshal.SetLastPInvokeError(staleMarker); Marshal.SetLastSystemError(0); return ErrorNumber(LastError.Flush(Handle(fd))); }
                public static long Probe_flush_checked(int fd) { Clear(); return ErrorNumber(LastError.FlushChecked(Handle(fd))); }
                public static long Probe_ftruncate(int fd, long length) { Clear(); long r = LastError.ftruncate(fd, length); return r < 0 ? -Marshal.GetLastSystemError() : r; }
                public static long Probe_read_at64(int fd, byte[] buffer, long offset) { Clear(); return Check((long)Aliases.ReadAt64((IntPtr)fd, buffer, (UIntPtr)buffer.Length, offset)); }
                public static long Probe_fstat(int ver, int fd, out long size) { Clear(); long r = Check(Aliases.FStat(ver, fd, out Stat64 st)); size = st.Size; return r; }
                public static long Probe_read_private(int fd, byte[] buffer, long offset) { Clear(); return Check(Aliases.ReadPrivateStated(fd, buffer, (nuint)buffer.Length, offset)); }
                public static long Probe_statfs64(string path, long buffer) { Clear(); return Check(Aliases.StatFs(path, (IntPtr)buffer)); }
                public static long AllocZeroed(int size) { IntPtr p = Marshal.AllocHGlobal(size); new Span<byte>((void*)p, size).Clear(); return (long)p; }
                public static long ReadLong(long address) => *(long*)address;
                public static long Probe_readlink(string path, int capacity, out string text) { StringBuilder sb = new StringBuilder(capacity); Clear(); long r = Check((long)Aliases.readlink(path, sb, (IntPtr)capacity)); text = r > 0 ? sb.ToString(0, (int)Math.Min(r, sb.Length)) : ""; return r; }
                public static long Probe_write_at(int fd, byte[] data, uint offset) { Clear(); return Check(Sizes.WriteAt(fd, ref data[0], (uint)data.Length, offset)); }
                public static long Probe_read_into(int fd, byte[] buffer, long offset) { Clear(); return Check(Sizes.ReadInto(fd, ref buffer[0], buffer.Length, offset)); }
                public static long Probe_pwrite(int fd, byte[] data, long offset) { Clear(); fixed (byte* p = data) { return Check((long)Sizes.pwrite((IntPtr)fd, (IntPtr)p, (UIntPtr)data.Length, (IntPtr)offset)); } }
                public static long Probe_pread(int fd, byte[] buffer, ulong offset) { Clear(); fixed (byte* p = buffer) { return Check((long)Sizes.pread(fd, p, (ulong)buffer.Length, offset)); } }
                public static long Probe_lseek(int fd, int offset, int whence) { Clear(); return Check(Sizes.lseek(fd, offset, whence)); }
                public static long Probe_posix_fadvise(int fd, long offset, long length, uint advice) => ErrorNumber(Sizes.posix_fadvise(fd, offset, length, advice));
                public static long Probe_fdatasync(int fd) { Clear(); return Check(MultiTarget.fdatasync(fd)); }
                public static long Probe_pwrite_pair(int fd, byte[] data, long offset) { Clear(); return Check(MultiTarget.PWrite(Handle(fd), data, (nuint)data.Length, offset)); }
                public static long Probe_nested_fdatasync(int fd) { Clear(); return Check(StorageEnvironment.Syscall.fdatasync((IntPtr)fd)); }
                public static long Probe_nested_fallocate(int fd, int mode, long offset, long length) { Clear(); return Check(Pager.Native.fallocate((IntPtr)fd, mode, (IntPtr)offset, (IntPtr)length)); }
                public static long Probe_nested_fadvise(int fd, ulong offset, ulong length, int advice) => ErrorNumber(Journal.Io.posix_fadvise(Handle(fd), offset, length, advice));
            }
        }
        """;
}
