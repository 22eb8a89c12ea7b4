using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys.Runtime.Tests.Reliability;

/// <summary>
/// A worker whose own loop throws ends the process at once, naming the ring, the thread and the operation it was
/// running (issue 15, item 3), instead of dying silently and leaving its awaiters waiting forever. A user's call
/// that throws on the same worker is still isolated: its awaiter gets the exception and the worker carries on.
/// The process that fails is a child: this assembly run as <c>child worker-loop-throws</c> (Program.Main).
/// </summary>
public sealed class ThreadFailureTests
{
    private const string RingName = "failing-worker";
    private const string Isolated = "child: a throwing user call reached its awaiter and the worker ran the next call";
    private const string StillAlive = "child: still alive after the broken job";

    private static string Self => typeof(Program).Assembly.Location;

    [Fact]
    public async Task A_worker_whose_own_loop_throws_fails_fast_naming_the_ring_the_thread_and_the_operation()
    {
        Cli.Result result = await Cli.DotnetAsync(Path.GetTempPath(), TimeSpan.FromMinutes(2), null, Self, "child", "worker-loop-throws");

        Assert.True(result.ExitCode is not 0 and not 2, result.Describe());
        Assert.Contains(Isolated, result.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"AsyncSys: the blocking-call worker '{RingName} worker 0' of ring '{RingName}' failed while running {BrokenJob.What} (workers: 1, queued: 0, parked: 0): " +
            $"System.InvalidOperationException: {BrokenJob.Message}",
            result.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain(StillAlive, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workers_operation_describes_itself_by_syscall_id_descriptor_and_state_for_that_message()
    {
        using var ring = Backends.Create(IoBackend.Workers);
        using var pipe = new Pipe();
        ValueTask<int> read = ring.ReadAsync(pipe.ReadFd, new byte[8]);

        Operation operation = ring.Table[0];
        Assert.True(
            SpinWait.SpinUntil(() => operation.Phase == OperationPhase.OnWorker && ring.Workers.ParkedCount == 1, ReliabilityAssert.Bound),
            "the read parks on the readiness lane (still in phase OnWorker)");
        Assert.Equal($"read (id 0x{operation.Id:x}, fd {pipe.ReadFd}, phase OnWorker, cancel None)", ((IWorkerJob)operation).Description);

        pipe.Write(new byte[] { 7 });
        Assert.Equal(1, await read);
    }

    /// <summary>The child: a user call that throws (isolated), then a job whose own code throws on the same worker.</summary>
    internal static int RunChild(string scenario)
    {
        if (scenario != "worker-loop-throws")
        {
            Console.Error.WriteLine("unknown scenario " + scenario);
            return 2;
        }

        using var ring = IoRing.Create(new IoRingOptions
        {
            Backend = IoBackend.Workers,
            Name = RingName,
            MaxWorkerThreads = 1,
            RunShortBlockingCallsOnCaller = false,
        });

        try
        {
            ring.RunBlockingAsync(0, static (ref int _) => throw new InvalidOperationException("the user's own call failed")).AsTask().GetAwaiter().GetResult();
            Console.WriteLine("child: DEFECT: the throwing user call returned");
            return 3;
        }
        catch (InvalidOperationException)
        {
        }

        long value = ring.RunBlockingAsync(41, static (ref int s) => s + 1).AsTask().GetAwaiter().GetResult().Value;
        if (value == 42 && ring.Workers.ThreadCount == 1)
        {
            Console.WriteLine(Isolated);
        }

        if (ring.Workers.TryEnqueue(new BrokenJob()) is { } error)
        {
            Console.WriteLine("child: DEFECT: the job was not queued: " + error.Message);
            return 3;
        }

        Thread.Sleep(TimeSpan.FromSeconds(30));
        Console.WriteLine(StillAlive);
        return 0;
    }

    /// <summary>A job whose own code (not a user's call) throws: what a defect in the worker's path looks like.</summary>
    private sealed class BrokenJob : IWorkerJob
    {
        internal const string What = "a job whose own code is broken";
        internal const string Message = "the worker's loop broke";

        public string Description => What;

        public void Execute(int workerThreadId) => throw new InvalidOperationException(Message);

        public void Reject(Exception error) => Console.WriteLine("child: DEFECT: the job was rejected: " + error.Message);
    }
}
