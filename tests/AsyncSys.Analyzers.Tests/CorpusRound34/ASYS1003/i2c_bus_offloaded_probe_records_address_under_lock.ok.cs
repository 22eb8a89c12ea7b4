// The same offloaded I2C probe, adding to the HashSet of answering addresses under the scanner's lock.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.I2cProbeHashSetLocked;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, nint argument);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte* buffer, nuint count);
}

public sealed unsafe partial class I2cBusScanner(int busFd)
{
    private const nuint I2C_SLAVE = 0x0703;
    private readonly object _gate = new();
    private readonly HashSet<int> _present = new();

    public int[] Present()
    {
        lock (_gate)
        {
            return [.. _present];
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Probe(int address)
    {
        if (Native.Ioctl(busFd, I2C_SLAVE, address) < 0)
        {
            return -1;
        }

        byte answer;
        nint n = Native.Read(busFd, &answer, 1);
        if (n == 1)
        {
            lock (_gate)
            {
                _present.Add(address);
            }
        }

        return (int)n;
    }
}
