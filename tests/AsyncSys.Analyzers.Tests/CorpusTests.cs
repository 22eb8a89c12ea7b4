using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;
using AsyncSys.Generator;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// Measures ASYS1001-1007 against the labelled corpus in Corpus/ (see Corpus/README.md): every case is
/// compiled with the real AsyncSys generator and the SDK's LibraryImport generator, every AsyncSys rule runs
/// on it, and reports are matched with the inline <c>/*~ASYS1005*/</c> markers by id and line.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const double MinPrecision = 0.97;
    private const double MinRecall = 0.95;
    private const int MinCases = 200;

    internal static readonly string[] RuleIds = { "ASYS1001", "ASYS1002", "ASYS1003", "ASYS1004", "ASYS1005", "ASYS1006", "ASYS1007" };

    // Compiling and analysing the corpus takes a while; every test below reads the same run.
    private static readonly Lazy<Task<CorpusRun>> Run = new(() => Task.Run(() => CorpusRun.ExecuteAsync(CorpusCase.MainSet)));

    [Fact]
    public async Task Every_case_compiles_with_the_generated_variants()
    {
        CorpusRun run = await Run.Value;
        var broken = run.Results.Where(r => r.CompileProblems.Count > 0).ToList();
        Assert.True(
            broken.Count == 0,
            broken.Count + " corpus case(s) do not compile or declare wrappers the generator rejects:\n" +
            string.Join("\n", broken.SelectMany(r => r.CompileProblems.Select(p => "  " + r.Case.Name + ": " + p))));
    }

    [Fact]
    public async Task Every_case_is_labelled_as_its_name_says()
    {
        CorpusRun run = await Run.Value;
        var wrong = new List<string>();
        foreach (CaseResult result in run.Results)
        {
            CorpusCase c = result.Case;
            bool marksItsRule = c.Expected.Any(e => e.Id == c.Rule);
            if (c.IsPositive && !marksItsRule)
            {
                wrong.Add(c.Name + ": a .bad.cs case marks no " + c.Rule);
            }
            else if (!c.IsPositive && marksItsRule)
            {
                wrong.Add(c.Name + ": a .ok.cs case marks " + c.Rule);
            }
        }

        foreach (string id in RuleIds)
        {
            int positives = run.Results.Count(r => r.Case.Rule == id && r.Case.IsPositive);
            int negatives = run.Results.Count(r => r.Case.Rule == id && !r.Case.IsPositive);
            if (positives == 0 || negatives == 0)
            {
                wrong.Add(id + ": " + positives + " positive and " + negatives + " negative cases; each rule needs both");
            }
        }

        if (run.Results.Count < MinCases)
        {
            wrong.Add("the corpus has " + run.Results.Count + " cases; at least " + MinCases + " are required");
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Every_rule_reaches_the_precision_and_recall_targets_on_the_corpus()
    {
        CorpusRun run = await Run.Value;
        Assert.True(run.Crashes.Count == 0, "An analyzer threw:\n" + string.Join("\n", run.Crashes));

        var scores = RuleIds.Select(id => Score.For(id, run.Results)).ToList();
        Score overall = Score.Sum("overall", scores);
        string report = Report(run, scores, overall);
        output.WriteLine(report);
        string reportPath = Path.Combine(AppContext.BaseDirectory, "corpus-report.txt");
        File.WriteAllText(reportPath, report);

        var failing = scores.Append(overall).Where(s => s.Precision < MinPrecision || s.Recall < MinRecall).ToList();
        Assert.True(
            failing.Count == 0,
            "Below precision " + MinPrecision.ToString(CultureInfo.InvariantCulture) + " / recall " + MinRecall.ToString(CultureInfo.InvariantCulture) +
            ": " + string.Join(", ", failing.Select(s => s.Rule)) + " (full report also in " + reportPath + ")\n" + report);
    }

    internal static string Report(CorpusRun run, IReadOnlyList<Score> scores, Score overall)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {run.Results.Count} cases ({run.Results.Count(r => r.Case.IsPositive)} with hazards), {run.Elapsed.TotalSeconds:F1} s");
        text.AppendLine("Rule      Cases  +/-      TP   FP   FN  Precision  Recall");
        foreach (Score s in scores.Append(overall))
        {
            int cases = s.Rule == "overall" ? run.Results.Count : run.Results.Count(r => r.Case.Rule == s.Rule);
            int positives = s.Rule == "overall" ? run.Results.Count(r => r.Case.IsPositive) : run.Results.Count(r => r.Case.Rule == s.Rule && r.Case.IsPositive);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Rule,-9} {cases,5}  {positives,3}/{cases - positives,-3} {s.TruePositives,4} {s.FalsePositives,4} {s.FalseNegatives,4}  {s.Precision,9:F3}  {s.Recall,6:F3}");
        }

        var misses = run.Results.SelectMany(r => r.Misses.Select(m => (r.Case.Name, m))).ToList();
        var falseAlarms = run.Results.SelectMany(r => r.FalseAlarms.Select(m => (r.Case.Name, m))).ToList();
        var shifted = run.Results.SelectMany(r => r.OtherColumn.Select(m => (r.Case.Name, m))).ToList();
        AppendList(text, "Missed (expected, not reported)", misses);
        AppendList(text, "False alarms (reported, not expected)", falseAlarms);
        AppendList(text, "Right line, other column (counted as found)", shifted);
        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string title, List<(string Case, string What)> items)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {items.Count}");
        foreach (var (name, what) in items.OrderBy(i => i.What, StringComparer.Ordinal).ThenBy(i => i.Case, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {what}");
        }
    }

    /// <summary>One rule's counts, summed over every case (a rule's reports count wherever they appear).</summary>
    internal sealed record Score(string Rule, int TruePositives, int FalsePositives, int FalseNegatives)
    {
        // No report at all is not imprecise; a rule that reports nothing fails on recall instead.
        public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseNegatives);

        public static Score For(string id, IEnumerable<CaseResult> results) => new(
            id,
            results.Sum(r => r.TruePositives.GetValueOrDefault(id)),
            results.Sum(r => r.FalseAlarms.Count(f => f.StartsWith(id, StringComparison.Ordinal))),
            results.Sum(r => r.Misses.Count(m => m.StartsWith(id, StringComparison.Ordinal))));

        public static Score Sum(string name, IEnumerable<Score> scores) => new(
            name, scores.Sum(s => s.TruePositives), scores.Sum(s => s.FalsePositives), scores.Sum(s => s.FalseNegatives));
    }
}

