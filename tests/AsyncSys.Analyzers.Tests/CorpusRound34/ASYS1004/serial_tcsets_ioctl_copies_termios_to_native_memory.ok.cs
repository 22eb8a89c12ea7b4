// The serial configuration helper made right: the termios is copied into native memory owned by the port, which is
// freed only when the port is disposed, and that address goes to the TCSETS ioctl's variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SerialTcsetsNative;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct Termios
{
    public uint InputFlags, OutputFlags, ControlFlags, LocalFlags;
    public byte Line;
    public fixed byte ControlChars[19];
}

internal static unsafe partial class Tty
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Ioctl(int fd, nuint request, nint argument);
}

public sealed unsafe class SerialPortConfig(int ttyFd) : IDisposable
{
    private const nuint TCSETS = 0x5402;
    private readonly Termios* _pending = (Termios*)NativeMemory.AllocZeroed((nuint)sizeof(Termios));

    public ValueTask<int> ApplyAsync(Termios settings, CancellationToken ct)
    {
        *_pending = settings;
        return Tty.IoctlAsync(ttyFd, TCSETS, (nint)_pending, ct);
    }

    public void Dispose() => NativeMemory.Free(_pending);
}
