// An MVVM view model wires its Save command to an async lambda that writes through the ring and then makes the file
// durable with the blocking fsync wrapper. The lambda runs on the UI thread (its SynchronizationContext brings the
// await back there), so the fsync of a large file freezes the window for seconds.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Blocking.SaveCommandLambdaFsync;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static extern int Fsync(int fd);
}

public static partial class Durable
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Flush(int fd) => Native.Fsync(fd);
}

public sealed class EditorViewModel
{
    public EditorViewModel(IoRing ring, int documentFd, Func<ReadOnlyMemory<byte>> snapshot)
    {
        SaveCommand = async () =>
        {
            await ring.WriteAsync(documentFd, snapshot(), 0);
            /*~ASYS1007*/Durable.Flush(documentFd);
        };
    }

    public Func<Task> SaveCommand { get; }
}
