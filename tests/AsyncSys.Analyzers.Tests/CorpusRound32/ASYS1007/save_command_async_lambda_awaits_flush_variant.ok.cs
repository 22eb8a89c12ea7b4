// The Save command made right: the async lambda awaits the wrapper's generated variant, which runs the fsync off the
// UI thread.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Blocking.SaveCommandLambdaAwaits;

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
            await Durable.FlushAsync(documentFd);
        };
    }

    public Func<Task> SaveCommand { get; }
}
