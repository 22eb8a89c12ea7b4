// A sync tool lists directories with the generated worker variant of getdents64, reading into "this thread's"
// 64 KiB dirent buffer from a ThreadLocal<byte[]> so that a tree walk does not allocate per directory. The buffer is
// taken once, before the loop; after the first await the method continues on another pool thread while the thread
// it came from lists another directory into the same array. The entries parsed here are then partly the other
// directory's: files are reported missing and deleted on the receiver, or copied into the wrong directory.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.DirListerThreadLocalBuffer;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint GetDents64(int fd, byte* buffer, nuint count);
}

public sealed class DirectoryLister
{
    private static readonly ThreadLocal<byte[]> s_direntBuffer = new(() => new byte[64 * 1024]);

    public async Task<List<string>> ListAsync(int dirFd, CancellationToken ct)
    {
        var names = new List<string>();
        byte[] buffer = s_direntBuffer.Value!;
        while (true)
        {
            nint n = await Native.GetDents64Async(dirFd, buffer, ct);
            if (n <= 0)
            {
                return names;
            }

            DirentParser.AppendNames(/*~ASYS1002*/buffer, (int)n, names);
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
