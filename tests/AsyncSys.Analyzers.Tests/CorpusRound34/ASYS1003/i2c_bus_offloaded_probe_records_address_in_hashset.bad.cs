// An I2C bus scanner probes addresses with I2C_SLAVE + a one-byte read in an instance wrapper that runs on a worker,
// and remembers the addresses that answered in a HashSet field. The scanner probes the whole 0x08-0x77 range with
// several variants in flight, so two workers add to the HashSet at once and corrupt it.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.I2cProbeHashSet;

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
    private readonly HashSet<int> _present = new();

    public IReadOnlyCollection<int> Present => _present;

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
            /*~ASYS1003*/_present.Add(address);
        }

        return (int)n;
    }
}
