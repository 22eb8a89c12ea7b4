// A checkpointer's view of a busy ring: mixed work in flight (file reads, polls on pipes that never become
// ready, a slow blocking call), then quiesce with a deadline, print what is stuck, cancel it, checkpoint,
// and resume.
//
//   dotnet run --project samples/Checkpoint
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

using var ring = IoRing.Create(new IoRingOptions { Name = "checkpoint-demo" });
Console.WriteLine($"Ring '{ring.Name}' on {ring.BackendDescription}");

string path = Path.Combine(Path.GetTempPath(), $"asyncsys-checkpoint-{Environment.ProcessId}.bin");
File.WriteAllBytes(path, new byte[4 << 20]);
using var file = File.OpenHandle(path);
int[] pipe = Pipes.Create();
using var stop = new CancellationTokenSource();
long reads = 0;

// 1. Mixed work: four readers looping over the file, two polls that will never be ready, one slow call.
Task[] readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
{
    var buffer = new byte[4096];
    var random = new Random(r);
    while (!stop.IsCancellationRequested)
    {
        await ring.SubmitAsync(RingRequest.Read(file, buffer, random.Next(1024) * 4096L).WithTag("reader-" + r));
        Interlocked.Increment(ref reads);
    }
})).ToArray();
var stuckPolls = new[]
{
    ring.SubmitAsync(RingRequest.Poll(pipe[0], PollEvents.In).WithTag("idle-connection-1")).AsTask(),
    ring.SubmitAsync(RingRequest.Poll(pipe[0], PollEvents.In).WithTag("idle-connection-2")).AsTask(),
};
Task slowCall = ring.RunBlockingAsync(400, static (ref int ms) => { Thread.Sleep(ms); return 0; }).AsTask();
await Task.Delay(100);
Console.WriteLine($"Running: {Interlocked.Read(ref reads):N0} reads so far, {ring.InFlightCount} operations in flight");

// 2. Quiesce: close admission, wait up to 250 ms for what is in flight.
Console.WriteLine("\nQuiescing with a 250 ms deadline...");
QuiesceResult quiesce = await ring.QuiesceAsync(TimeSpan.FromMilliseconds(250));
Console.WriteLine($"Drained: {quiesce.Drained} after {quiesce.Elapsed.TotalMilliseconds:F0} ms; still in flight:");
PrintTable(quiesce.StillInFlight);

// 3. Cancel what is stuck (the polls would never finish), wait for the slow call, then checkpoint.
int cancelled = ring.CancelByFd(pipe[0]);
Console.WriteLine($"\nCancelled {cancelled} stuck operation(s) on fd {pipe[0]}");
foreach (Task poll in stuckPolls)
{
    try { await poll; } catch (OperationCanceledException) { }
}

await slowCall;
Console.WriteLine($"In flight now: {ring.InFlightCount}. Checkpoint taken here: nothing can be admitted until the ring reopens.");
long readsAtCheckpoint = Interlocked.Read(ref reads);
await Task.Delay(50);
Console.WriteLine($"Reads during the checkpoint window: {Interlocked.Read(ref reads) - readsAtCheckpoint}");

// 4. Resume.
quiesce.Dispose();
await Task.Delay(100);
Console.WriteLine($"\nResumed: {Interlocked.Read(ref reads) - readsAtCheckpoint:N0} reads since reopening");
stop.Cancel();
await Task.WhenAll(readers);
Pipes.Close(pipe);
File.Delete(path);
return 0;

static void PrintTable(IReadOnlyList<InFlightOperation> operations)
{
    Console.WriteLine($"  {"id",-12} {"operation",-10} {"fd",4} {"state",-10} {"backend",-8} {"age ms",7}  tag");
    foreach (InFlightOperation op in operations.OrderBy(o => o.Started))
    {
        Console.WriteLine($"  {op.Id,-12:X} {op.Operation,-10} {op.Fd,4} {op.State,-10} {op.Backend,-8} {op.Age.TotalMilliseconds,7:F0}  {op.Tag}");
    }
}

internal static unsafe partial class Pipes
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    internal static int[] Create()
    {
        int* fds = stackalloc int[2];
        if (pipe2(fds, 0x80000) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "pipe2");
        }

        return new[] { fds[0], fds[1] };
    }

    internal static void Close(int[] fds)
    {
        close(fds[0]);
        close(fds[1]);
    }
}
