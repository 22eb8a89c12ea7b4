// A supervisor migrated from a System.Threading.Timer: each tick probes the child with kill(pid, 0); when the probe fails the callback first writes a line to its log writer (a write(2) of its own when the writer flushes) and only then reads errno to tell ESRCH from EPERM.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Corpus48.TimerProbeBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}

internal sealed class ChildWatch : IDisposable
{
    private const int ESRCH = 3;
    private readonly int _pid;
    private readonly TextWriter _log;
    private readonly Timer _timer;
    private int _failures;

    public ChildWatch(int pid, TextWriter log)
    {
        _pid = pid;
        _log = log;
        _timer = new Timer(Probe, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public event Action<int>? Exited;

    private void Probe(object? state)
    {
        if (Native.Kill(_pid, 0) < 0)
        {
            Interlocked.Increment(ref _failures);
            _log.WriteLine("probe of " + _pid + " failed");
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno == ESRCH)
            {
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
                Exited?.Invoke(_pid);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
