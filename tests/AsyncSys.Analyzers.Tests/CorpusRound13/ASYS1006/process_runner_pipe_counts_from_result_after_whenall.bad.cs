// A process runner collects a short-lived helper's stdout and stderr from two pipes, one ring read each (the helper
// prints one line and exits), waits for both with Task.WhenAll over their AsTask() and then takes the byte counts from
// the ValueTasks' Result. AsTask() already consumed each ValueTask; AsyncSys recycles the source behind it once it is
// consumed, so Result reads whatever operation reuses that source by then (another read's count, or an exception): the
// captured output is cut short, padded with stale bytes, or the runner throws for a read that succeeded.
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Observed.RunnerPipeResultAfterAsTask;

public sealed class HelperRunner(IoRing ring)
{
    public async Task<(string Output, string Errors)> CaptureAsync(int stdoutPipe, int stderrPipe, CancellationToken cancellationToken)
    {
        byte[] output = new byte[64 * 1024];
        byte[] errors = new byte[16 * 1024];
        ValueTask<int> stdout = ring.ReadAsync(stdoutPipe, output, cancellationToken);
        ValueTask<int> stderr = ring.ReadAsync(stderrPipe, errors, cancellationToken);
        await Task.WhenAll(stdout.AsTask(), stderr.AsTask());

        int outputLength = /*~ASYS1006*/stdout.Result;
        int errorsLength = /*~ASYS1006*/stderr.Result;
        return (Encoding.UTF8.GetString(output, 0, outputLength), Encoding.UTF8.GetString(errors, 0, errorsLength));
    }
}