/// <summary>
/// One corpus file: <c>Corpus/ASYS100N/name.bad.cs</c> holds at least one hazard of rule N, <c>name.ok.cs</c>
/// the nearest correct code. <c>/*~ASYS100N*/</c> right before a token says a diagnostic must be reported there.
/// </summary>
internal sealed record CorpusCase(string Name, string Rule, bool IsPositive, string Source, IReadOnlyList<CorpusCase.Mark> Expected)
{
    private static readonly Regex Marker = new(@"/\*~(?<id>ASYS\d{4})\*/", RegexOptions.Compiled);

    /// <summary>An expected diagnostic: its 1-based line and the column right after the marker.</summary>
    internal readonly record struct Mark(string Id, int Line, int Column);

    /// <summary>The corpus the rules were developed with.</summary>
    public const string MainSet = "Corpus";

    /// <summary>A second set written blind, from public code and the docs only, before reading the rules (see its README).</summary>
    public const string Round2Set = "CorpusRound2";

    /// <summary>A third set written blind from the docs alone (see its README), kept to hold what was fixed and show what is not.</summary>
    public const string Round3Set = "CorpusRound3";

    /// <summary>A fourth set written blind, as an outside tester would, from the docs and public code shapes (see its README).</summary>
    public const string Round4Set = "CorpusRound4";

    /// <summary>A fifth set written blind, as an outside tester would, in shapes the earlier sets lack (see its README).</summary>
    public const string Round5Set = "CorpusRound5";

    /// <summary>A sixth set written blind, as an outside tester would, in realistic multi-method classes (see its README).</summary>
    public const string Round6Set = "CorpusRound6";

    /// <summary>A seventh set written blind, as an outside tester would, in storage and network code shapes (see its README).</summary>
    public const string Round7Set = "CorpusRound7";

    /// <summary>An eighth set written blind, as an outside tester would, in proxy, DNS, log-shipping, B-tree and checkpoint code (see its README).</summary>
    public const string Round8Set = "CorpusRound8";

    /// <summary>A ninth set written blind, as an outside tester would, in storage-engine and database code (see its README).</summary>
    public const string Round9Set = "CorpusRound9";

    /// <summary>A tenth set written blind, as an outside tester would, in network server, client and system tool code (see its README).</summary>
    public const string Round10Set = "CorpusRound10";

    /// <summary>An eleventh set written blind, as an outside tester would, in everyday application code that adopts AsyncSys (see its README).</summary>
    public const string Round11Set = "CorpusRound11";

    /// <summary>A twelfth set written blind, as an outside tester would, in media, data tooling and embedded-Linux code (see its README).</summary>
    public const string Round12Set = "CorpusRound12";

    /// <summary>A thirteenth set written blind, as an outside tester would, in system daemons and process tooling (see its README).</summary>
    public const string Round13Set = "CorpusRound13";

    /// <summary>A fourteenth set written blind, as an outside tester would, in file-sync, version-control and message-broker log code (see its README).</summary>
    public const string Round14Set = "CorpusRound14";

    /// <summary>A fifteenth set written blind, as an outside tester would, in real-time and low-latency code: game servers, UDP services, market-data feeds, telemetry exporters (see its README).</summary>
    public const string Round15Set = "CorpusRound15";

    /// <summary>A sixteenth set written blind, as an outside tester would, in developer tooling, test infrastructure and web backends (see its README).</summary>
    public const string Round16Set = "CorpusRound16";

    /// <summary>A seventeenth set written blind, as an outside tester would, in security and infrastructure agents: endpoint/audit agents, eBPF/perf loaders, TLS offload, secrets handling, backup schedulers (see its README).</summary>
    public const string Round17Set = "CorpusRound17";

    /// <summary>An eighteenth set written blind, as an outside tester would, in observability and data pipelines: log tailers, journald/syslog forwarders, metrics scrapers, trace exporters, Kafka-like producers, compression and checkpointing (see its README).</summary>
    public const string Round18Set = "CorpusRound18";

    /// <summary>A nineteenth set written blind, as an outside tester would, in HTTP proxies and RPC frameworks: reverse proxies relaying with splice/sendfile/recv/send, length-prefixed RPC framing, connection pools, WebSocket servers, graceful shutdown (see its README).</summary>
    public const string Round19Set = "CorpusRound19";

    /// <summary>A twentieth set written blind, as an outside tester would, in ML/HPC data loaders and embedded databases: O_DIRECT shard readers, bounded prefetch pipelines, mmap'd indexes, WAL group commit, page caches, checkpointers (see its README).</summary>
    public const string Round20Set = "CorpusRound20";

    /// <summary>A twenty-first set written blind, as an outside tester would, in everyday .NET services and tools in the Microsoft.Extensions hosting style: background workers tailing files and watching folders, ILogger logging around native calls, Options-configured retries, CLI copy/hash tools, health checks, DI singletons (see its README).</summary>
    public const string Round21Set = "CorpusRound21";

