using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>
/// What round 1 left: a process whose SIGPIPE is back at its default action (a native library restored SIG_DFL), and a
/// continuation handed straight to OnCompleted that throws. Each runs in a child process of its own (this assembly,
/// <c>child hostile:...</c>), since either may end the process.
/// </summary>
public sealed class ProcessRound2Tests
{
    private const string Marker = "hostile-continuation-throws";

    /// <summary>
    /// SIGPIPE at SIG_DFL. MessageFlags.NoSignal documents "fails with EPIPE without raising SIGPIPE"; for a plain send
    /// and a pipe write the docs promise nothing beyond "every backend gives the same answer", so the backends must agree.
    /// </summary>
    [Fact]
    public async Task With_SIGPIPE_at_its_default_action_NoSignal_sends_fail_with_EPIPE_and_the_backends_agree_on_the_rest()
    {
        string[] kinds = { "nosignal", "send", "pipe" };
        string[] backends = { "plain", "IoUring", "LinuxAio", "Workers" };
        var runs = kinds.SelectMany(k => backends.Select(b => (Kind: k, Backend: b))).ToArray();
        var results = await Task.WhenAll(runs.Select(r => Child($"hostile:sigpipe:{r.Kind}:{r.Backend}")));
        string table = string.Join("\n", runs.Zip(results, (r, o) => $"{r.Kind,-9} {r.Backend,-9} exit {o.Exit} {o.Out.Trim()}"));
        for (int i = 0; i < runs.Length; i++)
        {
            if (runs[i].Kind == "nosignal")
            {
                Assert.True(results[i].Exit == 0 && results[i].Out.Contains("EPIPE", StringComparison.Ordinal), "a NoSignal send must end with EPIPE and the process must live:\n" + table);
            }
        }

        foreach (string kind in kinds)
        {
            var ring = Enumerable.Range(0, runs.Length).Where(i => runs[i].Kind == kind && runs[i].Backend != "plain").Select(i => (results[i].Exit, Outcome: results[i].Out.Trim())).Distinct().ToArray();
            Assert.True(ring.Length == 1, $"the backends disagree for {kind}:\n{table}");
        }
    }

    [Theory]
    [InlineData(IoBackend.IoUring, DeliveryMode.Pool)]
    [InlineData(IoBackend.IoUring, DeliveryMode.Inline)]
    [InlineData(IoBackend.LinuxAio, DeliveryMode.Pool)]
    [InlineData(IoBackend.LinuxAio, DeliveryMode.Inline)]
    [InlineData(IoBackend.Workers, DeliveryMode.Pool)]
    [InlineData(IoBackend.Workers, DeliveryMode.Inline)]
    public async Task A_continuation_passed_to_OnCompleted_that_throws_is_never_silent_and_never_hangs_the_ring(IoBackend backend, DeliveryMode mode)
    {
        (int exit, string output, string error) = await Child($"hostile:oncompleted:{backend}:{mode}");
        string all = $"exit {exit}\nstdout: {output}\nstderr: {error}";
        Assert.DoesNotContain("hang", output, StringComparison.Ordinal);

        // Either the process goes on (the ring kept working) or it ends the way .NET ends for an unhandled exception,
        // naming it. A death that does not name it, or a ring that stops completing, is a fault.
        bool survived = exit == 0 && output.Contains("survived", StringComparison.Ordinal);
        bool reported = exit != 0 && error.Contains(Marker, StringComparison.Ordinal);
        Assert.True(survived || reported, all);
    }

    private static async Task<(int Exit, string Out, string Err)> Child(string scenario)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ProcessRound2Tests).Assembly.Location);
        start.ArgumentList.Add("child");
        start.ArgumentList.Add(scenario);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))) != exited)
        {
            process.Kill(true);
            Assert.Fail($"the child {scenario} did not end within 60 s");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The child's side: runs <paramref name="scenario"/> and says how it ended on stdout.</summary>
    internal static int RunChild(string scenario)
    {
        string[] parts = scenario.Split(':');
        return parts[1] switch
        {
            "sigpipe" => SigpipeChild(parts[2], parts[3]),
            "oncompleted" => OnCompletedChild(Enum.Parse<IoBackend>(parts[2]), Enum.Parse<DeliveryMode>(parts[3])),
            _ => 2,
        };
    }

    private static unsafe int SigpipeChild(string kind, string backend)
    {
        Sys.signal(Sys.SIGPIPE, 0); // SIG_DFL
        byte* one = stackalloc byte[1];
        int fd;
        if (kind == "pipe")
        {
            (int r, int w) = Sys.Pipe();
            Sys.close(r);
            fd = w;
        }
        else
        {
            (int a, int b) = Sys.SocketPair();
            Sys.close(b);
            fd = a;
        }

        string outcome;
        if (backend == "plain")
        {
            const int MSG_NOSIGNAL = 0x4000;
            nint n = kind == "pipe" ? Sys.write(fd, one, 1) : Sys.send(fd, one, 1, kind == "nosignal" ? MSG_NOSIGNAL : 0);
            outcome = n < 0 ? Errno.NameOf(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()) : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            using IoRing ring = IoRing.Create(new IoRingOptions { Backend = Enum.Parse<IoBackend>(backend) });
            try
            {
                if (kind == "pipe")
                {
                    ring.WriteAsync(fd, new byte[1]).AsTask().GetAwaiter().GetResult();
                }
                else
                {
                    ring.SendAsync(fd, new byte[1], kind == "nosignal" ? MessageFlags.NoSignal : MessageFlags.None).AsTask().GetAwaiter().GetResult();
                }

                outcome = "written";
            }
            catch (ErrnoException e)
            {
                outcome = e.ErrnoName;
            }
        }

        Console.WriteLine("ended: " + outcome);
        return 0;
    }

    private static int OnCompletedChild(IoBackend backend, DeliveryMode mode)
    {
        using IoRing ring = Hostile.Create(backend, mode);
        using var pipe = new RawPipe();
        ValueTask<int> read = ring.ReadAsync(pipe.Read, new byte[1]);
        read.ConfigureAwait(false).GetAwaiter().OnCompleted(() => throw new InvalidOperationException(Marker));
        pipe.Put(1);

        // The ring must keep completing other operations afterwards.
        Task work = Task.Run(async () =>
        {
            using var other = new RawPipe();
            for (int i = 0; i < 20; i++)
            {
                await ring.NopAsync();
                other.Put(1);
                await ring.ReadAsync(other.Read, new byte[1]);
            }
        });
        if (!work.Wait(TimeSpan.FromSeconds(20)))
        {
            Console.WriteLine("hang: " + Hostile.Describe(ring));
            Console.Out.Flush();
            Environment.Exit(3);
        }

        Console.WriteLine("survived");
        return 0;
    }
}
