// The cache warmer saves mlock's errno right after the call, before the ring read's await, and reports the saved value afterwards.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.MlockErrnoOk;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "mlock", SetLastError = true)]
    internal static partial int Mlock(void* address, nuint length);

    public static Memory<byte> View(nint block, int length) => new NativeView((byte*)block, length).Memory;
}

internal sealed unsafe class NativeView(byte* address, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(address, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(address + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal sealed class CacheWarmer(IoRing ring, int fd, nint block, int length)
{
    public int LockErrno { get; private set; }

    public async Task<int> WarmAsync(long offset, CancellationToken ct)
    {
        int locked = Lock();
        int lockErrno = locked != 0 ? Marshal.GetLastPInvokeError() : 0;
        int read = await ring.ReadAsync(fd, Native.View(block, length), offset, ct);
        if (locked != 0)
        {
            LockErrno = lockErrno;
        }

        return read;
    }

    private unsafe int Lock() => Native.Mlock((void*)block, (nuint)length);
}
