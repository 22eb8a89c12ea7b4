// Tar extraction writes an entry with pwrite; on failure it unlinks the half-written file first and then throws with
// errno. unlink sets errno too (ENOENT if a concurrent clean removed it, 0 is not guaranteed either): the user sees
// "No such file" instead of ENOSPC and cannot tell that the disk is full.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round37.Errno.TarPwriteAfterUnlink;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public static unsafe class EntryWriter
{
    public static void WriteEntry(int fd, string path, byte[] data, long offset)
    {
        fixed (byte* p = data)
        {
            nint written = Native.PWrite(fd, p, (nuint)data.Length, offset);
            if (written < 0)
            {
                Native.Unlink(path);
                throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "pwrite", path);
            }
        }
    }
}
