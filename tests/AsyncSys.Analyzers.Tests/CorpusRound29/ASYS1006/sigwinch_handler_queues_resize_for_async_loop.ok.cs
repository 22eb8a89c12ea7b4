// The same multiplexer made right: the SIGWINCH handler only queues a request into a Channel, and an async loop reads
// the channel and awaits each resize through the generated ioctl variant, one at a time, observing its failure.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.Observed.SigwinchQueuesResize;

internal static partial class PtyControl
{
    internal const ulong TIOCSWINSZ = 0x5414;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static partial int Ioctl(int fd, ulong request, nint argument);
}

public sealed class ResizeForwarder : IDisposable
{
    private readonly Channel<bool> _resizes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly PosixSignalRegistration _registration;
    private readonly nint _size = Marshal.AllocHGlobal(8);

    public ResizeForwarder() =>
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => _resizes.Writer.TryWrite(true));

    public async Task RunAsync(int innerMasterFd, Func<(ushort Rows, ushort Columns)> outerSize, CancellationToken ct)
    {
        await foreach (bool _ in _resizes.Reader.ReadAllAsync(ct))
        {
            (ushort rows, ushort columns) = outerSize();
            Marshal.WriteInt16(_size, 0, (short)rows);
            Marshal.WriteInt16(_size, 2, (short)columns);
            int rc = await PtyControl.IoctlAsync(innerMasterFd, PtyControl.TIOCSWINSZ, _size, ct);
            if (rc < 0)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        Marshal.FreeHGlobal(_size);
    }
}
