// A Redis-style client writes a pipelined batch with send(2) in a retry loop whose condition is the send itself; the
// body traces the failure before it looks at errno. The trace writer's own write(2) (SetLastError in the runtime)
// replaces the saved error, so after the server closed the connection the EPIPE reads as the trace's 0: the client
// takes it for an interruption and spins on a dead socket.
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.Errno.RedisSendRetryTracesFirst;

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
        fixed (byte* p = batch)
        {
            while (Native.Send(fd, p, (nuint)length, MsgNoSignal) < 0)
            {
                trace.WriteLine("send failed, checking errno");
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno != EIntr)
                {
                    throw new ErrnoException(errno, "send");
                }
            }
        }

        return length;
    }
}