    /// <summary>A twenty-second set written blind, as an outside tester would, in game servers and IoT gateways: UDP tick loops over pooled snapshots, reliable-UDP retransmit queues, serial ports and SocketCAN, GPIO/sysfs and I2C wrappers on workers, MQTT-like fan-out, tick schedulers, sensor sample rings (see its README).</summary>
    public const string Round22Set = "CorpusRound22";

    /// <summary>A twenty-third set written blind, as an outside tester would, in message brokers and stream processors: append-only segments with pwrite and fdatasync batching, consumer fetches with sendfile and sendmsg, offset indexes rewritten in place, retention through offloaded unlinkat/ftruncate wrappers, zero-copy channel pipelines, exactly-once producers, shutdown drains (see its README).</summary>
    public const string Round23Set = "CorpusRound23";

    /// <summary>A twenty-fourth set written blind, as an outside tester would, in container and sandbox tooling and backup/restore utilities: pidfd/waitid supervisors, setns/mount namespace setup, tar streamers into pipes, deduplicating chunkers, fallocate/pwrite/fsync restore paths with errno retries, progress counters, CLI entry points (see its README).</summary>
    public const string Round24Set = "CorpusRound24";

    /// <summary>A twenty-fifth set written blind, as an outside tester would, in download managers and web crawlers: parallel ranged downloads written with pwrite into a preallocated file, resume with ftruncate, per-host token buckets, checksums overlapped with writes, temp file + renameat, errno retries, robots.txt parsing with pooled buffers, group cancellation (see its README).</summary>
    public const string Round25Set = "CorpusRound25";

    /// <summary>A twenty-sixth set written blind, as an outside tester would, in library code over System.IO.Pipelines and Stream adapters: PipeWriter pumps, PipeReader consumers, Stream subclasses over descriptors and sockets, length-prefixed framing, IBufferWriter users, ArrayPool/MemoryPool leases (see its README).</summary>
    public const string Round26Set = "CorpusRound26";

    /// <summary>A twenty-seventh set written blind, as an outside tester would, in filesystem tooling: parallel directory walkers over getdents64, duplicate finders and content hashers, copy and sync tools (FICLONE, copy_file_range, utimensat, fchmod, atomic rename with directory fsync), inotify watchers feeding indexers (see its README).</summary>
    public const string Round27Set = "CorpusRound27";

    /// <summary>A twenty-eighth set written blind, as an outside tester would, in database drivers and client libraries over sockets: PostgreSQL/Redis/memcached-style wire-protocol clients on TCP and Unix sockets, pipelining, connection pools leasing connections and buffers, per-query timeouts and cancellation, reconnect with backoff, keep-alive tasks (see its README).</summary>
    public const string Round28Set = "CorpusRound28";

    /// <summary>A twenty-ninth set written blind, as an outside tester would, in terminals, PTYs and child-process I/O: pty allocation and window sizes, pty master readers, line editors and REPLs, SSH-like pty channels, job runners pumping stdout/stderr, reaping with waitpid, signals on cancel (see its README).</summary>
    public const string Round29Set = "CorpusRound29";

    /// <summary>A thirtieth set written blind, as an outside tester would, in media streaming and file-serving servers: HLS/DASH segmenters (pwrite, fsync, rename into place), static-file servers sending byte ranges (sendfile, pooled buffers, stall watches), RTP senders pacing packets from a ring of reusable slots, recording services appending to growing files while tailers read them, thumbnail/transcode job queues offloading blocking calls (see its README).</summary>
    public const string Round30Set = "CorpusRound30";

    /// <summary>A thirty-first set written blind, as an outside tester would, in Linux node agents and kernel-facing daemons: rtnetlink monitors and dumps (recvmsg, nlmsg_seq, ENOBUFS resync), bpf(2) map look-ups and updates with bpf_attr, perf_event_open counters and perf ring drains, cgroup v2 files (memory.current, memory.max, cgroup.procs), /proc scrapers on timerfd, eventfd-driven loops (see its README).</summary>
    public const string Round31Set = "CorpusRound31";

    /// <summary>A thirty-second set written blind, as an outside tester would, in desktop and cross-platform GUI applications on Linux: async commands on a UI thread with its own SynchronizationContext (ConfigureAwait(false) or not), IProgress reporting from file operations, file viewers and editors with pooled buffers, background indexing and thumbnail workers, cancel buttons, Save as write + fsync + rename, drag-and-drop copies, error dialogs built from errno (see its README).</summary>
    public const string Round32Set = "CorpusRound32";

    /// <summary>A thirty-third set written blind, as an outside tester would, in UDP game servers and QUIC-like datagram transports: SO_REUSEPORT sockets per core, recvfrom/sendto and sendmsg/recvmsg, epoll readiness loops, PeriodicTimer tick loops, channels to game logic, retransmission queues, pooled packet buffers, graceful shutdown (see its README).</summary>
    public const string Round33Set = "CorpusRound33";

    /// <summary>A thirty-fourth set written blind, as an outside tester would, in embedded and IoT Linux device I/O: serial ports through termios, GPIO character devices and line events, I2C and SPI through ioctl with request structs, SocketCAN frames, sensor polling loops, watchdog keepalives, logging daemons with fsync (see its README).</summary>
    public const string Round34Set = "CorpusRound34";

    /// <summary>A thirty-fifth set written blind, as an outside tester would, in log shippers and observability agents on Linux: inotify tailers with rotation by rename/truncate and reopen, line splitting across reads, batching and compressing into ArrayPool/MemoryPool buffers, disk-backed spill queues with segment files and fdatasync, upload workers with retries and backoff, metrics counters in offloaded calls, flush on shutdown (see its README).</summary>
    public const string Round35Set = "CorpusRound35";

