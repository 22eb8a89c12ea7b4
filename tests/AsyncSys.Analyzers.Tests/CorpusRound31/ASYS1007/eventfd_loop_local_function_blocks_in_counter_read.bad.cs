// An agent's reconcile loop waits for wake-ups on an eventfd. Its async local function reads the 8-byte counter with
// the blocking wrapper: each wait parks a pool thread until some producer writes the eventfd, which may be minutes, and
// a few such loops are enough to starve the pool the producers themselves run on.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Blocking.EventfdLoopBlocks;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class EventFds
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadCounter(int eventFd, byte[] counter) => Native.Read(eventFd, counter, 8);
}

public sealed class ReconcileLoop(int eventFd, Func<ulong, CancellationToken, Task> reconcile)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var counter = new byte[8];
        while (!ct.IsCancellationRequested)
        {
            ulong wakeups = await WaitAsync();
            await reconcile(wakeups, ct);
        }

        async ValueTask<ulong> WaitAsync()
        {
            await Task.Yield();
            /*~ASYS1007*/EventFds.ReadCounter(eventFd, counter);
            return BinaryPrimitives.ReadUInt64LittleEndian(counter);
        }
    }
}
