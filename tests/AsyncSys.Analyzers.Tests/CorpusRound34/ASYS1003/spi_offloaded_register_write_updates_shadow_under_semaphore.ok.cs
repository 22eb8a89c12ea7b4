// The SPI port expander driver made right: the shadow copy is updated while a SemaphoreSlim is held, released in a
// finally.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round34.SharedState.SpiShadowRegistersLocked;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public static unsafe partial class PortExpander
{
    private static readonly byte[] s_shadow = new byte[22];
    private static readonly SemaphoreSlim s_shadowGate = new(1, 1);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WriteBank(int spiFd, byte firstRegister, byte[] values)
    {
        byte* frame = stackalloc byte[2 + 22];
        frame[0] = 0x40;
        frame[1] = firstRegister;
        values.AsSpan().CopyTo(new Span<byte>(frame + 2, 22));
        nint n = Native.Write(spiFd, frame, (nuint)(2 + values.Length));
        if (n < 0) return -1;
        s_shadowGate.Wait();
        try
        {
            Array.Copy(values, 0, s_shadow, firstRegister, values.Length);
        }
        finally
        {
            s_shadowGate.Release();
        }

        return (int)n;
    }
}
