using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.SyncRead;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal static class Magic
{
    public static unsafe ValueTask<long> ReadMagic(int fd, bool blocking)
    {
        if (blocking)
        {
            byte* magic = stackalloc byte[8];
            nint n = Libc.PRead(fd, magic, 8, 0);   // finished before the frame ends
            return new ValueTask<long>(n == 8 ? BinaryPrimitives.ReadInt64LittleEndian(new System.ReadOnlySpan<byte>(magic, 8)) : -1);
        }

        return ReadMagicAsync(fd);
    }

    private static async ValueTask<long> ReadMagicAsync(int fd)
    {
        byte[] magic = new byte[8];
        nint n = await Libc.PReadAsync(fd, magic, 0);
        return n == 8 ? BinaryPrimitives.ReadInt64LittleEndian(magic) : -1;
    }
}