    /// <summary>A thirty-sixth set written blind, as an outside tester would, in storage engines: write-ahead logs with group commit (pwrite + fdatasync batches, waiters completed after the sync), LSM memtable flush and compaction reading SSTables with O_DIRECT into AlignedBufferPool buffers, B-tree page caches with latches and eviction write-back, checkpoints with CancelAll and directory fsync, background scrubbers, recovery on startup (see its README).</summary>
    public const string Round36Set = "CorpusRound36";

    /// <summary>A thirty-seventh set written blind, as an outside tester would, in build tools and package managers: parallel file hashing with pooled buffers, tar/zip extraction writing with pwrite, lock files with flock, spawned compilers and their pipes, content-addressed caches with rename and directory fsync, progress reporting and cancellation (see its README).</summary>
    public const string Round37Set = "CorpusRound37";

    /// <summary>A thirty-eighth set written blind, as an outside tester would, in database client drivers and wire protocols: PostgreSQL/MySQL/Redis-style clients framing messages with BinaryWriter over MemoryStream and pooled buffers, streams and buffers held in connection fields, send/connect retry loops with the call in the loop condition, pipelined requests with several operations in flight, connection pools, command timeouts and cancellation, WAL replication streams (see its README).</summary>
    public const string Round38Set = "CorpusRound38";

    /// <summary>A thirty-ninth set written blind, as an outside tester would, in message brokers and queues: append-only log segments with pipelined pwrite and fdatasync, memory-mapped offset indexes with msync, consumer offset commits with retries, zero-copy fetches with sendfile and socket corking, sendmsg-framed producer batches and acks, accept on the ring, retention with unlink and ftruncate, flow-control credits, cancellation, async lambdas, local functions and await foreach (see its README).</summary>
    public const string Round39Set = "CorpusRound39";

    /// <summary>A fortieth set written blind, as an outside tester would, in HTTP, file and static-content servers: sendfile and pread range responses into pooled buffers, request-body uploads with pwrite and fsync, header parsing on stack and per-thread buffers, keep-alive loops, access logs, graceful shutdown with timeouts and cancellation, chunked responses from async iterators, await using and try/finally around awaits (see its README).</summary>
    public const string Round40Set = "CorpusRound40";

    /// <summary>A forty-first set written blind, as an outside tester would, in replicated logs and search indexes: Raft nodes (term and vote persisted with rename and positional writes, AppendEntries over sendmsg, RequestVote over recvmsg, heartbeats, election timers, snapshots renamed into place, log appends with pwritev and fdatasync) and search-index builders (segment writers with pooled blocks, merges reading segments with pread in parallel, mmap'd postings, Parallel.ForEachAsync, Channels, SemaphoreSlim, IAsyncDisposable owners, [ThreadStatic], ThreadLocal and `using static`, PipeWriter and AutoFlush StreamWriter over buffers in flight; see its README).</summary>
    public const string Round41Set = "CorpusRound41";

    /// <summary>A forty-second set written blind, as an outside tester would, in scientific and numeric data I/O: chunked array files (chunk indexes and B-tree records read with pread, compressed chunks into pooled arrays handed to decoders through bounded Channels, per-thread decompressors), O_DIRECT reads into aligned native memory behind a MemoryManager, stack and fixed probes, memory-mapped arrays, SIMD over MemoryMarshal.Cast views, checksum workers, pwritev + fdatasync appenders, IProgress, PipeWriter streaming, Parallel.For/ForAsync/ForEachAsync (see its README).</summary>
    public const string Round42Set = "CorpusRound42";

    /// <summary>A forty-third set written blind, as an outside tester would, in message brokers and RPC servers, aimed at hazards that cross loops and try blocks: retry loops with catch filters and Task.Delay backoff, receive loops with pooled buffers returned in finally, buffers rented in a loop and returned on continue, using leases declared in loops, await using owners left by goto, pipelined sends awaited in the next iteration, errno read after a loop or in a catch, per-thread scratch and jitter taken before a loop (see its README).</summary>
    public const string Round43Set = "CorpusRound43";

    /// <summary>A forty-fourth set written blind, as an outside tester would, on aliasing and data flow of buffers handed to operations in flight in storage engines and WAL writers: a block named through a second local, an IMemoryOwner disposed by a helper, a struct wrapper over Memory copied, PipeWriter memory kept in a field, writes started and awaited in two local functions, double buffering by swap, errno through a helper or a deconstruction, per-thread scratch through an alias or captured by a lambda, counters through a ref-returning helper, stack and fixed memory reached through ref locals, ValueTasks copied or deconstructed (see its README).</summary>
    public const string Round44Set = "CorpusRound44";

    /// <summary>A forty-fifth set written blind, as an outside tester would, on modern C# language shapes around asynchronous syscalls in network servers and protocol handlers (Redis, Memcached, MQTT and Postgres wire protocols, proxies, Kestrel-style transports): async iterators with [EnumeratorCancellation] and yield between operations, await using and using declarations and their disposal order, switch statements and expressions whose arms start operations, patterns on results, goto retries, exception filters, throw expressions, static local functions returning ValueTask, ConfigureAwait(false), records and primary constructors, Parallel.ForEachAsync bodies (see its README).</summary>
    public const string Round45Set = "CorpusRound45";

    /// <summary>A forty-sixth set written blind, as an outside tester would, on libraries built on AsyncSys where the hazard crosses a method boundary (storage engines, database drivers, servers): helpers that forward a buffer to a ring operation or a generated variant and return the task, Memory-taking helpers handed stack memory, [ThreadStatic] state read in a helper after an await or from an offloaded wrapper, errno read in a throw helper or property, synchronous facades blocking on their own async twin called from async code, trackers whose DisposeAsync waits for, forgets or only cancels the operations they hold (see its README).</summary>
    public const string Round46Set = "CorpusRound46";

