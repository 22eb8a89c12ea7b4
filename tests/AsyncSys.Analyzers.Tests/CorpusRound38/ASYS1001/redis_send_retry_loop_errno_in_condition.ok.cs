// A Redis-style client writes a pipelined batch with send(2) in a retry loop whose condition is the send and the EINTR
// test; the body only traces the retry. Every way out of the loop comes straight from the send and its errno test (the
// trace runs before the next send), so the errno read after the loop is the send's own.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.Errno.RedisSendRetryErrnoInCondition;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte* buffer, nuint length, int flags);
}

public sealed unsafe class PipelineWriter(int fd, TextWriter trace)
{
    private const int EIntr = 4;
    private const int MsgNoSignal = 0x4000;

    public int Flush(byte[] batch, int length)
    {
        nint sent;
        fixed (byte* p = batch)
        {
            while ((sent = Native.Send(fd, p, (nuint)length, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
            {
                trace.WriteLine("send interrupted, retrying");
            }

            if (sent < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "send");
            }
        }

        return (int)sent;
    }
}
