// A directory walker reads entries with getdents64 on a descriptor per directory; when a read fails it first releases
// the directory (close(2), declared with SetLastError, through a helper that also counts open descriptors) and then
// builds the per-directory error from errno: the successful close saved 0, so the report says "errno 0" instead of
// ENOENT (a directory removed while it was walked) or EIO.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace Round27.Errno.GetdentsReleaseBeforeErrno;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    internal static unsafe partial nint GetDents64(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

public readonly record struct WalkError(string Path, int Errno);

public sealed class DirectoryReader
{
    private int _openDirectories;

    public int OpenDirectories => Volatile.Read(ref _openDirectories);

    public unsafe WalkError? ReadAll(int dirFd, string path, List<string> names)
    {
        Interlocked.Increment(ref _openDirectories);
        byte* buffer = stackalloc byte[8192];
        while (true)
        {
            nint n = Native.GetDents64(dirFd, buffer, 8192);
            if (n == 0)
            {
                Release(dirFd);
                return null;
            }

            if (n < 0)
            {
                Release(dirFd);
                return new WalkError(path, /*~ASYS1001*/Marshal.GetLastPInvokeError());
            }

            Dirents.Append(new ReadOnlySpan<byte>(buffer, (int)n), names);
        }
    }

    private void Release(int fd)
    {
        Native.Close(fd);
        Interlocked.Decrement(ref _openDirectories);
    }
}

internal static class Dirents
{
    /// <summary>linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).</summary>
    public static void Append(ReadOnlySpan<byte> entries, List<string> names)
    {
        int at = 0;
        while (at + 19 < entries.Length)
        {
            ushort length = BitConverter.ToUInt16(entries.Slice(at + 16, 2));
            ReadOnlySpan<byte> name = entries.Slice(at + 19, length - 19);
            int end = name.IndexOf((byte)0);
            string entry = Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
            if (entry is not "." and not "..")
            {
                names.Add(entry);
            }

            at += length;
        }
    }
}
