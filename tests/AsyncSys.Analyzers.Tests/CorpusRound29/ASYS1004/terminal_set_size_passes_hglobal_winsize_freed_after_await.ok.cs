// The same terminal widget made right: the winsize lives in unmanaged memory allocated for the call, the method awaits
// the offloaded ioctl and frees the memory only after it completed.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.StackMemory.SetSizeHGlobalWinsize;

internal static partial class PtyControl
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public sealed class TerminalWidget(int masterFd)
{
    public async ValueTask<int> SetSizeAsync(int rows, int columns, CancellationToken ct)
    {
        nint size = Marshal.AllocHGlobal(8);
        try
        {
            Marshal.WriteInt16(size, 0, (short)rows);
            Marshal.WriteInt16(size, 2, (short)columns);
            Marshal.WriteInt32(size, 4, 0);
            return await PtyControl.IoctlAsync(masterFd, PtyControl.TIOCSWINSZ, size, ct);
        }
        finally
        {
            Marshal.FreeHGlobal(size);
        }
    }
}
