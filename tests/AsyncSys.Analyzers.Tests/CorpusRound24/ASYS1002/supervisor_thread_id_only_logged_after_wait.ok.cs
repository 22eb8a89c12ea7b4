// A supervisor notes which thread started a child wait and writes it into the log line after the wait, next to the
// thread that finished it: the captured id only describes where the wait began, which is what the log wants (the
// corpus treats a thread id that is only formatted as no hazard).
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ThreadState.SupervisorThreadIdLogged;

public sealed class Reaper(IoRing ring, TextWriter log)
{
    public async Task WaitAsync(int pidfd)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        await ring.PollAsync(pidfd, PollEvents.In);
        log.WriteLine($"pidfd {pidfd} ready (wait started on thread {startedOn}, finished on {Environment.CurrentManagedThreadId})");
    }
}
