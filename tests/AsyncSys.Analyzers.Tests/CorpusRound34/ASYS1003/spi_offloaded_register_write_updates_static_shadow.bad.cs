// An SPI port expander (MCP23S17-like) driver keeps a shadow copy of the chip's registers and writes a register bank in
// an offloaded wrapper, copying the bytes it sent into the static shadow array. Two banks written at once from two
// workers interleave their copies, and later read-modify-write cycles start from a shadow that matches neither.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.SpiShadowRegisters;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte* buffer, nuint count);
}

public static unsafe partial class PortExpander
{
    private static readonly byte[] s_shadow = new byte[22];

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WriteBank(int spiFd, byte firstRegister, byte[] values)
    {
        byte* frame = stackalloc byte[2 + 22];
        frame[0] = 0x40;
        frame[1] = firstRegister;
        values.AsSpan().CopyTo(new Span<byte>(frame + 2, 22));
        nint n = Native.Write(spiFd, frame, (nuint)(2 + values.Length));
        if (n < 0) return -1;
        /*~ASYS1003*/Array.Copy(values, 0, s_shadow, firstRegister, values.Length);
        return (int)n;
    }
}
