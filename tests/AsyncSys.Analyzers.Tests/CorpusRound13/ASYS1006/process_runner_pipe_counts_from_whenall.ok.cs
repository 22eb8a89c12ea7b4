// The process runner of the .bad twin, consuming each read's ValueTask once: AsTask() into Task.WhenAll, whose result
// array holds the two byte counts.
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Observed.RunnerPipeCountsFromWhenAll;

public sealed class HelperRunner(IoRing ring)
{
    public async Task<(string Output, string Errors)> CaptureAsync(int stdoutPipe, int stderrPipe, CancellationToken cancellationToken)
    {
        byte[] output = new byte[64 * 1024];
        byte[] errors = new byte[16 * 1024];
        ValueTask<int> stdout = ring.ReadAsync(stdoutPipe, output, cancellationToken);
        ValueTask<int> stderr = ring.ReadAsync(stderrPipe, errors, cancellationToken);
        int[] lengths = await Task.WhenAll(stdout.AsTask(), stderr.AsTask());

        return (Encoding.UTF8.GetString(output, 0, lengths[0]), Encoding.UTF8.GetString(errors, 0, lengths[1]));
    }
}
