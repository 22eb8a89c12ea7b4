// The generic ReadStructAsync<T> keeps readahead()'s error in a local right after the call and records it after awaiting the read.
using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.GenericReadaheadErrnoOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "readahead", SetLastError = true)]
    internal static partial nint Readahead(int fd, long offset, nuint count);
}

internal sealed class StructFile(IoRing ring, int fd)
{
    public int HintFailures { get; private set; }

    public int LastHintError { get; private set; }

    public async ValueTask<T> ReadStructAsync<T>(long offset, CancellationToken ct)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        nint hint = Native.Readahead(fd, offset, (nuint)size);
        int hintError = hint < 0 ? Marshal.GetLastPInvokeError() : 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int read = await ring.ReadAsync(fd, buffer.AsMemory(0, size), offset, ct);
            if (hint < 0)
            {
                HintFailures++;
                LastHintError = hintError;
            }

            return read == size ? MemoryMarshal.Read<T>(buffer) : default;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