    /// <summary>A forty-seventh set written blind, as an outside tester would, on application frameworks around asynchronous syscalls: generic-host BackgroundService/IHostedService loops with a stopping token and PeriodicTimer ticks, Channel producers and consumers handing MemoryPool/ArrayPool rentals to operations, System.IO.Pipelines transports (PipeWriter.GetMemory given to a receive, PipeReader segments given to a send before AdvanceTo), Parallel.ForEachAsync bodies, a reusable IValueTaskSource send operation, ObjectPool-rented state, DI-scoped and singleton services, and helpers two levels deep (see its README).</summary>
    public const string Round47Set = "CorpusRound47";

    /// <summary>A forty-eighth set written blind, as an outside tester would, on code migrated from callback and pre-async styles to asynchronous syscalls: ContinueWith chains and continuations that release buffers, TaskCompletionSource bridges with timer timeouts, APM Begin/End pairs over ring operations (IAsyncResult over a Task or a ValueTask, synchronous End(Begin(...)) facades), async void event handlers, Task.Factory.StartNew(async ..., LongRunning) pumps, System.Threading.Timer and ThreadPool.QueueUserWorkItem callbacks reading errno or [ThreadStatic] state, Monitor and SemaphoreSlim sections around awaited operations, Interlocked and Monitor.TryEnter in offloaded wrappers, fire-and-forget writes (see its README).</summary>
    public const string Round48Set = "CorpusRound48";

    /// <summary>A forty-ninth set written blind, as an outside tester would, on hand-tuned hot paths: one large pinned buffer (GC.AllocateArray with pinned: true, NativeMemory.AlignedAlloc behind a MemoryManager) sliced into per-operation views with several operations in flight over adjacent slices, stackalloc and fixed memory handed to pointer-taking ring requests under [SkipLocalsInit], a pooled IValueTaskSource around ring reads, Task.WhenAll over batches that share or reuse one buffer and are returned to a pool before or after the await, RunOnRingAsync loops that block, Unsafe and MemoryMarshal shapes, errno read after a batch's awaits, [ThreadStatic] buffer caches used across awaits (see its README).</summary>
    public const string Round49Set = "CorpusRound49";

    /// <summary>A fiftieth set written blind, as an outside tester would, on hazards that travel across methods and iterators as service code is factored: helper methods and local functions that start an operation and return its ValueTask while the caller reuses or releases the buffer, async iterators with a read-ahead in flight at a yield, `await foreach` over a Channel of (buffer, ValueTask) pairs, ValueTasks kept in fields and awaited twice or re-awaited by a retry loop, a cancelled receive whose buffer is reused before its task ended, stack and fixed memory handed to helpers that return RecvMsg/SendMsg operations, errno read in a finally or catch after an await, ThreadLocal and Thread.CurrentThread state across ConfigureAwait(false) in retry loops, offloaded wrappers writing shared state through a local function or a stats object, blocking wrappers one call away from async code and in a non-async ValueTask method (see its README).</summary>
    public const string Round50Set = "CorpusRound50";

    /// <summary>A fifty-first set written blind, as an outside tester would, on fan-out, timeouts and abandoned operations: `AsTask().WaitAsync(timeout)` that throws while the operation keeps running and a `finally` or a retry reuses its buffer, `Task.WhenAny(op, Task.Delay(t))` timeouts that give the buffer back, a linked token with CancelAfter whose catch returns the buffer, a ValueTask awaited again after AsTask(), fire-and-forget sends of pooled leases, Task.WhenAll and Parallel.ForEachAsync bodies sharing one scratch array, a permit released before the send it guards ends, errno read after `await Task.WhenAll` or through a helper after an await, per-thread hashers and thread-id stripes across awaits, offloaded wrappers keeping shared maxima and histograms, stack headers returned under WaitAsync or WhenAll, blocking wrappers in `lock` sections and Wait(timeout) facades (see its README).</summary>
    public const string Round51Set = "CorpusRound51";

    /// <summary>A fifty-second set written blind, as an outside tester would, on AsyncSys mixed with .NET's other asynchronous I/O stacks: System.IO.Pipelines (a PipeWriter completed while a receive fills its GetMemory, PipeReader segments sent in a loop and advanced before the sends end), custom Stream subclasses whose WriteAsync/ReadAsync/FlushAsync overrides keep a ring write in flight, discard it, block on it or call blocking wrappers, MemoryPool rentals disposed in DisposeAsync, a SocketAsyncEventArgs-style argument object whose SetBuffer returns the array a receive holds, IBufferWriter/Utf8JsonWriter staging reused while its write runs, Channel producers returning a rental the sender still has to send, errno after awaiting a PipeWriter or Stream method, per-thread staging writers and decompressor windows across ring awaits, offloaded wrappers under Pipelines consumers and Stream flushes, stack and fixed memory in a Stream override and an IThreadPoolWorkItem (see its README).</summary>
    public const string Round52Set = "CorpusRound52";

    /// <summary>A fifty-third set written blind, as an outside tester would, on game servers and real-time loops: PeriodicTimer tick loops with a per-tick arena reset while the previous tick's send runs, packet pools returned when a tick ends rather than when its sends end, span-based serializers reusing one rented buffer per entity, rentals returned in a tick's finally while the next tick awaits the send, a custom single-threaded SynchronizationContext whose Posted continuations read errno or [ThreadStatic] state or block on a send's ValueTask, [ThreadStatic] frame counters across ConfigureAwait(false), offloaded tick-pacing wrappers, stack socket addresses in a SendMsg header, unawaited sends in timer ticks and generated blocking wrappers in an async game loop (see its README).</summary>
    public const string Round53Set = "CorpusRound53";

