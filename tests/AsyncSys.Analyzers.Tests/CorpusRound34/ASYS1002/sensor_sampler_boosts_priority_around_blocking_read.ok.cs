// The vibration sampler's synchronous path: it raises its own thread's priority around a blocking FIFO read and lowers
// it in the finally, all on the one thread that makes the read.
using System.Runtime.InteropServices;
using System.Threading;

namespace Round34.ThreadState.SamplerPriorityBlocking;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public sealed class VibrationSampler(int fifoFd)
{
    public int ReadFifo(byte[] samples)
    {
        Thread sampler = Thread.CurrentThread;
        sampler.Priority = ThreadPriority.Highest;
        try
        {
            return (int)Native.Read(fifoFd, samples, samples.Length);
        }
        finally
        {
            sampler.Priority = ThreadPriority.Normal;
        }
    }
}
