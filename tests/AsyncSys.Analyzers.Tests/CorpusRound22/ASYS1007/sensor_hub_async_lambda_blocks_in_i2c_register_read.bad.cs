// A sensor hub schedules one polling loop per sensor as an async lambda on the thread pool. Inside, between awaited
// ring delays, it reads the sensor's register through the blocking I2C wrapper: each read clock-stretches for up to
// a few milliseconds on a slow sensor, holding a pool thread the other loops' continuations need.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.SensorLambdaBlockingI2c;

public static partial class I2c
{
    [DllImport("libi2c", EntryPoint = "i2c_smbus_read_word_data", SetLastError = true)]
    private static extern int ReadWordData(int fd, byte command);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadRegister(int busFd, byte register) => ReadWordData(busFd, register);
}

public sealed class SensorHub(IoRing ring)
{
    private readonly List<Task> _loops = new();

    public void StartPolling(int busFd, byte register, TimeSpan period, Action<int> publish, CancellationToken ct)
    {
        _loops.Add(Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                int raw = /*~ASYS1007*/I2c.ReadRegister(busFd, register);
                publish(raw);
                await ring.DelayAsync(period, ct);
            }
        }, ct));
    }
}
