// The sensor hub's calibration pass runs once at start-up on a thread of its own (a synchronous lambda given to a
// LongRunning task): blocking there is the point, and no async code is held up. The steady polling loop awaits the
// generated ReadRegisterAsync.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.Blocking.SensorSyncLambdaCalibration;

public static partial class I2c
{
    [DllImport("libi2c", EntryPoint = "i2c_smbus_read_word_data", SetLastError = true)]
    private static extern int ReadWordData(int fd, byte command);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ReadRegister(int busFd, byte register) => ReadWordData(busFd, register);
}

public sealed class SensorHub(IoRing ring)
{
    public async Task<int> CalibrateAndPollAsync(int busFd, byte register, TimeSpan period, Action<int> publish, CancellationToken ct)
    {
        int offset = await Task.Factory.StartNew(() =>
        {
            int sum = 0;
            for (int i = 0; i < 16; i++)
            {
                sum += I2c.ReadRegister(busFd, register);
            }

            return sum / 16;
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        int polls = 0;
        while (!ct.IsCancellationRequested)
        {
            publish(await I2c.ReadRegisterAsync(ring, busFd, register, ct) - offset);
            await ring.DelayAsync(period, ct);
            polls++;
        }

        return polls;
    }
}