    /// <summary>A fifty-fourth set written blind, as an outside tester would, on actor and message-passing frameworks: Orleans-style grains ([Reentrant] grains whose second call runs at an await, grain timers and reminders), Akka.NET/Proto.Actor-style actors with a per-actor scratch array reused by the next message while a send piped to the actor with PipeTo runs, Channel mailbox loops that start a send and take the next message, [ThreadStatic] dispatcher state and errno read after an await, an AsyncLocal read in a Task.Run under ExecutionContext.SuppressFlow, a memory-mapped view's pointer (SafeBuffer.AcquirePointer) released before the send over it ends, a stack msghdr in a synchronous handler, offloaded msync wrappers and generated blocking wrappers inside an actor's ReceiveAsync (see its README).</summary>
    public const string Round54Set = "CorpusRound54";

    /// <summary>A fifty-fifth set written blind, as an outside tester would, on data transformation around ring I/O: Brotli, Deflate and zlib codecs and a zstd-style binding writing into pooled output a ring write still sends, AesGcm and ChaCha20Poly1305 sealing in place into a buffer in flight, double buffering whose swap comes a step too early, CRC-32C and IncrementalHash over a buffer a read is still filling or shared between threads, Base64 transcoding in place over a frame being sent, errno and a codec's [ThreadStatic] last error read after an await, a stack record header under a returned SendMsg, an offloaded pwrite wrapper feeding a static hasher, a final compressed block's write dropped in Dispose and a blocking fdatasync wrapper in an async inflate loop (see its README).</summary>
    public const string Round55Set = "CorpusRound55";

    /// <summary>A fifty-sixth set written as an outside tester would, on background work and cancellation around ring I/O: BackgroundService and IHostedService loops and stops, PeriodicTimer and System.Threading.Timer callbacks writing a page a ring write exports or dropping a submitted fsync, a cancelled receive's buffer returned in StopAsync before its task ends, a stop that wins Task.WhenAny(write, Task.Delay(..., stoppingToken)) and a CancelAfter deadline's catch returning a rental of a send still running, errno after a back-off and first in a timer callback, a [ThreadStatic] tenant read in a timer callback, a thread-id shard across tick awaits, an offloaded sync_file_range wrapper counting in a static, a stack msghdr under a helper's SendMsg and a blocking fsync wrapper in ExecuteAsync (see its README).</summary>
    public const string Round56Set = "CorpusRound56";

    /// <summary>A fifty-seventh set written blind, as an outside tester would, on ports of .NET I/O code (FileStream, RandomAccess, Socket) to the ring call site by call site: a ring read returned instead of awaited while a finally returns its rental, a receive's fast path returning the slow path's task under a using MemoryPool owner, Parallel.ForEachAsync bodies and Task.WhenAll(Select(async ...)) lambdas sharing one buffer, a Stream subclass whose ReadAsync forwards to the ring read ahead into the block being hashed, errno read in a catch after a ring await and after an awaited journal write, a [ThreadStatic] scratch block used after a ring read, an offloaded copy_file_range wrapper keeping positions in a static Dictionary, stackalloc and fixed memory handed to returned generated variants, a write dropped by a void Append and a blocking fallocate wrapper in an async factory (see its README).</summary>
    public const string Round57Set = "CorpusRound57";

    /// <summary>A fifty-eighth set written blind, as an outside tester would, on unsafe code and native-memory ownership around ring operations: a pinned GCHandle freed in a finally while the returned read on its address runs, AllocHGlobal blocks freed before the write or receive over them is awaited (also in DisposeAsync), an AlignedAlloc MemoryManager disposed by a using as its read is returned, a native block pool's Return before the send, an UnmanagedMemoryStream writing into a block a read fills, a fixed page wrapped in new Span&lt;byte&gt;(p, n) under a pread that outlives the block, a stackalloc iovec array linked into a native msghdr, mlock's errno read after an await and a [ThreadStatic] native scratch used after one (see its README).</summary>
    public const string Round58Set = "CorpusRound58";

    /// <summary>A fifty-ninth set written blind, as an outside tester would, on hazards that cross loops and try blocks written with recent C# control flow: a do/while flock retry reading errno in its condition after a back-off await, errno read in a catch after an exception filter logged, a switch expression choosing a [ThreadStatic] scratch used across an await foreach, an offloaded statx wrapper counting goto retries in a static, stackalloc memory chosen by a switch expression or cut with a range [..n] under a returned operation, a rental returned by the innermost of three nested finally blocks before the read is awaited, a using declaration in a loop disposing an owner whose pipelined write runs, a double-buffer tuple swap skipped by a continue inside a try, an async iterator checksumming a block its read-ahead fills, an exception filter wiping a frame a receive fills, a continue inside a try leaving a send unawaited and a blocking fsync wrapper retried on EINTR in an async flush (see its README).</summary>
    public const string Round59Set = "CorpusRound59";

    /// <summary>A sixtieth set written blind, as an outside tester would, on stack memory in disguise written with C# 12 and recent .NET APIs: an [InlineArray(N)] datagram local and an [InlineArray(32)] by-value key parameter whose spans are taken back to pointers (Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), MemoryMarshal.CreateSpan(ref key[0], 32) under fixed) for a returned send or pwrite, an [InlineArray(2)] iovec field of a struct local linked into a native msghdr, MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref sockaddr, 1)) under a returned connect, MemoryMarshal.AsBytes(new Span&lt;T&gt;(ref header)) per loop iteration under Task.WhenAll, a fixed byte Data[64] field of a struct local under a returned recv, a generic StartRead&lt;T&gt;(ref T) where T : unmanaged over the caller's stack struct, ref locals bound to a struct local's field and Unsafe.AsRef(in ...) stored as msg_name and msg_control, and errno read after an await next to generic struct helpers (see its README).</summary>
    public const string Round60Set = "CorpusRound60";

