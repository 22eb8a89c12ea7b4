// The same lister with a buffer rented from the shared ArrayPool for each listing and returned when it ends: the
// buffer belongs to this call, whichever thread the method resumes on after each getdents64.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.DirListerRentedBuffer;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, byte* buffer, nuint count);
}

public sealed class DirectoryLister
{
    public async Task<List<string>> ListAsync(int dirFd, CancellationToken ct)
    {
        var names = new List<string>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                nint n = await Native.GetDents64Async(dirFd, buffer, ct);
                if (n <= 0)
                {
                    return names;
                }

                DirentParser.AppendNames(buffer, (int)n, names);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

internal static class DirentParser
{
    // linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name (NUL-terminated).
    public static void AppendNames(byte[] buffer, int length, List<string> names)
    {
        for (int at = 0; at < length;)
        {
            ushort recordLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(at + 16, 2));
            int end = System.Array.IndexOf(buffer, (byte)0, at + 19);
            string name = Encoding.UTF8.GetString(buffer, at + 19, end - (at + 19));
            if (name is not "." and not "..")
            {
                names.Add(name);
            }

            at += recordLength;
        }
    }
}
