using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw calls round 6 adds.</summary>
internal static unsafe partial class Sys
{
    [LibraryImport("libc", SetLastError = true)]
    public static partial int tgkill(int pid, int tid, int signal);
}

/// <summary>
/// A storm of <paramref name="signal"/> aimed with tgkill at every thread whose name starts with a prefix (a ring's own
/// threads: its ring thread, completion thread, workers), from a thread of this process that blocks the signal itself.
/// The kernel's io-wq creates its workers from the thread that submits to the ring; with a signal pending there the
/// creation fails (fork's ERESTARTNOINTR) and, after a few retries, io-wq cancels the queued request.
/// </summary>
internal sealed class ThreadStorm : IDisposable
{
    private readonly string _prefix;
    private readonly int _signal;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _sent;

    public ThreadStorm(string prefix, int signal)
    {
        _prefix = prefix;
        _signal = signal;
        _thread = new Thread(Run) { IsBackground = true, Name = "storm" };
        _thread.Start();
    }

    /// <summary>Signals sent so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    private void Run()
    {
        Round5.Block(_signal);
        int pid = Environment.ProcessId;
        var targets = new List<int>();
        for (int pass = 0; !_stop; pass++)
        {
            if (pass % 64 == 0)
            {
                targets.Clear();
                foreach (string task in Directory.GetDirectories("/proc/self/task"))
                {
                    try
                    {
                        if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(_prefix, StringComparison.Ordinal))
                        {
                            targets.Add(int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }
                    catch (IOException)
                    {
                        // The thread ended between the listing and the read.
                    }
                }
            }

            foreach (int tid in targets)
            {
                if (Sys.tgkill(pid, tid, _signal) == 0)
                {
                    Interlocked.Increment(ref _sent);
                }
            }

            if (targets.Count == 0)
            {
                Thread.Yield();
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