    /// <summary>A sixty-first set written blind, as an outside tester would, on hazards hidden by C# 12 type shapes: a primary-constructor parameter used as the scratch several sends share, a partial class whose buffer field is declared in one part and read into in another, records and `with` expressions copying a block reference or a pending ValueTask, a static abstract interface member starting a read that a generic caller drops, file-local types and IoRing extension methods starting operations over a caller's memory (arrays and stackalloc), collection expressions of segments over a shared field against spread copies, errno read after an await in primary-constructor classes (also through a property), an offloaded wrapper in one part of a partial class counting in a static the other part declares, and a blocking fsync wrapper in a file-local class (see its README).</summary>
    public const string Round61Set = "CorpusRound61";

    /// <summary>A sixty-second set written blind, as an outside tester would, on test and benchmark code around ring operations: an xUnit test stamping a sentinel into the buffer its read fills before awaiting it, a BenchmarkDotNet method stamping its [GlobalSetup] block under the write it returns, an [IterationCleanup] returning the rental a void benchmark's read still fills, Parallel.ForEachAsync stress bodies reading into one captured scratch array, an IAsyncLifetime class fixture's receive ValueTask awaited by each test of the class, errno read after Assert.ThrowsAsync around an opening wrapper, Task.WhenAll stress loops sharing a [ThreadStatic] block across their read awaits and an async [GlobalSetup] calling a blocking fallocate wrapper (see its README).</summary>
    public const string Round62Set = "CorpusRound62";

    /// <summary>A sixty-third set written blind, as an outside tester would, on shared state and blocking calls the way application code writes them: offloaded [AsyncSyscall] methods keeping a static Dictionary cache, drawing jitter from a static new Random() and appending to a static List log (ok: ConcurrentDictionary, Random.Shared, a lock around the shared part), and blocking wrappers reached from async code through a synchronous local function, a foreach over an iterator that calls the wrapper, and the Dispose a using declaration calls at the end of an async method (see its README).</summary>
    public const string Round63Set = "CorpusRound63";

    public static IReadOnlyList<CorpusCase> LoadAll(string set = MainSet)
    {
        // Read from the repository, not copied to the output folder, so a renamed or deleted case never lingers.
        string root = Path.Combine(Repository.Root, "tests", "AsyncSys.Analyzers.Tests", set);
        Assert.True(Directory.Exists(root), "The corpus is not where the test expects it: " + root);
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => Load(root, f))
            .ToList();
    }

    private static CorpusCase Load(string root, string file)
    {
        string name = Path.GetRelativePath(root, file).Replace('\\', '/');
        string rule = name.Split('/')[0];
        bool positive = name.EndsWith(".bad.cs", StringComparison.Ordinal);
        Assert.True(positive || name.EndsWith(".ok.cs", StringComparison.Ordinal), name + ": a case is named *.bad.cs or *.ok.cs");
        string source = File.ReadAllText(file).ReplaceLineEndings("\n");
        var expected = new List<Mark>();
        foreach (Match match in Marker.Matches(source))
        {
            int end = match.Index + match.Length;
            int line = source.AsSpan(0, end).Count('\n') + 1;
            int column = end - (source.LastIndexOf('\n', end - 1) + 1) + 1;
            expected.Add(new Mark(match.Groups["id"].Value, line, column));
        }

        // A mistyped marker would silently drop a hazard from the count.
        int markerLike = Regex.Matches(source, Regex.Escape("/*~")).Count;
        Assert.True(markerLike == expected.Count, name + ": a /*~ marker is not of the form /*~ASYS1234*/");
        return new CorpusCase(name, rule, positive, source, expected);
    }
}

/// <summary>What the rules reported on one case, matched with its marks by id and line.</summary>
internal sealed class CaseResult(CorpusCase corpusCase)
{
    public CorpusCase Case { get; } = corpusCase;

    public List<string> CompileProblems { get; } = new();

    public Dictionary<string, int> TruePositives { get; } = new();

    /// <summary>"ASYS1005 line 12 col 9 (expected)".</summary>
    public List<string> Misses { get; } = new();

    /// <summary>"ASYS1002 line 20 col 13: message".</summary>
    public List<string> FalseAlarms { get; } = new();

    public List<string> OtherColumn { get; } = new();

