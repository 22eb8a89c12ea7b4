// A serial configuration helper takes the termios to apply by value and hands its address (Unsafe.AsPointer of the
// parameter) to the TCSETS ioctl's variant, returning the task. The parameter lives in this frame: the worker applies
// whatever the stack holds by then, possibly a wrong baud rate or raw-mode flags cleared.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.SerialTcsetsParameter;

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

public static unsafe class SerialConfig
{
    private const nuint TCSETS = 0x5402;

    public static ValueTask<int> ApplyAsync(int ttyFd, Termios settings, CancellationToken ct) =>
        Tty.IoctlAsync(ttyFd, TCSETS, /*~ASYS1004*/(nint)Unsafe.AsPointer(ref settings), ct);
}
