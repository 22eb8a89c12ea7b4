using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class UnsynchronizedSharedStateTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<UnsynchronizedSharedStateAnalyzer>.VerifyAsync(TestSources.Native + code);

    // Round 55: a hasher keeps a running state; two workers appending to one static digest at once corrupt it.
    [Fact]
    public Task Static_hasher_appended_to_in_an_offloaded_wrapper_is_reported_and_quiet_under_a_lock() => VerifyAsync("""
        static class C
        {
            static readonly System.Security.Cryptography.IncrementalHash s_digest = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            static readonly System.Security.Cryptography.SHA256 s_sha = System.Security.Cryptography.SHA256.Create();
            static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                {|ASYS1003:s_digest.AppendData(new byte[] { 1 })|};
                {|ASYS1003:s_sha.TransformBlock(new byte[] { 1 }, 0, 1, null, 0)|};
                return Native.flock(fd, 2);
            }

            [AsyncSyscall(RingOp.None)]
            static int Unlock(int fd)
            {
                lock (s_gate)
                {
                    s_digest.AppendData(new byte[] { 2 });
                }

                return Native.flock(fd, 8);
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> UnlockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Static_counter_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class C
        {
            static int s_calls;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                {|ASYS1003:s_calls|}++;
                return Native.flock(fd, 2);
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Write_through_a_reference_a_helper_returns_into_a_static_array_is_reported() => VerifyAsync("""
        sealed class C
        {
            static readonly long[] s_bytes = new long[64];
            private long[] _local = new long[4];

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, int segment)
            {
                int rc = Native.flock(fd, 2);
                {|ASYS1003:BytesOf(segment)|} += rc;
                return rc;
            }

            static ref long BytesOf(int segment) => ref s_bytes[segment & 63];

            static ValueTask<int> LockAsync(int fd, int segment, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Reference_from_a_helper_into_per_call_storage_or_used_with_Interlocked_is_not_reported() => VerifyAsync("""
        sealed class C
        {
            static readonly long[] s_bytes = new long[64];

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, int segment)
            {
                int rc = Native.flock(fd, 2);
                Interlocked.Add(ref BytesOf(segment), rc);
                long[] mine = new long[4];
                SlotOf(mine, segment) += rc;
                return rc;
            }

            static ref long BytesOf(int segment) => ref s_bytes[segment & 63];

            static ref long SlotOf(long[] table, int segment) => ref table[segment & 3];

            static ValueTask<int> LockAsync(int fd, int segment, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Shared_collection_reached_through_a_deconstructed_local_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.Dictionary<long, long> s_index = new();

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, long key)
            {
                int rc = Native.flock(fd, 2);
                var (index, at) = (s_index, (long)rc);
                {|ASYS1003:index[key]|} = at;
                return rc;
            }

            static ValueTask<int> LockAsync(int fd, long key, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Deconstructed_local_holding_a_fresh_collection_or_under_a_lock_is_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.Dictionary<long, long> s_index = new();
            static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, long key)
            {
                int rc = Native.flock(fd, 2);
                var (fresh, at) = (new System.Collections.Generic.Dictionary<long, long>(), (long)rc);
                fresh[key] = at;
                lock (s_gate)
                {
                    var (index, again) = (s_index, at);
                    index[key] = again;
                }

                return rc;
            }

            static ValueTask<int> LockAsync(int fd, long key, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Lambda_or_method_held_by_a_readonly_delegate_field_or_property_and_called_by_an_offloaded_wrapper_is_followed() => VerifyAsync("""
        sealed class Locker
        {
            private static int s_failures;
            private static long s_calls;
            private int _busy;

            private static readonly Func<int, int> Track = rc =>
            {
                if (rc < 0)
                {
                    {|ASYS1003:s_failures|}++;
                }

                return rc;
            };

            private static Action Count { get; } = CountCall;

            private readonly Action<int> _onBusy;

            public Locker() => _onBusy = rc => { };

            private static readonly Action<int> s_noteBusy = NoteBusy;

            private static void CountCall() => {|ASYS1003:s_calls|} += 1;

            private static void NoteBusy(int rc) => Console.WriteLine(rc);

            [AsyncSyscall(RingOp.None)]
            public int Lock(int fd)
            {
                Count();
                int rc = Track.Invoke(Native.flock(fd, 6));
                s_noteBusy(rc);
                _onBusy(rc);
                return Track(rc);
            }

            public ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Lambda_held_by_a_delegate_field_that_counts_with_interlocked_or_under_a_lock_is_not_reported() => VerifyAsync("""
        static class C
        {
            private static readonly object s_gate = new();
            private static int s_failures;
            private static int s_last;

            private static readonly Func<int, int> Track = rc =>
            {
                if (rc < 0)
                {
                    Interlocked.Increment(ref s_failures);
                }

                return rc;
            };

            private static readonly Action<int> Remember = rc => s_last = rc;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                int rc = Track(Native.flock(fd, 6));
                lock (s_gate)
                {
                    Remember(rc);
                }

                return rc;
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Writes_guarded_by_a_semaphore_or_a_lock_directly_or_in_a_helper_are_not_reported() => VerifyAsync("""
        sealed class Seeker
        {
            private static readonly SemaphoreSlim s_gate = new(1, 1);
            private static readonly object s_lock = new();
            private static long s_position;
            private static int s_calls;

            [AsyncSyscall(RingOp.None)]
            public static int Lock(int fd)
            {
                s_gate.Wait();
                try
                {
                    s_position = fd;
                    Remember(fd);
                }
                finally
                {
                    s_gate.Release();
                }

                lock (s_lock)
                {
                    Count();
                }

                return Native.flock(fd, 2);
            }

            public static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            private static void Remember(int fd) => s_position = fd;

            private static void Count() => s_calls++;
        }
        """);

    [Fact]
    public Task Writes_in_the_scope_of_a_Lock_are_not_reported() => VerifyAsync("""
        sealed class Seeker
        {
            private static readonly Lock s_gate = new();
            private static long s_position;
            private static int s_calls;

            [AsyncSyscall(RingOp.None)]
            public static int Lock(int fd)
            {
                using (s_gate.EnterScope())
                {
                    s_position = fd;
                }

                using var scope = s_gate.EnterScope();
                s_calls++;
                return Native.flock(fd, 2);
            }

            public static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Write_after_the_semaphore_is_released_is_reported() => VerifyAsync("""
        sealed class Seeker
        {
            private static readonly SemaphoreSlim s_gate = new(1, 1);
            private static long s_position;

            [AsyncSyscall(RingOp.None)]
            public static int Lock(int fd)
            {
                s_gate.Wait();
                try
                {
                    s_position = fd;
                }
                finally
                {
                    s_gate.Release();
                }

                {|ASYS1003:s_position|} = -1;
                return Native.flock(fd, 2);
            }

            public static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Write_in_a_helper_the_wrapper_calls_is_reported() => VerifyAsync("""
        sealed class Locker
        {
            private int _lastFd;
            private static readonly Stats s_stats = new();

            [AsyncSyscall(RingOp.None)]
            public int Lock(int fd)
            {
                Remember(fd);
                return Native.flock(fd, 2);
            }

            public ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            private void Remember(int fd)
            {
                {|ASYS1003:_lastFd|} = fd;
                {|ASYS1003:s_stats.Locks|} += 1;
            }
        }

        sealed class Stats
        {
            public int Locks;
        }
        """);

    [Fact]
    public Task Synchronized_writes_are_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly object s_gate = new();
            static int s_calls;
            static int s_inFlight;
            static volatile bool s_used;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                lock (s_gate)
                {
                    s_calls++;
                }

                Interlocked.Increment(ref s_inFlight);
                Volatile.Write(ref s_calls, 0);
                s_used = true;
                int local = 0;
                local++;
                return Native.flock(fd, 2) + local;
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Wrapper_that_runs_on_the_ring_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int s_calls;

            [AsyncSyscall(RingOp.Fsync)]
            static int Sync(int fd)
            {
                s_calls++;
                return Native.fsync(fd);
            }

            static ValueTask<int> SyncAsync(int fd, CancellationToken cancellationToken = default) => default;

            static int NotAWrapper()
            {
                s_calls++;
                return 0;
            }
        }
        """);

    [Fact]
    public Task Fresh_objects_built_with_initializers_or_with_are_not_reported() => VerifyAsync("""
        sealed record Request(int Fd)
        {
            public int Flags { get; init; }
        }

        sealed class Options
        {
            public int Mode;
            public string? Name { get; set; }
        }

        sealed class Locker
        {
            private readonly Request _template = new(0);

            [AsyncSyscall(RingOp.None)]
            public int Lock(int fd)
            {
                var options = new Options { Mode = 2, Name = "lock" };
                Request request = _template with { Fd = fd, Flags = options.Mode };
                return Native.flock(request.Fd, request.Flags);
            }

            public ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public void Only_a_compilation_that_declares_wrappers_starts_the_walk()
    {
        var without = TestCompilation.Create("static class Counter { static int s_count; public static int Next() => ++s_count; }");
        var with = TestCompilation.Create(TestSources.Native);
        Assert.False(AsyncSysApi.Create(without).DeclaresWrappers);
        Assert.True(AsyncSysApi.Create(with).DeclaresWrappers);
    }

    [Fact]
    public Task Shared_object_written_through_a_local_or_a_parameter_is_reported() => VerifyAsync("""
        sealed class IoStats
        {
            public long Calls;
            public long Failures;
        }

        static class C
        {
            static IoStats? s_stats;
            static readonly System.Collections.Generic.List<int> s_failed = new();

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                int result = Native.flock(fd, 2);
                IoStats stats = {|ASYS1003:s_stats|} ??= new IoStats();
                {|ASYS1003:stats.Calls|}++;
                Count(stats, result);
                var failed = s_failed;
                Remember(failed, fd);
                return result;
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            // The parameters are the shared objects the wrapper passes in; Bump is reached through Count's parameter.
            static void Count(IoStats counted, int result)
            {
                if (result < 0)
                {
                    counted.Bump();
                }
            }

            static void Bump(this IoStats failures) => {|ASYS1003:failures.Failures|}++;

            static void Remember(System.Collections.Generic.List<int> list, int fd) => {|ASYS1003:list.Add(fd)|};
        }
        """);

    [Fact]
    public Task Fresh_object_through_a_local_or_a_parameter_only_read_is_not_reported() => VerifyAsync("""
        sealed class IoStats
        {
            public long Calls;
            public long Failures;
        }

        struct Totals
        {
            public long Calls;
        }

        static class C
        {
            static IoStats? s_stats = new();
            static Totals s_totals;
            [ThreadStatic] static IoStats? t_stats;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                int result = Native.flock(fd, 2);
                var mine = new IoStats();        // per call
                mine.Calls++;
                Count(mine, result);
                Count(new IoStats(), result);
                Totals copy = s_totals;          // a copy of the struct
                copy.Calls++;
                IoStats perThread = t_stats ??= new IoStats();
                perThread.Calls++;
                long seen = Peek(s_stats!);      // the shared object is only read
                return result + (int)seen + (int)copy.Calls;
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static void Count(IoStats counted, int result)
            {
                if (result < 0)
                {
                    counted.Failures++;
                }
            }

            static long Peek(IoStats stats) => stats.Calls + stats.Failures;
        }
        """);

    [Fact]
    public Task Shared_fields_written_by_a_deconstruction_are_reported_element_by_element() => VerifyAsync("""
        sealed class Reaper
        {
            static int s_lastPid;
            static int s_lastStatus;
            static long s_reaped;
            int _lastFd;
            int _lastResult;
            static (int Pid, int Status)[] s_history = new (int, int)[8];

            [AsyncSyscall(RingOp.None)]
            public int Lock(int fd)
            {
                int result = Native.flock(fd, 2);
                ({|ASYS1003:s_lastPid|}, {|ASYS1003:s_lastStatus|}) = (fd, result);
                ({|ASYS1003:_lastFd|}, ({|ASYS1003:_lastResult|}, _)) = (fd, (result, 0));
                ({|ASYS1003:s_reaped|}, var status) = Pairs(result)[0];
                result += status;

                ({|ASYS1003:s_history[0]|}, int kept) = ((fd, result), 1);
                return result + kept;
            }

            public ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static (long, int)[] Pairs(int result) => new[] { (1L, result) };
        }
        """);

    [Fact]
    public Task Deconstruction_into_locals_or_under_a_lock_is_not_reported() => VerifyAsync("""
        static class Reaper
        {
            static readonly object s_gate = new();
            static int s_lastPid;
            static int s_lastStatus;
            [ThreadStatic] static int t_lastPid;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                int result = Native.flock(fd, 2);
                var (pid, status) = (fd, result);
                int a, b;
                (a, b) = (status, pid);
                (t_lastPid, _) = (a, b);
                lock (s_gate)
                {
                    (s_lastPid, s_lastStatus) = (pid, status);
                }

                foreach (var (x, y) in new[] { (1, 2) })
                {
                    a += x + y;
                }

                return a + b;
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Shared_field_given_as_an_out_argument_or_incremented_inside_an_expression_is_reported() => VerifyAsync("""
        static class Cache
        {
            static readonly System.Collections.Generic.Dictionary<int, string> s_paths = new();
            static string? s_last;
            static int s_calls;
            static long s_bytes;
            static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                s_paths.TryGetValue(fd, out {|ASYS1003:s_last|});
                Native.Log(({|ASYS1003:s_calls|}++).ToString());
                long total = {|ASYS1003:s_bytes|} += fd;
                lock (s_gate)
                {
                    s_paths.TryGetValue(fd, out s_last);
                }

                Interlocked.Exchange(ref s_bytes, total);
                s_paths.TryGetValue(fd, out string? mine);
                return Native.flock(fd, 2) + (mine?.Length ?? 0);
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Fields_of_the_existing_value_written_in_an_AddOrUpdate_update_lambda_are_reported() => VerifyAsync("""
        sealed class Usage { public long Samples; public double Sum; }

        sealed class Sampler
        {
            private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Usage> s_usage = new();
            private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Usage> _byFd = new();

            [AsyncSyscall(RingOp.None)]
            public int Sample(int fd, string group)
            {
                double free = Native.flock(fd, 2);
                s_usage.AddOrUpdate(group, _ => new Usage { Samples = 1, Sum = free }, (_, usage) =>
                {
                    {|ASYS1003:usage.Samples|}++;
                    {|ASYS1003:usage.Sum|} += free;
                    return usage;
                });
                _byFd.AddOrUpdate(fd, new Usage(), (_, existing) => { {|ASYS1003:existing.Samples|} = 0; return existing; });
                return 0;
            }

            public ValueTask<int> SampleAsync(int fd, string group, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task AddOrUpdate_lambdas_that_build_a_new_value_write_a_fresh_one_or_run_on_a_per_call_dictionary_are_not_reported() => VerifyAsync("""
        sealed class Usage { public long Samples; public double Sum; }
        sealed record Totals(long Samples, double Sum);
        struct Pair { public long Samples; }

        static class Sampler
        {
            private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Totals> s_totals = new();
            private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Pair> s_pairs = new();

            [AsyncSyscall(RingOp.None)]
            public static int Sample(int fd, string group)
            {
                double free = Native.flock(fd, 2);
                s_totals.AddOrUpdate(group, _ => new Totals(1, free), (_, t) => t with { Samples = t.Samples + 1, Sum = t.Sum + free });
                s_pairs.AddOrUpdate(group, new Pair(), (_, p) => { p.Samples++; return p; });
                var mine = new System.Collections.Concurrent.ConcurrentDictionary<string, Usage>();
                mine.AddOrUpdate(group, _ => new Usage(), (_, usage) => { usage.Samples++; return usage; });
                s_totals.AddOrUpdate(group, key => { var fresh = new Usage(); fresh.Samples = key.Length; return new Totals(fresh.Samples, free); }, (_, t) => t);
                return 0;
            }

            public static ValueTask<int> SampleAsync(int fd, string group, CancellationToken cancellationToken = default) => default;
        }
        """);

    // An object a shared collection holds is seen by every caller that looks it up: the per-key list of a multimap, a
    // session object in a registry. Changes to it from concurrent workers race, whether it came out of TryGetValue, an
    // indexer, GetOrAdd, or is the fresh object the same expression publishes into the shared collection.
    [Fact]
    public Task Objects_taken_out_of_or_published_into_a_shared_collection_and_changed_are_reported() => VerifyAsync("""
        sealed class Session { public int Pending; }

        static class Registry
        {
            private static readonly System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>> s_fdsByPath = new();
            private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Session> s_sessions = new();
            private static readonly System.Collections.Generic.Dictionary<int, Session> s_byFd = new();

            [AsyncSyscall(RingOp.None)]
            public static int Register(int fd, string path)
            {
                int rc = Native.flock(fd, 2);
                if (!s_fdsByPath.TryGetValue(path, out var fds))
                {
                    {|ASYS1003:s_fdsByPath[path]|} = fds = new System.Collections.Generic.List<int>();
                }

                {|ASYS1003:fds.Add(fd)|};
                {|ASYS1003:s_sessions.GetOrAdd(fd, _ => new Session()).Pending|}++;
                {|ASYS1003:s_byFd[fd].Pending|} = 0;
                return rc;
            }

            public static ValueTask<int> RegisterAsync(int fd, string path, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Objects_of_a_per_call_collection_taken_out_of_a_shared_one_or_values_copied_out_are_not_reported() => VerifyAsync("""
        sealed class Session { public int Pending; }
        struct Counter { public int Pending; }

        static class Registry
        {
            private static readonly System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>> s_fdsByPath = new();
            private static readonly System.Collections.Generic.Dictionary<int, Counter> s_counters = new();
            private static readonly System.Collections.Concurrent.ConcurrentQueue<Session> s_idle = new();
            private static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            public static int Register(int fd, string path)
            {
                int rc = Native.flock(fd, 2);
                var mine = new System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>>();
                if (!mine.TryGetValue(path, out var local))
                {
                    mine[path] = local = new System.Collections.Generic.List<int>();
                }

                local.Add(fd);
                var copy = new System.Collections.Generic.List<int>();
                copy.Add(fd);
                if (s_counters.TryGetValue(fd, out Counter counter))
                {
                    counter.Pending++;
                }

                if (s_idle.TryDequeue(out Session? taken))
                {
                    taken.Pending = 0;
                }

                lock (s_gate)
                {
                    if (s_fdsByPath.TryGetValue(path, out var fds))
                    {
                        fds.Add(fd);
                    }
                }

                return rc;
            }

            public static ValueTask<int> RegisterAsync(int fd, string path, CancellationToken cancellationToken = default) => default;
        }
        """);

    // CollectionsMarshal changes a collection without its own methods: GetValueRefOrAddDefault inserts the key (the call
    // is that change), and a write through AsSpan(list), GetValueRefOrNullRef or GetValueRefOrAddDefault writes the
    // collection's storage (a lost update, another race). Reported where each change is made, once.
    [Fact]
    public Task Shared_collection_changed_through_CollectionsMarshal_is_reported() => VerifyAsync("""
        struct Stat { public long Calls; }

        sealed class ChunkIndex
        {
            private readonly System.Collections.Generic.Dictionary<long, long> _offsets = new();
            private static readonly System.Collections.Generic.Dictionary<int, int> s_counts = new();
            private static readonly System.Collections.Generic.Dictionary<int, Stat> s_stats = new();
            private static readonly System.Collections.Generic.List<long> s_sizes = new();
            private static long s_total;

            [AsyncSyscall(RingOp.None)]
            public int Reserve(int fd)
            {
                {|ASYS1003:CollectionsMarshal.GetValueRefOrAddDefault(_offsets, fd, out _)|} = fd;
                ref int count = ref {|ASYS1003:CollectionsMarshal.GetValueRefOrAddDefault(s_counts, fd, out bool exists)|};
                {|ASYS1003:count|}++;
                {|ASYS1003:CollectionsMarshal.GetValueRefOrAddDefault(s_counts, -fd, out _)|}++;
                {|ASYS1003:CollectionsMarshal.AsSpan(s_sizes)[0]|} = fd;
                Span<long> sizes = CollectionsMarshal.AsSpan(s_sizes);
                {|ASYS1003:sizes[1]|} += 2;
                ref int existing = ref CollectionsMarshal.GetValueRefOrNullRef(s_counts, 3);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref existing))
                {
                    {|ASYS1003:existing|}++;
                }

                {|ASYS1003:CollectionsMarshal.GetValueRefOrNullRef(s_counts, 4)|} = 1;
                {|ASYS1003:CollectionsMarshal.GetValueRefOrNullRef(s_stats, 5).Calls|}++;
                ref long total = ref s_total;
                {|ASYS1003:total|} = exists ? 1 : 0;
                return Native.flock(fd, 2);
            }

            public ValueTask<int> ReserveAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task CollectionsMarshal_under_a_lock_on_a_per_call_collection_or_only_reading_is_not_reported() => VerifyAsync("""
        sealed class ChunkIndex
        {
            private readonly System.Collections.Generic.Dictionary<long, long> _offsets = new();
            private readonly Lock _gate = new();
            private static readonly object s_gate = new();
            private static readonly System.Collections.Generic.Dictionary<int, int> s_counts = new();
            private static readonly System.Collections.Generic.List<long> s_sizes = new();

            [AsyncSyscall(RingOp.None)]
            public int Reserve(int fd)
            {
                lock (s_gate)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(s_counts, fd, out _)++;
                    CollectionsMarshal.AsSpan(s_sizes)[0] = fd;
                }

                using (_gate.EnterScope())
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(_offsets, fd, out _) = fd;
                }

                var mine = new System.Collections.Generic.Dictionary<int, int>();
                CollectionsMarshal.GetValueRefOrAddDefault(mine, fd, out _) = 1;
                ref int own = ref CollectionsMarshal.GetValueRefOrNullRef(mine, fd);
                own++;
                Span<long> scratch = stackalloc long[4];
                scratch[0] = fd;
                long sum = 0;
                foreach (long size in CollectionsMarshal.AsSpan(s_sizes))
                {
                    sum += size;
                }

                ref readonly int seen = ref CollectionsMarshal.GetValueRefOrNullRef(s_counts, fd);
                int copy = System.Runtime.CompilerServices.Unsafe.IsNullRef(in seen) ? 0 : seen;
                long last = 0;
                ref long pick = ref last;
                pick = fd;
                return Native.flock(fd, 2) + copy + (int)sum + (int)scratch[0] + (int)last;
            }

            public ValueTask<int> ReserveAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A library method given a shared variable by ref writes it like an assignment (Array.Resize replaces the array the
    // field holds); a helper of the compilation writing its ref parameter writes what the caller passed. Any method of a
    // collection of System.Collections that is not a documented reader changes it: PriorityQueue, HashSet.UnionWith,
    // BitArray.SetAll, ObservableCollection.Move, EnsureCapacity, CollectionExtensions.AddRange, a class derived from List,
    // a Capacity set.
    [Fact]
    public Task Shared_state_replaced_through_ref_or_changed_by_any_collection_method_is_reported() => VerifyAsync("""
        sealed class WatchTable : System.Collections.Generic.List<string> { }

        sealed class Watcher
        {
            private string?[] _paths = new string?[4];
            private static int[] s_counts = new int[4];
            private static readonly System.Collections.Generic.PriorityQueue<int, long> s_due = new();
            private static readonly System.Collections.Generic.HashSet<int> s_open = new();
            private static readonly System.Collections.BitArray s_used = new(64);
            private static readonly System.Collections.ObjectModel.ObservableCollection<int> s_seen = new() { 1, 2 };
            private static readonly System.Collections.Generic.List<int> s_list = new();
            private static readonly WatchTable s_table = new();
            private static readonly System.Collections.Hashtable s_names = new();

            [AsyncSyscall(RingOp.None)]
            public int AddWatch(int fd)
            {
                Array.Resize(ref {|ASYS1003:_paths|}, fd + 1);
                Grow(ref s_counts);
                {|ASYS1003:s_due.Enqueue(fd, fd)|};
                {|ASYS1003:s_due.EnqueueDequeue(fd, fd)|};
                {|ASYS1003:s_open.UnionWith(new[] { fd })|};
                {|ASYS1003:s_used.SetAll(false)|};
                {|ASYS1003:s_seen.Move(0, 1)|};
                {|ASYS1003:s_list.EnsureCapacity(fd)|};
                ReadOnlySpan<int> more = stackalloc int[] { fd };
                {|ASYS1003:System.Collections.Generic.CollectionExtensions.AddRange(s_list, more)|};
                {|ASYS1003:s_list.Capacity|} = fd;
                {|ASYS1003:s_table.Add("x")|};
                {|ASYS1003:s_names[fd]|} = "x";
                return Native.flock(fd, 2);
            }

            public ValueTask<int> AddWatchAsync(int fd, CancellationToken cancellationToken = default) => default;

            private static void Grow(ref int[] table) => {|ASYS1003:table|} = new int[table.Length * 2];
        }
        """);

    [Fact]
    public Task Ref_arguments_to_synchronizing_methods_collection_reads_and_other_collections_are_not_reported() => VerifyAsync("""
        sealed class Watcher
        {
            private static readonly object s_gate = new();
            private string?[] _paths = new string?[4];
            private static int[] s_counts = new int[4];
            private static int s_total;
            private static System.Collections.Generic.List<int>? s_lazy;
            private static System.Collections.Immutable.ImmutableList<int> s_frozen = System.Collections.Immutable.ImmutableList<int>.Empty;
            private static readonly System.Collections.Generic.PriorityQueue<int, long> s_due = new();
            private static readonly System.Collections.Generic.HashSet<int> s_open = new();
            private static readonly System.Collections.Generic.SortedSet<int> s_sorted = new();
            private static readonly System.Collections.BitArray s_used = new(64);
            private static readonly System.Collections.Generic.List<int> s_list = new();
            private static readonly System.Collections.Generic.Dictionary<int, int> s_map = new();
            private static readonly System.Collections.Generic.IDictionary<int, int> s_any = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
            private static readonly System.Collections.Concurrent.ConcurrentQueue<int> s_queue = new();

            [AsyncSyscall(RingOp.None)]
            public int AddWatch(int fd)
            {
                lock (s_gate)
                {
                    Array.Resize(ref _paths, fd + 1);
                    s_due.Enqueue(fd, fd);
                }

                Interlocked.CompareExchange(ref _paths, new string?[1], null);
                Interlocked.Exchange(ref s_counts, new int[1]);
                Volatile.Write(ref s_counts, new int[2]);
                LazyInitializer.EnsureInitialized(ref s_lazy);
                System.Collections.Immutable.ImmutableInterlocked.Update(ref s_frozen, l => l.Add(fd));
                bool missing = System.Runtime.CompilerServices.Unsafe.IsNullRef(ref s_total);
                int first = MemoryMarshal.CreateSpan(ref s_total, 1)[0];
                var local = new int[1];
                Array.Resize(ref local, fd + 1);
                Grow(ref local);
                var mine = new System.Collections.Generic.PriorityQueue<int, long>();
                mine.Enqueue(fd, fd);
                int next = s_due.Peek() + (s_due.TryPeek(out int due, out _) ? due : 0);
                bool seen = s_open.Contains(fd) && s_open.IsSubsetOf(s_sorted) && s_open.SetEquals(s_sorted) && s_used.Get(0);
                int[] copy = s_list.ToArray();
                s_list.CopyTo(copy);
                int found = s_list.Find(x => x == fd) + s_list.IndexOf(fd) + System.Collections.Generic.CollectionExtensions.GetValueOrDefault(s_map, fd);
                foreach (int x in s_sorted.Reverse()) found += x;
                s_any[fd] = fd;
                s_queue.Enqueue(fd);
                _ = s_frozen.Add(fd);
                return Native.flock(fd, 2) + next + found + first + (seen || missing ? 1 : 0) + s_list.Count;
            }

            public ValueTask<int> AddWatchAsync(int fd, CancellationToken cancellationToken = default) => default;

            private static void Grow(ref int[] table) => table = new int[table.Length * 2];
        }
        """);

    // A shared StringBuilder, MemoryStream or StreamWriter changed in an offloaded wrapper is the race a shared List is:
    // two workers appending at once lose text or throw. Reading it (ToString, Length) is not a change; under a lock, a
    // per-call builder, Console.Out and Random.Shared are not reported.
    [Fact]
    public Task Shared_string_builders_and_streams_changed_in_an_offloaded_wrapper_are_reported() => VerifyAsync("""
        sealed class BuildLog
        {
            private static readonly System.Text.StringBuilder s_transcript = new();
            private static readonly System.IO.MemoryStream s_capture = new();
            private readonly System.IO.StringWriter _writer = new();
            private static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            public int Spawn(int fd)
            {
                {|ASYS1003:s_transcript.Append("spawn ")|}.Append(fd);
                {|ASYS1003:s_capture.WriteByte(1)|};
                {|ASYS1003:_writer.Write(fd)|};
                return Native.flock(fd, 2);
            }

            public ValueTask<int> SpawnAsync(int fd, CancellationToken cancellationToken = default) => default;

            [AsyncSyscall(RingOp.None)]
            public int Quiet(int fd)
            {
                lock (s_gate)
                {
                    s_transcript.Append(fd);
                }

                var mine = new System.Text.StringBuilder();
                mine.Append(fd);
                Console.Out.WriteLine(mine.ToString());
                int jitter = Random.Shared.Next(10);
                return Native.flock(fd, 2) + s_transcript.Length + s_transcript.ToString().Length + jitter;
            }

            public ValueTask<int> QuietAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A shared System.Random other than Random.Shared (since round 63): its seed state is corrupted by concurrent Next
    // calls, so a static or instance `new Random()` drawn from in an offloaded wrapper is reported; Random.Shared, a field
    // initialized with it, a per-call Random and one under a lock are not.
    [Fact]
    public Task Shared_random_drawn_from_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        sealed class Backoff
        {
            private static readonly Random s_jitter = new();
            private readonly Random _seeded = new(42);
            private static readonly Random s_shared = Random.Shared;
            private static Random SharedJitter { get; } = Random.Shared;
            private static readonly object s_gate = new();

            [AsyncSyscall(RingOp.None)]
            public int Retry(int fd)
            {
                int a = {|ASYS1003:s_jitter.Next(1, 20)|};
                double b = {|ASYS1003:_seeded.NextDouble()|};
                return Native.flock(fd, 2) + a + (int)b;
            }

            public ValueTask<int> RetryAsync(int fd, CancellationToken cancellationToken = default) => default;

            [AsyncSyscall(RingOp.None)]
            public int Quiet(int fd)
            {
                int a = Random.Shared.Next(10) + s_shared.Next(10) + SharedJitter.Next(10);
                var mine = new Random(fd);
                int b = mine.Next(10);
                lock (s_gate)
                {
                    b += s_jitter.Next(10);
                }

                return Native.flock(fd, 2) + a + b + s_jitter.GetHashCode();
            }

            public ValueTask<int> QuietAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A library call that writes a shared array (a copy's destination, an in-place Clear/Sort, a Span destination it is
    // converted to) is the write `s_table[i] = x` is, for many elements at once; the array as a copy's source is only read.
    [Fact]
    public Task Shared_array_written_by_a_library_call_is_reported() => VerifyAsync("""
        sealed class Table
        {
            private static int[] s_table = new int[16];
            private static byte[] s_bytes = new byte[16];
            private readonly int[] _slots = new int[16];

            [AsyncSyscall(RingOp.None)]
            public int Load(int fd, int[] chunk, System.Collections.Generic.List<int> list)
            {
                Array.Copy(chunk, {|ASYS1003:s_table|}, chunk.Length);
                chunk.CopyTo({|ASYS1003:_slots|}, 0);
                list.CopyTo({|ASYS1003:s_table|});
                Array.Clear({|ASYS1003:s_table|});
                Array.Sort({|ASYS1003:_slots|});
                int[] table = s_table;
                Array.Fill({|ASYS1003:table|}, fd);
                System.Text.Encoding.UTF8.GetBytes("x", {|ASYS1003:s_bytes|});
                return Native.flock(fd, 2);
            }

            public ValueTask<int> LoadAsync(int fd, int[] chunk, System.Collections.Generic.List<int> list, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Shared_array_only_read_by_a_library_call_or_written_under_a_lock_is_not_reported() => VerifyAsync("""
        sealed class Table
        {
            private static readonly object s_gate = new();
            private static int[] s_table = new int[16];

            [AsyncSyscall(RingOp.None)]
            public int Load(int fd, int[] chunk)
            {
                var mine = new int[16];
                Array.Copy(s_table, mine, mine.Length);
                s_table.CopyTo(mine, 0);
                s_table.CopyTo(mine.AsSpan());
                int at = Array.IndexOf(s_table, fd) + Array.BinarySearch(s_table, fd);
                Array.Clear(mine);
                Array.Copy(chunk, mine, chunk.Length);
                lock (s_gate)
                {
                    Array.Copy(chunk, s_table, chunk.Length);
                }

                return Native.flock(fd, 2) + at;
            }

            public ValueTask<int> LoadAsync(int fd, int[] chunk, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A reference a library call returns into shared state (a dictionary's value, a list's or array's storage, a field of a
    // shared struct) aliases it: a write through it, or through a ref local or span local that only holds it, a field of it,
    // or the reference given by ref to a writing method, is a write of the shared state, reported at the write.
    [Fact]
    public Task Write_through_a_reference_into_shared_state_is_reported() => VerifyAsync("""
        struct PeerStats { public long Packets; public long Bytes; }

        sealed class UdpServer
        {
            private readonly System.Collections.Generic.Dictionary<ulong, PeerStats> _peers = new();
            private static readonly System.Collections.Generic.List<PeerStats> s_slots = new();
            private readonly long[] _buckets = new long[16];
            private static PeerStats[] s_ring = new PeerStats[8];
            private static PeerStats s_totals;

            [AsyncSyscall(RingOp.None)]
            public int Receive(int fd, ulong key)
            {
                ref PeerStats stats = ref {|ASYS1003:CollectionsMarshal.GetValueRefOrAddDefault(_peers, key, out _)|};
                {|ASYS1003:stats.Packets|}++;
                {|ASYS1003:stats.Bytes|} += fd;
                {|ASYS1003:{|ASYS1003:CollectionsMarshal.GetValueRefOrAddDefault(_peers, key + 1, out _)|}.Packets|}++;
                ref PeerStats found = ref CollectionsMarshal.GetValueRefOrNullRef(_peers, key);
                {|ASYS1003:found|} = default;
                ref PeerStats slot = ref CollectionsMarshal.AsSpan(s_slots)[0];
                {|ASYS1003:slot.Packets|}--;
                ref long first = ref MemoryMarshal.GetArrayDataReference(_buckets);
                {|ASYS1003:first|}++;
                {|ASYS1003:System.Runtime.CompilerServices.Unsafe.Add(ref first, 3)|} += 2;
                ref long bucket = ref _buckets[fd & 15];
                {|ASYS1003:bucket|}++;
                ref PeerStats next = ref s_ring[fd & 7];
                {|ASYS1003:next.Bytes|} = fd;
                {|ASYS1003:s_ring[0].Packets|}++;
                ref long total = ref s_totals.Packets;
                {|ASYS1003:total|} += fd;
                Span<long> view = _buckets.AsSpan();
                {|ASYS1003:view[1]|}++;
                Reset(ref stats);
                long.TryParse("1", out {|ASYS1003:stats.Bytes|});
                return Native.flock(fd, 2);
            }

            public ValueTask<int> ReceiveAsync(int fd, ulong key, CancellationToken cancellationToken = default) => default;

            private static void Reset(ref PeerStats counted) => {|ASYS1003:counted.Bytes|} = 0;
        }
        """);

    [Fact]
    public Task Write_through_a_reference_under_a_lock_by_interlocked_or_into_per_call_state_is_not_reported() => VerifyAsync("""
        struct PeerStats { public long Packets; }

        sealed class UdpServer
        {
            private readonly System.Collections.Generic.Dictionary<ulong, PeerStats> _peers = new();
            private readonly long[] _buckets = new long[16];
            private readonly object _gate = new();
            private readonly Lock _scope = new();

            [AsyncSyscall(RingOp.None)]
            public int Receive(int fd, ulong key)
            {
                lock (_gate)
                {
                    ref PeerStats stats = ref CollectionsMarshal.GetValueRefOrAddDefault(_peers, key, out _);
                    stats.Packets++;
                }

                using (_scope.EnterScope())
                {
                    ref PeerStats again = ref CollectionsMarshal.GetValueRefOrNullRef(_peers, key);
                    again.Packets += 2;
                }

                ref PeerStats existing = ref CollectionsMarshal.GetValueRefOrNullRef(_peers, key);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref existing))
                {
                    Interlocked.Increment(ref existing.Packets);
                }

                Interlocked.Add(ref MemoryMarshal.GetArrayDataReference(_buckets), fd);
                var mine = new System.Collections.Generic.Dictionary<ulong, PeerStats>();
                ref PeerStats own = ref CollectionsMarshal.GetValueRefOrAddDefault(mine, key, out _);
                own.Packets++;
                long[] scratch = new long[4];
                ref long cell = ref MemoryMarshal.GetArrayDataReference(scratch);
                cell++;
                PeerStats copy = CollectionsMarshal.GetValueRefOrNullRef(_peers, key + 1);
                copy.Packets++;
                long read = MemoryMarshal.GetArrayDataReference(_buckets) + _buckets.AsSpan()[1];
                return Native.flock(fd, 2) + (int)read + (int)copy.Packets + (int)cell + (int)own.Packets;
            }

            public ValueTask<int> ReceiveAsync(int fd, ulong key, CancellationToken cancellationToken = default) => default;
        }
        """);
}