    public void Match(IEnumerable<Diagnostic> reported)
    {
        var actual = reported
            .Select(d => (d.Id, Span: d.Location.GetLineSpan(), Message: d.GetMessage(CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var group in Case.Expected.GroupBy(e => (e.Id, e.Line)))
        {
            var expectedHere = group.ToList();
            var actualHere = actual
                .Where(a => a.Id == group.Key.Id && a.Span.Path == Case.Name && a.Span.StartLinePosition.Line + 1 == group.Key.Line)
                .ToList();
            int found = Math.Min(expectedHere.Count, actualHere.Count);
            TruePositives[group.Key.Id] = TruePositives.GetValueOrDefault(group.Key.Id) + found;
            foreach (CorpusCase.Mark miss in expectedHere.Skip(found))
            {
                Misses.Add($"{miss.Id} line {miss.Line} col {miss.Column}");
            }

            for (int i = 0; i < found; i++)
            {
                int column = actualHere[i].Span.StartLinePosition.Character + 1;
                if (!expectedHere.Any(e => e.Column == column))
                {
                    OtherColumn.Add($"{group.Key.Id} line {group.Key.Line}: marked col {expectedHere[0].Column}, reported col {column}");
                }
            }

            foreach (var extra in actualHere.Skip(found))
            {
                actual.Remove(extra);
                FalseAlarms.Add(Describe(extra.Id, extra.Span, extra.Message));
            }

            foreach (var matched in actualHere.Take(found))
            {
                actual.Remove(matched);
            }
        }

        foreach (var extra in actual)
        {
            FalseAlarms.Add(Describe(extra.Id, extra.Span, extra.Message));
        }
    }

    private string Describe(string id, FileLinePositionSpan span, string message) =>
        span.Path == Case.Name
            ? $"{id} line {span.StartLinePosition.Line + 1} col {span.StartLinePosition.Character + 1}: {message}"
            : $"{id} in {(span.Path.Length == 0 ? "no source" : span.Path)}: {message}";
}

/// <summary>Compiles every case with the generators and runs every AsyncSys rule on it.</summary>
internal sealed class CorpusRun
{
    private CorpusRun(List<CaseResult> results, List<string> crashes, TimeSpan elapsed)
    {
        Results = results;
        Crashes = crashes;
        Elapsed = elapsed;
    }

    private static readonly Lazy<CSharpCompilation> EmptyCompilation = new(() =>
        CSharpCompilation.Create("CorpusCase", Array.Empty<SyntaxTree>(), TestCompilation.References, TestCompilation.Options));

    public List<CaseResult> Results { get; }

    public List<string> Crashes { get; }

    public TimeSpan Elapsed { get; }

    public static async Task<CorpusRun> ExecuteAsync(string set)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ImmutableArray<DiagnosticAnalyzer> rules = AllRules();
        var wrapperCheck = new AsyncSyscallAnalyzer();
        ImmutableArray<DiagnosticAnalyzer> analyzers = rules.Add(wrapperCheck);
        var ruleIds = rules.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        // ASYS0018 (a body that retries on EINTR cannot be cancelled once it runs) describes a wrapper an outside author
        // does write, and one the generator still generates: several cases keep such retry loops on purpose (they are
        // what ASYS1003 looks at), so it is not a sign of a case the author would not write.
        var wrapperIds = wrapperCheck.SupportedDiagnostics.Select(d => d.Id).Where(id => id != "ASYS0018").ToImmutableHashSet();
        ISourceGenerator[] generators = Generators();

        var crashes = new ConcurrentQueue<string>();
        IReadOnlyList<CorpusCase> cases = CorpusCase.LoadAll(set);
        var results = new CaseResult[cases.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, _) => results[i] = await AnalyzeAsync(cases[i], generators, analyzers, ruleIds, wrapperIds, crashes));

        return new CorpusRun(results.ToList(), crashes.ToList(), clock.Elapsed);
    }

    private static async Task<CaseResult> AnalyzeAsync(
        CorpusCase corpusCase,
        ISourceGenerator[] generators,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        ImmutableHashSet<string> ruleIds,
        ImmutableHashSet<string> wrapperIds,
        ConcurrentQueue<string> crashes)
    {
        var result = new CaseResult(corpusCase);
        (Compilation generated, ImmutableArray<Diagnostic> generatorProblems) = Compile(corpusCase, generators);

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => crashes.Enqueue(corpusCase.Name + ": " + analyzer.GetType().Name + ": " + exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);

        // One pass for the compiler's and the analyzers' diagnostics: binding every case twice doubles the run.
        ImmutableArray<Diagnostic> diagnostics = await generated.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();
        result.CompileProblems.AddRange(generatorProblems.Concat(diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("AD", StringComparison.Ordinal))
            .Select(d => d.ToString()));

        // The generator's own wrapper checks: a warning there means the case declares a wrapper it would not write.
        result.CompileProblems.AddRange(diagnostics
            .Where(d => wrapperIds.Contains(d.Id) && d.Severity == DiagnosticSeverity.Warning)
            .Select(d => d.ToString()));
        foreach (Diagnostic crash in diagnostics.Where(d => d.Id == "AD0001"))
        {
            crashes.Enqueue(corpusCase.Name + ": " + crash);
        }

        result.Match(diagnostics.Where(d => ruleIds.Contains(d.Id)));
        return result;
    }

    /// <summary>The AsyncSys generator and the SDK's LibraryImport generator, as a real build runs them.</summary>
    public static ISourceGenerator[] Generators() => new[] { new AsyncSyscallGenerator().AsSourceGenerator(), LoadLibraryImportGenerator() };

    /// <summary>One case compiled with the generators' output added.</summary>
    public static (Compilation Compilation, ImmutableArray<Diagnostic> GeneratorProblems) Compile(CorpusCase corpusCase, ISourceGenerator[] generators)
    {
        // Derived from one empty compilation, so every case shares the framework's symbols instead of loading them again.
        CSharpCompilation compilation = EmptyCompilation.Value.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(corpusCase.Source, TestCompilation.ParseOptions, path: corpusCase.Name));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: TestCompilation.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorProblems);
        return (generated, generatorProblems);
    }

    // Every rule the analyzer assembly ships, found by its attribute, so a rule added or renamed is measured too.
    internal static ImmutableArray<DiagnosticAnalyzer> AllRules()
    {
        Assembly assembly = Assembly.Load("AsyncSys.Analyzers");
        var rules = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.True(rules.Length > 0, "No analyzers found in AsyncSys.Analyzers");
        return rules;
    }

    // The SDK's own LibraryImport generator from the targeting pack, so [LibraryImport] wrappers compile as in a real build.
    private static ISourceGenerator LoadLibraryImportGenerator()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string major = Environment.Version.Major.ToString(CultureInfo.InvariantCulture) + ".";
        string? path = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "Microsoft.Interop.LibraryImportGenerator.dll"))
                .FirstOrDefault(File.Exists)
            : null;
        Assert.True(path is not null, "Microsoft.Interop.LibraryImportGenerator.dll not found under " + packs);
        Assembly assembly = Assembly.LoadFrom(path);
        Type type = assembly.GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.Name == "LibraryImportGenerator");
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }
}
