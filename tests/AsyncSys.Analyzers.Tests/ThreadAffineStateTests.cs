using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class ThreadAffineStateTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ThreadAffineStateAnalyzer>.VerifyAsync(TestSources.Native + code);

    // Round 55: a binding keeps its last error per thread; set by its call before an await, read by the caller after it.
    [Fact]
    public Task Thread_static_set_by_a_helper_and_read_directly_after_an_await_is_reported() => VerifyAsync("""
        static class Codec
        {
            [ThreadStatic] internal static int t_lastError;

            internal static int Compress(int level)
            {
                if (level > 9)
                {
                    t_lastError = level;
                    return -1;
                }

                return 0;
            }
        }

        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                int rc = Codec.Compress(12);
                await ring.FsyncAsync(fd);
                return rc < 0 ? {|ASYS1002:Codec.t_lastError|} : 0;
            }

            static async Task<int> Before(IoRing ring, int fd)
            {
                if (Codec.Compress(12) < 0)
                {
                    int error = Codec.t_lastError;
                    await ring.FsyncAsync(fd);
                    return error;
                }

                return 0;
            }

            static async Task<int> SetAgain(IoRing ring, int fd)
            {
                await ring.FsyncAsync(fd);
                int rc = Codec.Compress(12);
                return rc < 0 ? Codec.t_lastError : 0;
            }
        }
        """);

    // A number copied out of per-thread storage in one arm of a conditional (or a switch arm) is a copy, as a plain copy is
    // (round 55's report noted these two false reports); a thread id chosen that way still flows (the stripe test below).
    [Fact]
    public Task Thread_static_number_copied_in_a_conditional_before_an_await_is_quiet() => VerifyAsync("""
        static class Codec
        {
            [ThreadStatic] internal static int t_lastError;
        }

        static class C
        {
            static async Task<int> Conditional(IoRing ring, int fd, int rc)
            {
                int error = rc < 0 ? Codec.t_lastError : 0;
                await ring.FsyncAsync(fd);
                return error;
            }

            static async Task<int> Switched(IoRing ring, int fd, int rc)
            {
                int error = rc switch { < 0 => Codec.t_lastError, _ => 0 };
                await ring.FsyncAsync(fd);
                return error;
            }
        }
        """);

    // Round 54: an AsyncLocal set here and read in a callback handed over while the execution context's flow is suppressed.
    [Fact]
    public Task Async_local_read_in_a_callback_handed_over_under_suppressed_flow_is_reported() => VerifyAsync("""
        static class Ambient
        {
            internal static readonly AsyncLocal<string?> Tenant = new();
        }

        static class C
        {
            static async Task<int> M(string tenant)
            {
                Ambient.Tenant.Value = tenant;
                Task<int> a;
                using (ExecutionContext.SuppressFlow())
                {
                    a = Task.Run(() => {|ASYS1002:Ambient.Tenant.Value|}?.Length ?? 0);
                }

                using var suppressed = ExecutionContext.SuppressFlow();
                ThreadPool.QueueUserWorkItem(_ => Native.Log({|ASYS1002:Ambient.Tenant.Value|} ?? ""));
                return await a;
            }

            static void N(string tenant)
            {
                Ambient.Tenant.Value = tenant;
                ExecutionContext.SuppressFlow();
                ThreadPool.QueueUserWorkItem(_ => Native.Log({|ASYS1002:Ambient.Tenant.Value|} ?? ""));
                ExecutionContext.RestoreFlow();
            }
        }
        """);

    [Fact]
    public Task Async_local_captured_first_or_read_in_a_callback_that_flows_the_context_is_quiet() => VerifyAsync("""
        static class Ambient
        {
            internal static readonly AsyncLocal<string?> Tenant = new();
        }

        static class C
        {
            static async Task<int> M(string tenant)
            {
                Ambient.Tenant.Value = tenant;
                string? current = Ambient.Tenant.Value;
                Task<int> a;
                using (ExecutionContext.SuppressFlow())
                {
                    a = Task.Run(() => current?.Length ?? 0);
                }

                Task<int> b = Task.Run(() => Ambient.Tenant.Value?.Length ?? 0);
                return await a + await b;
            }

            static void N(string tenant)
            {
                Ambient.Tenant.Value = tenant;
                ExecutionContext.SuppressFlow();
                ExecutionContext.RestoreFlow();
                ThreadPool.QueueUserWorkItem(_ => Native.Log(Ambient.Tenant.Value ?? ""));
            }
        }
        """);

    [Fact]
    public Task Thread_id_read_before_an_await_and_used_as_a_key_after_it_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.Dictionary<int, int> s_pending = new();

            static async Task M(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                s_pending[owner] = fd;
                await Native.fsyncAsync(fd);
                s_pending.Remove({|ASYS1002:owner|});
            }
        }
        """);

    [Fact]
    public Task Thread_static_scratch_used_after_an_await_through_a_copy_of_its_local_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static async Task M(int fd, string first, string second)
            {
                byte[] scratch = t_scratch ??= new byte[4096];
                byte[] encoded = scratch;
                int n = System.Text.Encoding.UTF8.GetBytes(first, encoded);
                await Native.fsyncAsync(fd);
                n += System.Text.Encoding.UTF8.GetBytes(second, {|ASYS1002:encoded|});
            }
        }
        """);

    [Fact]
    public Task Copy_of_a_thread_static_scratch_taken_again_after_the_await_or_copied_after_it_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static async Task M(int fd, string first, string second, byte[] spare)
            {
                byte[] encoded = spare;
                int n = System.Text.Encoding.UTF8.GetBytes(first, encoded);
                await Native.fsyncAsync(fd);
                n += System.Text.Encoding.UTF8.GetBytes(second, encoded);
                await Native.fsyncAsync(fd);
                byte[] scratch = t_scratch ??= new byte[4096];
                encoded = scratch;
                n += System.Text.Encoding.UTF8.GetBytes(second, encoded);
                byte[] copy = scratch;
                await Native.fsyncAsync(fd);
                copy = t_scratch ??= new byte[4096];
                n += System.Text.Encoding.UTF8.GetBytes(second, copy);
            }
        }
        """);

    [Fact]
    public Task Thread_static_block_taken_out_and_cleared_before_the_await_is_not_reported_kept_in_the_field_it_is() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_block;
            [ThreadStatic] static byte[]? t_kept;

            static async Task<int> Taken(int fd)
            {
                byte[] block = t_block ??= new byte[512];
                t_block = null;
                await Native.fsyncAsync(fd);
                return block[0];
            }

            static async Task<int> Kept(int fd)
            {
                byte[] block = t_kept ??= new byte[512];
                await Native.fsyncAsync(fd);
                return {|ASYS1002:block|}[0];
            }
        }
        """);

    [Fact]
    public Task ThreadLocal_value_captured_by_an_async_lambda_and_used_after_its_await_is_reported() => VerifyAsync("""
        sealed class Counters { public long Syncs; }

        static class C
        {
            static readonly ThreadLocal<Counters> s_counters = new(() => new Counters());

            static Task M(int[] fds)
            {
                Counters counters = s_counters.Value!;
                return Task.WhenAll(System.Linq.Enumerable.Select(fds, async fd =>
                {
                    await Native.fsyncAsync(fd);
                    {|ASYS1002:counters|}.Syncs++;
                }));
            }
        }
        """);

    [Fact]
    public Task ThreadLocal_value_captured_by_an_async_lambda_and_used_before_its_await_or_taken_inside_is_not_reported() => VerifyAsync("""
        sealed class Counters { public long Syncs; }

        static class C
        {
            static readonly ThreadLocal<Counters> s_counters = new(() => new Counters());

            static Task M(int[] fds, Counters shared)
            {
                Counters counters = s_counters.Value!;
                Counters other = shared;
                return Task.WhenAll(System.Linq.Enumerable.Select(fds, async fd =>
                {
                    counters.Syncs++;
                    await Native.fsyncAsync(fd);
                    Counters mine = s_counters.Value!;
                    mine.Syncs++;
                    other.Syncs++;
                }));
            }
        }
        """);

    [Fact]
    public Task Thread_id_captured_before_an_await_and_only_logged_or_compared_after_it_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<bool> M(int fd)
            {
                int before = Environment.CurrentManagedThreadId;
                Thread thread = Thread.CurrentThread;
                await Native.fsyncAsync(fd);
                Native.Log("started on " + before + $", thread {thread.Name}");
                Console.WriteLine(before);
                return before != Environment.CurrentManagedThreadId || !Equals(before, Thread.CurrentThread.ManagedThreadId);
            }
        }
        """);

    [Fact]
    public Task Thread_id_given_to_a_log_method_in_its_params_array_after_an_await_is_not_reported() => VerifyAsync("""
        interface IStructuredLog { void Log(string template, params object?[] args); }

        static class LogExtensions
        {
            public static void LogDebug(this IStructuredLog log, string template, params object?[] args) => log.Log(template, args);
        }

        static class C
        {
            static async Task M(IStructuredLog log, string path, int fd)
            {
                int startedOn = Environment.CurrentManagedThreadId;
                await Native.fsyncAsync(fd);
                log.LogDebug("synced {Path} (started on thread {Thread})", path, startedOn);
                log.Log("started on {Thread}", new object?[] { startedOn });
            }
        }
        """);

    [Fact]
    public Task Thread_id_given_in_a_params_array_to_a_method_not_named_like_a_log_after_an_await_is_reported() => VerifyAsync("""
        static class Registry
        {
            public static void Forget(params object[] keys) { }
        }

        static class C
        {
            static async Task M(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                await Native.fsyncAsync(fd);
                Registry.Forget("fsync", {|ASYS1002:owner|});
            }
        }
        """);

    [Fact]
    public Task Managed_thread_id_through_current_thread_and_a_helper_property_is_reported() => VerifyAsync("""
        static class C
        {
            static int CurrentId => Thread.CurrentThread.ManagedThreadId;
            static readonly System.Collections.Generic.HashSet<int> s_busy = new();

            static async Task M(int fd)
            {
                int a = Thread.CurrentThread.ManagedThreadId;
                int b = CurrentId;
                await Native.fsyncAsync(fd);
                s_busy.Remove({|ASYS1002:a|});
                s_busy.Remove({|ASYS1002:b|});
            }
        }
        """);

    [Fact]
    public Task Thread_id_used_on_the_next_iteration_of_a_loop_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.Dictionary<int, int> s_owners = new();

            static async Task M(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                for (int i = 0; i < 3; i++)
                {
                    s_owners[{|ASYS1002:owner|}] = i;
                    await Native.fsyncAsync(fd);
                }
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_saved_and_restored_across_an_await_is_reported_once() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static string? t_context;

            static async Task M(int fd)
            {
                string? saved = t_context;
                t_context = "work";
                try
                {
                    await Native.fsyncAsync(fd);
                }
                finally
                {
                    t_context = {|ASYS1002:saved|};
                }
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_depth_counter_across_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static int t_depth;

            static async Task M(int fd)
            {
                t_depth++;
                await Native.fsyncAsync(fd);
                {|ASYS1002:t_depth|}--;
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_filled_in_again_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static async Task<int> M(int fd)
            {
                t_scratch ??= new byte[64];
                int n = t_scratch.Length;
                await Native.fsyncAsync(fd);
                t_scratch ??= new byte[64];
                return n + t_scratch.Length;
            }
        }
        """);

    [Fact]
    public Task Captured_thread_id_in_a_lambda_of_a_field_initializer_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.HashSet<int> s_busy = new();

            static readonly Func<int, Task> s_work = async fd =>
            {
                int owner = Environment.CurrentManagedThreadId;
                s_busy.Add(owner);
                await Native.fsyncAsync(fd);
                s_busy.Remove({|ASYS1002:owner|});
            };
        }
        """);

    [Fact]
    public Task Branches_that_return_before_the_await_are_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.HashSet<int> s_busy = new();

            static async Task M(int fd, bool fast)
            {
                if (fast)
                {
                    int owner = Environment.CurrentManagedThreadId;
                    s_busy.Add(owner);
                    s_busy.Remove(owner);
                    return;
                }

                await Native.fsyncAsync(fd);
                int after = Environment.CurrentManagedThreadId;
                s_busy.Add(after);
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_field_used_on_both_sides_of_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static async Task M(int fd)
            {
                t_scratch = new byte[64];
                await Native.fsyncAsync(fd);
                Native.Log({|ASYS1002:t_scratch|}!.Length.ToString());
            }
        }
        """);

    [Fact]
    public Task ThreadLocal_value_kept_across_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<Random> s_random = new(() => new Random());

            static async Task<int> M(int fd)
            {
                Random random = s_random.Value!;
                await Native.fsyncAsync(fd);
                return {|ASYS1002:random|}.Next();
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_read_inside_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static int t_depth;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                Native.Log({|ASYS1002:Thread.CurrentThread|}.Name ?? "?");
                return Native.flock(fd, {|ASYS1002:t_depth|});
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A private [ThreadStatic] cache that its type only ever makes with `??= new ...`, made by the offloaded wrapper for
    // itself: the worker's own scratch is the one the call needs.
    [Fact]
    public Task Per_thread_cache_an_offloaded_wrapper_makes_for_itself_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] private static byte[]? t_scratch;
            [ThreadStatic] private static System.Text.StringBuilder? t_builder;

            [AsyncSyscall(RingOp.None)]
            static int Probe(int fd)
            {
                byte[] scratch = t_scratch ??= new byte[64];
                System.Text.StringBuilder builder = t_builder ??= new System.Text.StringBuilder();
                builder.Clear();
                return Native.flock(fd, scratch.Length + builder.Length + t_scratch.Length);
            }

            static ValueTask<int> ProbeAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // The nearest hazards: a field some code sets to a value of its choosing, a field other types may set, and a cache the
    // wrapper reads without making it: each may be the caller's thread's, which the worker does not see.
    [Fact]
    public Task Per_thread_field_set_elsewhere_or_not_made_by_the_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] private static byte[]? t_chosen;
            [ThreadStatic] internal static byte[]? t_shared;
            [ThreadStatic] private static byte[]? t_scratch;

            static void Choose(byte[] buffer) => t_chosen = buffer;

            static byte[] Scratch() => t_scratch ??= new byte[64];

            [AsyncSyscall(RingOp.None)]
            static int Probe(int fd)
            {
                byte[] chosen = {|ASYS1002:t_chosen|} ??= new byte[64];
                byte[] shared = {|ASYS1002:t_shared|} ??= new byte[64];
                byte[] scratch = {|ASYS1002:t_scratch|} ?? new byte[64];
                return Native.flock(fd, chosen.Length + shared.Length + scratch.Length);
            }

            static ValueTask<int> ProbeAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // A cache the wrapper checks and, when it is missing or too small, makes again with `=` (round 42): on the worker
    // every value the field ever held is a fresh array some call made there, never one a caller chose.
    [Fact]
    public Task Per_thread_scratch_an_offloaded_wrapper_remakes_with_an_assignment_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] private static byte[]? t_scratch;

            [AsyncSyscall(RingOp.None)]
            static int Probe(int fd, int length)
            {
                byte[] scratch = t_scratch is { } cached && cached.Length >= length ? cached : (t_scratch = new byte[Math.Max(length, 4096)]);
                int sum = 0;
                for (int i = 0; i < length; i++) sum += scratch[i];
                return Native.flock(fd, sum + t_scratch.Length);
            }

            static ValueTask<int> ProbeAsync(int fd, int length, CancellationToken cancellationToken = default) => default;
        }
        """);

    // The nearest hazards: the caller's thread makes the scratch (`= new ...` in another method) and the wrapper only
    // reads it, and a wrapper that makes its own but whose type also stores a caller's array in the field.
    [Fact]
    public Task Per_thread_scratch_made_by_the_caller_or_also_given_a_callers_array_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] private static byte[]? t_prepared;
            [ThreadStatic] private static byte[]? t_given;

            static void Prepare(int length) => t_prepared = new byte[length];

            static void Give(byte[] buffer) => t_given = buffer;

            [AsyncSyscall(RingOp.None)]
            static int Probe(int fd, int length)
            {
                byte[] prepared = {|ASYS1002:t_prepared|}!;
                byte[] given = {|ASYS1002:t_given|} is { } cached && cached.Length >= length ? cached : ({|ASYS1002:t_given|} = new byte[length]);
                return Native.flock(fd, prepared.Length + given.Length);
            }

            static ValueTask<int> ProbeAsync(int fd, int length, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task ThreadStatic_in_synchronous_code_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static int M(int fd)
            {
                t_scratch ??= new byte[64];
                int owner = Environment.CurrentManagedThreadId;
                return Native.ReadInto(fd, t_scratch, 0) + owner;
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_read_again_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                Native.Log("before " + Environment.CurrentManagedThreadId);
                await Native.fsyncAsync(fd);
                int owner = Environment.CurrentManagedThreadId;
                Native.Log("after " + owner);
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_in_a_wrapper_that_runs_on_the_ring_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static int t_calls;

            [AsyncSyscall(RingOp.Fsync)]
            static int Sync(int fd)
            {
                t_calls++;
                return Native.fsync(fd);
            }

            static ValueTask<int> SyncAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Helper_that_checks_which_thread_runs_it_used_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class C
        {
            static int s_uiThread;
            static Thread? s_owner;

            static bool OnUiThread => Environment.CurrentManagedThreadId == s_uiThread;

            static bool IsOwner() => ReferenceEquals(s_owner, Thread.CurrentThread);

            static bool HoldsIt
            {
                get { return s_owner != null && Thread.CurrentThread.ManagedThreadId.Equals(s_owner.ManagedThreadId); }
            }

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, int operation)
            {
                if ({|ASYS1002:IsOwner()|} || {|ASYS1002:HoldsIt|})
                {
                    return 0;
                }

                return Native.flock(fd, {|ASYS1002:OnUiThread|} ? operation | 4 : operation);
            }

            static ValueTask<int> LockAsync(int fd, int operation, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task Helper_that_computes_its_value_from_per_thread_storage_used_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class RequestDeadline
        {
            [ThreadStatic] static long t_deadline;
            static readonly ThreadLocal<int> s_depth = new();

            public static int RemainingMilliseconds => t_deadline == 0 ? -1 : (int)Math.Max(0, t_deadline - Environment.TickCount64);

            public static bool Nested() => s_depth.Value > 1;
        }

        static class C
        {
            [AsyncSyscall(RingOp.None)]
            static int Wait(int fd) => Native.flock(fd, {|ASYS1002:RequestDeadline.RemainingMilliseconds|} < 0 ? 2 : 6);

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd) => Native.flock(fd, {|ASYS1002:RequestDeadline.Nested()|} ? 6 : 2);

            static ValueTask<int> WaitAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // The per-thread storage a helper reads may be another type's, named through that type: `Scope.t_current` (a
    // [ThreadStatic] field), `Scope.s_depth.Value` (a ThreadLocal), read or computed with.
    [Fact]
    public Task Helper_reading_another_types_per_thread_storage_through_its_type_used_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        sealed class RequestScope
        {
            [ThreadStatic] internal static RequestScope? t_current;
            internal static readonly ThreadLocal<int> s_depth = new();
            public int SendTimeoutMs { get; init; } = 30_000;
        }

        static class C
        {
            static int SendTimeout => RequestScope.t_current?.SendTimeoutMs ?? 30_000;

            static RequestScope? Current => RequestScope.t_current;

            static int Depth() => RequestScope.s_depth.Value + 1;

            [AsyncSyscall(RingOp.None)]
            static int Wait(int fd) => Native.flock(fd, {|ASYS1002:SendTimeout|} < 0 ? 2 : 6);

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd) => Native.flock(fd, {|ASYS1002:Current|} is null ? 2 : 6);

            [AsyncSyscall(RingOp.None)]
            static int Nested(int fd) => Native.flock(fd, {|ASYS1002:Depth()|} > 1 ? 6 : 2);

            static ValueTask<int> WaitAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> NestedAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // The nearest correct code: another type's plain static named the same way, another type's per-thread tool only drawn
    // from, and the per-thread value read by the async caller and passed in.
    [Fact]
    public Task Helper_reading_another_types_plain_static_or_drawing_from_its_per_thread_tool_in_an_offloaded_wrapper_is_not_reported() => VerifyAsync("""
        sealed class RequestScope
        {
            [ThreadStatic] internal static RequestScope? t_current;
            internal static RequestScope? s_default;
            internal static readonly ThreadLocal<Random> s_random = new(() => new Random());
            public int SendTimeoutMs { get; init; } = 30_000;
        }

        static class C
        {
            static int DefaultTimeout => RequestScope.s_default?.SendTimeoutMs ?? 30_000;

            static int Jitter => RequestScope.s_random.Value!.Next(0, 50);

            internal static int SendTimeout => RequestScope.t_current?.SendTimeoutMs ?? 30_000;

            [AsyncSyscall(RingOp.None)]
            static int Wait(int fd, int timeoutMs) => Native.flock(fd, timeoutMs + DefaultTimeout + Jitter < 0 ? 2 : 6);

            static ValueTask<int> WaitAsync(int fd, int timeoutMs, CancellationToken cancellationToken = default) => default;

            static async Task<int> CallerAsync(int fd) => await WaitAsync(fd, SendTimeout);
        }
        """);

    [Fact]
    public Task Helper_that_draws_from_a_per_thread_tool_or_shards_by_thread_id_in_an_offloaded_wrapper_or_a_computed_value_kept_across_an_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<Random> s_random = new(() => new Random());
            [ThreadStatic] static long t_deadline;

            // This thread's generator only draws a number; the thread id only picks a shard: any thread's will do.
            static int Jitter => s_random.Value!.Next(0, 50);

            static int Stripe => Environment.CurrentManagedThreadId % 16;

            static int RemainingMilliseconds => (int)(t_deadline - Environment.TickCount64);

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd) => Native.flock(fd, Jitter + Stripe > 100 ? 6 : 2);

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            // The number is computed on the caller's thread and kept: it says how long is left, not which thread.
            static async Task<int> M(int fd)
            {
                int remaining = RemainingMilliseconds;
                await Native.fsyncAsync(fd);
                return remaining;
            }
        }
        """);

    [Fact]
    public Task Thread_check_made_by_the_caller_or_kept_across_an_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int s_uiThread;

            static bool OnUiThread => Environment.CurrentManagedThreadId == s_uiThread;

            static bool UiKnown => s_uiThread != 0;

            // The caller asks on its own thread and passes the answer in.
            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd, int operation, bool nonBlocking) => Native.flock(fd, nonBlocking && UiKnown ? operation | 4 : operation);

            static ValueTask<int> LockAsync(int fd, int operation, bool nonBlocking, CancellationToken cancellationToken = default) => default;

            static async Task<int> AcquireAsync(int fd)
            {
                bool startedOnUi = OnUiThread;
                int result = await LockAsync(fd, 2, OnUiThread);
                if (startedOnUi)
                {
                    Native.Log("acquired for the UI thread");
                }

                return result;
            }

            // A wrapper placed on the ring is not run by its variant: the kernel does the operation.
            [AsyncSyscall(RingOp.Fsync)]
            static int Sync(int fd) => OnUiThread ? 0 : Native.fsync(fd);

            static ValueTask<int> SyncAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task ThreadStatic_flag_set_before_an_await_and_cleared_after_it_is_reported_once_at_the_clear() => VerifyAsync("""
        static class C
        {
            [ThreadStatic]
            static bool t_flushing;

            [ThreadStatic]
            static object? t_current;

            static readonly ThreadLocal<int> s_depth = new();

            static Func<Task> OnIdle(int fd) => async () =>
            {
                t_flushing = true;
                await Native.fsyncAsync(fd);
                {|ASYS1002:t_flushing|} = false;
                await Native.fsyncAsync(fd);
                t_flushing = false;
            };

            static async Task M(int fd, object request)
            {
                t_current = request;
                s_depth.Value = 1;
                try
                {
                    await Native.fsyncAsync(fd);
                }
                finally
                {
                    {|ASYS1002:t_current|} = null;
                    {|ASYS1002:s_depth.Value|} = 0;
                }
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_set_and_cleared_on_one_side_of_an_await_or_filled_again_after_it_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic]
            static bool t_busy;

            [ThreadStatic]
            static byte[]? t_scratch;

            [ThreadStatic]
            static int t_last;

            static async Task M(int fd)
            {
                t_busy = true;
                Native.Log("sync part");
                t_busy = false;
                t_scratch ??= new byte[64];
                t_last = fd;
                await Native.fsyncAsync(fd);
                t_busy = true;
                t_scratch ??= new byte[64];
                t_last = fd + 1;
                t_busy = false;
            }
        }
        """);

    [Fact]
    public Task Thread_id_kept_in_a_record_or_an_initialized_object_and_used_as_a_key_after_an_await_is_reported() => VerifyAsync("""
        record Ticket(int ThreadId, string Path);

        class Slot
        {
            public int Owner { get; init; }
        }

        class Holder
        {
            public Holder(int threadId) => ThreadId = threadId;

            public int ThreadId { get; }
        }

        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> s_writers = new();

            static async Task M(int fd, string path)
            {
                var ticket = new Ticket(Environment.CurrentManagedThreadId, path);
                var slot = new Slot { Owner = Thread.CurrentThread.ManagedThreadId };
                var holder = new Holder(Environment.CurrentManagedThreadId);
                s_writers[ticket.ThreadId] = ticket.Path;
                await Native.fsyncAsync(fd);
                s_writers.TryRemove({|ASYS1002:ticket.ThreadId|}, out _);
                s_writers.TryRemove({|ASYS1002:slot.Owner|}, out _);
                s_writers.TryRemove({|ASYS1002:holder.ThreadId|}, out _);
            }
        }
        """);

    [Fact]
    public Task Thread_id_kept_in_a_record_and_only_logged_or_compared_after_an_await_is_not_reported() => VerifyAsync("""
        record Ticket(int ThreadId, string Path);

        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> s_paths = new();

            static async Task<bool> M(int fd, string path)
            {
                var ticket = new Ticket(Environment.CurrentManagedThreadId, path);
                var other = new Ticket(fd, path);
                await Native.fsyncAsync(fd);
                Console.WriteLine($"started on {ticket.ThreadId}");
                s_paths.TryRemove(ticket.Path, out _);
                s_paths[path] = other.ThreadId;
                Native.Log(ticket.ToString());
                return ticket.ThreadId == Environment.CurrentManagedThreadId;
            }
        }
        """);

    [Fact]
    public Task Thread_id_deconstructed_from_a_tuple_and_used_as_a_key_after_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> s_running = new();

            static async Task M(int fd, long stamp)
            {
                var (owner, started) = (Environment.CurrentManagedThreadId, stamp);
                int again;
                long at;
                (again, at) = (Thread.CurrentThread.ManagedThreadId, stamp);
                var pair = (Environment.CurrentManagedThreadId, stamp);
                (int Id, long At) named = (Environment.CurrentManagedThreadId, stamp);
                s_running.TryAdd(owner, started);
                await Native.fsyncAsync(fd);
                s_running.TryRemove({|ASYS1002:owner|}, out _);
                s_running.TryRemove({|ASYS1002:again|}, out _);
                s_running.TryRemove({|ASYS1002:pair.Item1|}, out _);
                s_running.TryRemove({|ASYS1002:named.Id|}, out _);
            }
        }
        """);

    [Fact]
    public Task Tuple_elements_that_are_no_thread_id_or_an_id_only_logged_or_given_again_are_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> s_running = new();

            static async Task<bool> M(int fd, long stamp)
            {
                var (owner, started) = (Environment.CurrentManagedThreadId, stamp);
                var pair = (Environment.CurrentManagedThreadId, stamp);
                int again;
                long at;
                (again, at) = (Environment.CurrentManagedThreadId, stamp);
                await Native.fsyncAsync(fd);
                (again, at) = (Environment.CurrentManagedThreadId, stamp);
                s_running.TryRemove(started, out _);
                s_running.TryRemove(pair.Item2, out _);
                s_running.TryRemove(again, out _);
                Console.WriteLine($"flush started on {owner}, {pair.Item1}");
                return owner == Environment.CurrentManagedThreadId;
            }
        }
        """);

    [Fact]
    public Task Thread_id_copied_by_a_pattern_or_a_local_and_only_compared_after_an_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static long s_hops;

            static async Task M(int fd)
            {
                int before = Environment.CurrentManagedThreadId;
                await Native.fsyncAsync(fd);
                if (before is var started && started != Environment.CurrentManagedThreadId)
                {
                    s_hops++;
                }

                int copy = before;
                if (copy is int same && Environment.CurrentManagedThreadId == same)
                {
                    Console.WriteLine($"still on {copy}");
                }
            }
        }
        """);

    [Fact]
    public Task Thread_id_copied_by_a_pattern_and_used_as_a_key_after_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Generic.Dictionary<int, int> s_pending = new();

            static async Task M(int fd)
            {
                int before = Environment.CurrentManagedThreadId;
                s_pending[before] = fd;
                await Native.fsyncAsync(fd);
                if ({|ASYS1002:before|} is var started && started != fd)
                {
                    s_pending.Remove(started);
                }
            }
        }
        """);

    [Fact]
    public Task Current_thread_carried_through_a_record_with_initializer_and_used_after_an_await_is_reported() => VerifyAsync("""
        record FlushContext(string Path, Thread? Owner = null);

        static class C
        {
            static async Task M(int fd, FlushContext template)
            {
                FlushContext context = template with { Owner = Thread.CurrentThread };
                context.Owner!.Priority = ThreadPriority.AboveNormal;
                try
                {
                    await Native.fsyncAsync(fd);
                }
                finally
                {
                    {|ASYS1002:context.Owner|}.Priority = ThreadPriority.Normal;
                }
            }
        }
        """);

    [Fact]
    public Task Record_with_initializer_of_no_thread_or_a_thread_only_named_after_an_await_is_not_reported() => VerifyAsync("""
        record FlushContext(string Path, Thread? Owner = null);

        static class C
        {
            static async Task M(int fd, FlushContext template, Thread worker)
            {
                FlushContext context = template with { Owner = Thread.CurrentThread };
                FlushContext other = template with { Owner = worker, Path = "x" };
                await Native.fsyncAsync(fd);
                Console.WriteLine($"{context.Path} started on {context.Owner?.Name}");
                other.Owner!.Priority = ThreadPriority.Normal;
                Console.WriteLine(context.Path.Length);
            }
        }
        """);

    [Fact]
    public Task Stripe_computed_from_the_thread_id_and_updated_with_plain_decrement_after_an_await_is_reported() => VerifyAsync("""
        sealed class Pool
        {
            private readonly int[] _inFlight = new int[256];
            private readonly long[] _bytes = new long[16];

            public async Task<int> ReadAsync(int fd)
            {
                int stripe = (Environment.CurrentManagedThreadId & 15) * 16;
                int owner = Thread.CurrentThread.ManagedThreadId;
                uint shard = (uint)owner % 16;
                _inFlight[stripe]++;
                _bytes[shard] += 1;
                try
                {
                    return await Native.fsyncAsync(fd);
                }
                finally
                {
                    _inFlight[{|ASYS1002:stripe|}]--;
                    _bytes[{|ASYS1002:shard|}] -= 1;
                }
            }
        }
        """);

    [Fact]
    public Task Stripe_computed_from_the_thread_id_used_before_the_await_only_or_updated_atomically_after_it_is_not_reported() => VerifyAsync("""
        sealed class Pool
        {
            private readonly int[] _inFlight = new int[256];
            private readonly int[] _started = new int[256];

            public async Task<int> ReadAsync(int fd)
            {
                int stripe = (Environment.CurrentManagedThreadId & 15) * 16;
                int other = -Environment.CurrentManagedThreadId % 16;
                _started[other]++;
                Interlocked.Increment(ref _inFlight[stripe]);
                try
                {
                    return await Native.fsyncAsync(fd);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight[stripe]);   // right on any thread: the stripe only spreads contention
                    Console.WriteLine($"stripe {stripe}");
                    _ = Volatile.Read(ref _started[stripe]);
                }
            }
        }
        """);

    [Fact]
    public Task Thread_id_given_to_a_local_by_a_switch_or_conditional_arm_and_used_as_a_key_after_an_await_is_reported() => VerifyAsync("""
        enum Affinity { Any, Pinned }

        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<long, int> s_perThread = new();

            static async Task M(int fd, Affinity affinity, bool pinned)
            {
                int home = affinity switch
                {
                    Affinity.Pinned => Environment.CurrentManagedThreadId,
                    _ => -1,
                };
                long owner = pinned ? (long)Thread.CurrentThread.ManagedThreadId : -1L;
                if (home >= 0) s_perThread.AddOrUpdate(home, 1, (_, n) => n + 1);
                await Native.fsyncAsync(fd);
                if (home >= 0) s_perThread.AddOrUpdate({|ASYS1002:home|}, 0, (_, n) => n - 1);
                if (owner != -1) s_perThread.TryRemove({|ASYS1002:owner|}, out _);
            }
        }
        """);

    [Fact]
    public Task Switch_arm_of_no_thread_or_an_arm_id_only_compared_with_the_current_thread_after_an_await_is_not_reported() => VerifyAsync("""
        enum Affinity { Any, Pinned }

        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> s_perLoop = new();

            static async Task<bool> M(int fd, Affinity affinity, int loopIndex)
            {
                int home = affinity switch
                {
                    Affinity.Pinned => loopIndex,
                    _ => -1,
                };
                int started = affinity == Affinity.Pinned ? Environment.CurrentManagedThreadId : -1;
                await Native.fsyncAsync(fd);
                if (home >= 0) s_perLoop.AddOrUpdate(home, 0, (_, n) => n - 1);
                return started >= 0 && started != Environment.CurrentManagedThreadId;
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_builder_used_in_an_await_foreach_body_and_after_the_loop_is_reported_in_the_body() => VerifyAsync("""
        static class PerThread<T> where T : class, new()
        {
            [ThreadStatic] private static T? t_instance;
            public static T Instance => t_instance ??= new T();
        }

        static class C
        {
            static async Task<int> M(int fd, System.Collections.Generic.IAsyncEnumerable<string> rows)
            {
                System.Text.StringBuilder chunk = PerThread<System.Text.StringBuilder>.Instance;
                chunk.Clear();
                await foreach (string row in rows)
                {
                    {|ASYS1002:chunk|}.Append(row);
                }

                await Native.fsyncAsync(fd);
                chunk.Append('\n');
                return chunk.Length;
            }
        }
        """);

    // `await foreach (var (key, value) in ...)` is the deconstructing syntax of the same loop: it suspends at every
    // MoveNextAsync too, so its body and what follows the loop run after an await.
    [Fact]
    public Task ThreadStatic_state_across_an_await_foreach_that_deconstructs_its_element_is_reported() => VerifyAsync("""
        static class PerThread<T> where T : class, new()
        {
            [ThreadStatic] private static T? t_instance;
            public static T Instance => t_instance ??= new T();
        }

        static class C
        {
            [ThreadStatic] static object? t_current;

            static async Task Replay(System.Threading.Channels.ChannelReader<(string Key, int Value)> batch)
            {
                t_current = new object();
                try
                {
                    await foreach (var (key, value) in batch.ReadAllAsync())
                    {
                    }
                }
                finally
                {
                    {|ASYS1002:t_current|} = null;
                }
            }

            static async Task<int> Rows(System.Collections.Generic.IAsyncEnumerable<(string Name, int Size)> rows)
            {
                System.Text.StringBuilder chunk = PerThread<System.Text.StringBuilder>.Instance;
                await foreach (var (name, size) in rows)
                {
                    {|ASYS1002:chunk|}.Append(name);
                }

                return chunk.Length;
            }
        }
        """);

    // The nearest correct shapes: the flag set and cleared inside the body, the builder taken in the body.
    [Fact]
    public Task ThreadStatic_state_set_and_used_inside_one_iteration_of_a_deconstructing_await_foreach_is_not_reported() => VerifyAsync("""
        static class PerThread<T> where T : class, new()
        {
            [ThreadStatic] private static T? t_instance;
            public static T Instance => t_instance ??= new T();
        }

        static class C
        {
            [ThreadStatic] static object? t_current;

            static async Task<int> Rows(System.Collections.Generic.IAsyncEnumerable<(string Name, int Size)> rows)
            {
                int total = 0;
                await foreach (var (name, size) in rows)
                {
                    t_current = name;
                    System.Text.StringBuilder chunk = PerThread<System.Text.StringBuilder>.Instance;
                    chunk.Clear().Append(name);
                    total += chunk.Length + size;
                    t_current = null;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Thread_id_used_after_an_await_using_and_again_later_is_reported_at_the_first_use_after_the_dispose() => VerifyAsync("""
        sealed class Lease : IAsyncDisposable { public ValueTask DisposeAsync() => default; }

        static class C
        {
            static readonly System.Collections.Generic.Dictionary<int, int> s_pending = new();

            static async Task M(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                while (fd > 0)
                {
                    await using (new Lease())
                    {
                        s_pending[owner] = fd;
                    }

                    s_pending.Remove({|ASYS1002:owner|});
                    fd--;
                }
            }
        }
        """);

    [Fact]
    public Task Per_thread_object_looked_up_by_the_thread_id_and_used_after_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> s_scratch = new();
            static readonly System.Collections.Generic.Dictionary<int, System.Text.StringBuilder> s_builders = new();

            static async Task<int> M(int fd)
            {
                byte[] scratch = s_scratch.GetOrAdd(Environment.CurrentManagedThreadId, static _ => new byte[4096]);
                System.Text.StringBuilder builder = s_builders[Thread.CurrentThread.ManagedThreadId];
                await Native.fsyncAsync(fd);
                {|ASYS1002:scratch|}[0] = 1;
                {|ASYS1002:builder|}.Append(fd);
                return scratch.Length;
            }
        }
        """);

    [Fact]
    public Task Value_copied_out_by_the_thread_id_a_shard_key_an_entry_only_logged_or_looked_up_by_a_kept_id_after_an_await_is_not_reported_at_the_entry() => VerifyAsync("""
        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> s_counts = new();
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> s_shards = new();
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> s_names = new();
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte[]> s_scratch = new();
            static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> s_byName = new();

            static async Task<int> M(int fd, string name)
            {
                int count = s_counts.GetOrAdd(Environment.CurrentManagedThreadId, 0);
                byte[] shard = s_shards.GetOrAdd(Environment.CurrentManagedThreadId % 16, static _ => new byte[64]);
                string label = s_names.GetOrAdd(Environment.CurrentManagedThreadId, static i => i.ToString());
                byte[] mine = s_scratch.GetOrAdd(Environment.CurrentManagedThreadId, static _ => new byte[64]);
                byte[] named = s_byName.GetOrAdd(name, static _ => new byte[64]);
                int key = Environment.CurrentManagedThreadId;
                byte[] kept = s_scratch.GetOrAdd(key, static _ => new byte[64]);
                mine[0] = 1;
                await Native.fsyncAsync(fd);
                shard[0]++;
                named[0] = 2;
                Console.WriteLine(mine);
                kept[0] = 3;
                s_scratch.TryRemove({|ASYS1002:key|}, out _);   // with the id in a local, the hazard is reported at the id
                return count + label.Length;
            }
        }
        """);

    // A helper that takes parameters and returns per-thread state (a [ThreadStatic] field picked by an argument, an element
    // of one, a lazily made per-thread object) is a per-thread read like a parameterless one: on a worker, and across an await.
    [Fact]
    public Task Per_thread_state_read_through_a_helper_with_parameters_is_reported() => VerifyAsync("""
        static class ContainerThread
        {
            [ThreadStatic] static int t_network;
            [ThreadStatic] static int t_mount;
            [ThreadStatic] static int[]? t_namespaces;
            [ThreadStatic] static System.Text.StringBuilder? t_builder;

            public static int NamespaceFd(int kind) => kind == 1 ? t_network : t_mount;

            public static int ByKind(int kind) => kind switch { 1 => t_network, _ => t_mount };

            public static int Slot(int kind) { return t_namespaces![kind]; }

            public static System.Text.StringBuilder Builder(int capacity) => t_builder ??= new System.Text.StringBuilder(capacity);
        }

        static class C
        {
            [AsyncSyscall(RingOp.None)]
            static int Join(int kind)
            {
                Native.Log({|ASYS1002:ContainerThread.Builder(64)|}.ToString());
                return Native.flock({|ASYS1002:ContainerThread.NamespaceFd(kind)|}, {|ASYS1002:ContainerThread.ByKind(kind)|} + {|ASYS1002:ContainerThread.Slot(kind)|});
            }

            static ValueTask<int> JoinAsync(int kind, CancellationToken cancellationToken = default) => default;

            static async Task<int> Open(int fd)
            {
                int target = ContainerThread.NamespaceFd(1);
                await Native.fsyncAsync(fd);
                return Native.flock({|ASYS1002:target|}, 0);
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_read_by_the_caller_of_a_helper_with_parameters_and_passed_in_is_not_reported() => VerifyAsync("""
        static class ContainerThread
        {
            [ThreadStatic] static int t_network;
            [ThreadStatic] static int t_mount;
            static int s_network;
            static int s_mount;

            public static int NamespaceFd(int kind) => kind == 1 ? t_network : t_mount;

            // Process-wide state, and a parameter that hides the [ThreadStatic] field's name: no thread's own value.
            public static int SharedFd(int kind) => kind == 1 ? s_network : s_mount;

            public static int Same(int t_network) => t_network;
        }

        static class C
        {
            // The caller reads its own binding and passes it in: the worker reads no per-thread state.
            [AsyncSyscall(RingOp.None)]
            static int Join(int target, int kind) => Native.flock(target, ContainerThread.SharedFd(kind) + ContainerThread.Same(kind));

            static ValueTask<int> JoinAsync(int target, int kind, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> JoinContainerAsync(int kind) => JoinAsync(ContainerThread.NamespaceFd(kind), kind);

            static async Task<int> Open(int fd)
            {
                await Native.fsyncAsync(fd);
                int target = ContainerThread.NamespaceFd(1);
                return Native.flock(target, 0);
            }
        }
        """);

    // A per-thread buffer taken once before a loop of awaits: reported once, at the first use going on from the await
    // (the parse), not at the next iteration's read through the back edge nor in a branch only the next iteration takes.
    // Handed to a method of any name, a buffer is used there.
    [Fact]
    public Task ThreadLocal_buffer_kept_across_awaits_in_a_loop_is_reported_at_its_first_use_after_the_await() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<byte[]> s_buffer = new(() => new byte[4096]);

            static async Task<int> List(int fd)
            {
                int total = 0;
                byte[] buffer = s_buffer.Value!;
                while (true)
                {
                    int n = await Native.ReadIntoAsync(fd, buffer, total);
                    if (n <= 0)
                    {
                        return total;
                    }

                    total += Parser.AppendNames({|ASYS1002:buffer|}, n);
                }
            }

            static async Task<int> Alternating(int fd, bool[] waits)
            {
                int total = 0, n = 0;
                byte[] scratch = s_buffer.Value!;
                for (int i = 0; i < waits.Length; i++)
                {
                    if (waits[i])
                    {
                        n = await Native.ReadIntoAsync(fd, null!, 0);
                    }
                    else
                    {
                        n = Parser.Scan(scratch);
                    }

                    total += Parser.AppendNames({|ASYS1002:scratch|}, n);
                }

                return total;
            }
        }

        static class Parser
        {
            public static int AppendNames(byte[] buffer, int length) => length;
            public static int Scan(byte[] buffer) => buffer.Length;
        }
        """);

    // The nearest correct shapes: the per-thread buffer taken after the await (on the thread that uses it), or a buffer
    // of the listing's own per iteration. (Per-thread storage read in every iteration of a loop that awaits is touched on
    // both sides of the await, which the rule reports: it cannot tell a fresh take from state filled before the await.)
    [Fact]
    public Task ThreadLocal_buffer_taken_after_the_await_or_a_buffer_per_listing_is_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<byte[]> s_buffer = new(() => new byte[4096]);

            static async Task<int> Once(int fd, byte[] chunk)
            {
                int n = await Native.ReadIntoAsync(fd, chunk, 0);
                byte[] scratch = s_buffer.Value!;
                chunk.AsSpan(0, n).CopyTo(scratch);
                return Parser.AppendNames(scratch, n);
            }

            static async Task<int> List(int fd)
            {
                int total = 0;
                byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    while (true)
                    {
                        int n = await Native.ReadIntoAsync(fd, buffer, total);
                        if (n <= 0)
                        {
                            return total;
                        }

                        total += Parser.AppendNames(buffer, n);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        static class Parser
        {
            public static int AppendNames(byte[] buffer, int length) => length;
        }
        """);

    // A number drawn from a per-thread Random before an await and used after it is a plain value, the same on any thread;
    // the next iteration takes the generator of the thread it runs on. So is a length read off a per-thread builder.
    [Fact]
    public Task Numbers_drawn_from_per_thread_objects_before_an_await_and_used_after_it_are_not_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<System.Random> s_random = new(() => new System.Random());
            [ThreadStatic] static System.Text.StringBuilder? t_builder;

            static async Task Heartbeat(int fd, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    int jitter = s_random.Value!.Next(0, 50);
                    bool odd = s_random.Value!.Next() % 2 == 1;
                    await Native.fsyncAsync(fd);
                    Native.Log("jitter " + jitter + odd);
                    await Task.Delay(jitter, ct);
                }
            }

            static async Task<int> Measure(int fd)
            {
                int before = t_builder!.Length;
                await Native.fsyncAsync(fd);
                return before + fd;
            }
        }
        """);

    // The nearest hazards: the per-thread Random itself kept in a local and used after the await (another thread's
    // generator, not thread-safe, used from this one), and a per-thread builder filled before the await and read after it.
    [Fact]
    public Task Per_thread_Random_kept_across_an_await_or_a_builder_filled_before_it_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<System.Random> s_random = new(() => new System.Random());
            [ThreadStatic] static System.Text.StringBuilder? t_builder;

            static async Task Heartbeat(int fd, CancellationToken ct)
            {
                System.Random random = s_random.Value!;
                while (!ct.IsCancellationRequested)
                {
                    int jitter = {|ASYS1002:random|}.Next(0, 50);
                    await Native.fsyncAsync(fd);
                    await Task.Delay(jitter, ct);
                }
            }

            static async Task<string> Fill(int fd)
            {
                t_builder!.Append(fd);
                await Native.fsyncAsync(fd);
                return {|ASYS1002:t_builder|}.ToString();
            }
        }
        """);

    // Per-thread storage a helper names by its simple name through a `using static` import (or reaches through another
    // object's ThreadLocal field, `_context.Hints.Value`) is bound in the helper's own file: on a worker it is the worker's.
    [Fact]
    public Task Helper_reading_per_thread_storage_through_using_static_or_another_object_in_an_offloaded_wrapper_is_reported() =>
        AnalyzerVerifier<ThreadAffineStateAnalyzer>.VerifyAsync("using static MergeThreadState;\n" + TestSources.Native + """
        static class MergeThreadState
        {
            [ThreadStatic] internal static int t_lockMode;
            internal static readonly ThreadLocal<int> s_depth = new();
        }

        sealed class QueryContext
        {
            internal readonly ThreadLocal<int> Hints = new();
        }

        sealed class C
        {
            private readonly QueryContext _context = new();

            static int LockMode => t_lockMode == 0 ? 1 : t_lockMode;

            static int Depth => s_depth.Value + 1;

            int ReadAhead => _context.Hints.Value * 4096;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd) => Native.flock(fd, {|ASYS1002:LockMode|});

            [AsyncSyscall(RingOp.None)]
            static int Nested(int fd) => Native.flock(fd, {|ASYS1002:Depth|} > 1 ? 6 : 2);

            [AsyncSyscall(RingOp.None)]
            int Prefetch(int fd) => Native.flock(fd, {|ASYS1002:ReadAhead|} > 0 ? 6 : 2);

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> NestedAsync(int fd, CancellationToken cancellationToken = default) => default;

            ValueTask<int> PrefetchAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    // The nearest correct code: a plain static through the same import, another object's plain field, and the per-thread
    // value read by the caller and passed in.
    [Fact]
    public Task Helper_reading_a_plain_static_through_using_static_or_a_value_passed_in_is_not_reported() =>
        AnalyzerVerifier<ThreadAffineStateAnalyzer>.VerifyAsync("using static DirectorySettings;\n" + TestSources.Native + """
        static class DirectorySettings
        {
            [ThreadStatic] internal static int t_lockMode;
            internal static volatile int s_lockMode = 2;
        }

        sealed class QueryContext
        {
            internal int Hints = 1;
        }

        sealed class C
        {
            private readonly QueryContext _context = new();

            static int SharedMode => s_lockMode == 0 ? 1 : s_lockMode;

            internal static int LockMode => t_lockMode == 0 ? 1 : t_lockMode;

            int ReadAhead => _context.Hints * 4096;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd) => Native.flock(fd, SharedMode);

            [AsyncSyscall(RingOp.None)]
            static int LockAs(int fd, int mode) => Native.flock(fd, mode);

            [AsyncSyscall(RingOp.None)]
            int Prefetch(int fd) => Native.flock(fd, ReadAhead > 0 ? 6 : 2);

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> LockAsAsync(int fd, int mode, CancellationToken cancellationToken = default) => default;

            ValueTask<int> PrefetchAsync(int fd, CancellationToken cancellationToken = default) => default;

            static ValueTask<int> CallerAsync(int fd) => LockAsAsync(fd, LockMode);
        }
        """);

    // Per-thread storage set by one helper before an await and read by another after it: the reader runs on whatever
    // thread resumed. Entered again after the await, or taken from a per-thread cache (read and reset), it is fresh.
    [Fact]
    public Task Storage_set_by_a_helper_before_an_await_and_read_by_a_helper_after_it_is_reported() => VerifyAsync("""
        sealed class Transaction
        {
            public long Lsn;
        }

        static class Ambient
        {
            [ThreadStatic] private static Transaction? t_current;
            [ThreadStatic] private static System.Text.StringBuilder? t_cached;

            public static void Enter(Transaction transaction) => t_current = transaction;

            public static void MarkDurable(long lsn)
            {
                Transaction current = t_current ?? throw new InvalidOperationException();
                current.Lsn = lsn;
            }

            public static System.Text.StringBuilder Acquire()
            {
                System.Text.StringBuilder? cached = t_cached;
                t_cached = null;
                return cached ?? new System.Text.StringBuilder();
            }

            public static void Release(System.Text.StringBuilder builder) => t_cached = builder;
        }

        static class C
        {
            static async Task Bad(int fd, Transaction transaction)
            {
                Ambient.Enter(transaction);
                await Native.fsyncAsync(fd);
                {|ASYS1002:Ambient.MarkDurable(1)|};
            }

            static async Task EnteredAgain(int fd, Transaction transaction)
            {
                Ambient.Enter(transaction);
                await Native.fsyncAsync(fd);
                Ambient.Enter(transaction);
                Ambient.MarkDurable(1);
            }

            static async Task Cache(int fd)
            {
                Ambient.Release(Ambient.Acquire());
                await Native.fsyncAsync(fd);
                Ambient.Release(Ambient.Acquire());
            }
        }
        """);

    [Fact]
    public Task Helper_reading_the_callers_thread_static_in_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        sealed class Quota
        {
            public long Remaining;
        }

        static class Scope
        {
            [ThreadStatic] internal static Quota? t_quota;
            [ThreadStatic] private static byte[]? t_scratch;

            internal static void Charge(long bytes)
            {
                Quota? quota = t_quota;
                if (quota is not null)
                {
                    quota.Remaining -= bytes;
                }
            }

            internal static int Scratch()
            {
                byte[] scratch = t_scratch ??= new byte[64];
                return scratch.Length;
            }
        }

        static class C
        {
            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                {|ASYS1002:Scope.Charge(1)|};
                return Native.flock(fd, Scope.Scratch());
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);
    // Round 47: a per-thread scope stack. Its pop after an await (End reads the slot Begin set before it) is reported; its
    // push after an await (Begin reads the slot only into the new scope it sets there) serves whatever thread runs it, and
    // is not, also when the slot was set before that await; a helper that reads the slot elsewhere too still is.
    [Fact]
    public Task Push_onto_a_per_thread_stack_after_an_await_is_not_reported_and_its_pop_is() => VerifyAsync("""
        sealed class Scope
        {
            [ThreadStatic] private static Scope? t_current;
            private readonly Scope? _parent;

            private Scope(Scope? parent) => _parent = parent;

            public static Scope Begin()
            {
                var scope = new Scope(t_current);
                t_current = scope;
                return scope;
            }

            public static Scope BeginLogged()
            {
                Console.WriteLine(t_current is null ? "root" : "nested");
                var scope = new Scope(t_current);
                t_current = scope;
                return scope;
            }

            public void End()
            {
                if (!ReferenceEquals(t_current, this))
                {
                    throw new InvalidOperationException();
                }

                t_current = _parent;
            }
        }

        static class C
        {
            static async Task Loop(int fd, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    await Native.fsyncAsync(fd);
                    Scope scope = Scope.Begin();
                    try
                    {
                        await Native.fsyncAsync(fd);
                    }
                    finally
                    {
                        {|ASYS1002:scope.End()|};
                    }
                }
            }

            static async Task Synchronous(int fd)
            {
                Scope first = Scope.Begin();
                first.End();
                await Native.fsyncAsync(fd);
                Scope second = Scope.Begin();
                second.End();
            }

            static async Task ReadElsewhereToo(int fd)
            {
                Scope first = Scope.Begin();
                await Native.fsyncAsync(fd);
                {|ASYS1002:Scope.BeginLogged()|};
            }
        }
        """);

    [Fact]
    public Task Monitor_entered_before_an_await_and_exited_after_it_is_reported() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();
            private readonly ReaderWriterLockSlim _rw = new();

            public async Task M(int fd)
            {
                Monitor.Enter(_gate);
                try
                {
                    await Native.fsyncAsync(fd);
                }
                finally
                {
                    {|ASYS1002:Monitor.Exit(_gate)|};
                }
            }

            public async Task N(int fd)
            {
                _rw.EnterWriteLock();
                await Native.fsyncAsync(fd);
                {|ASYS1002:_rw.ExitWriteLock()|};
            }
        }
        """);

    [Fact]
    public Task Monitor_released_before_the_await_or_taken_again_after_it_or_a_semaphore_is_not_reported() => VerifyAsync("""
        class C
        {
            private readonly object _gate = new();
            private readonly SemaphoreSlim _semaphore = new(1, 1);

            public async Task M(int fd)
            {
                Monitor.Enter(_gate);
                try { Native.Log("sync part"); }
                finally { Monitor.Exit(_gate); }
                await Native.fsyncAsync(fd);
                Monitor.Enter(_gate);
                Monitor.Exit(_gate);
                await _semaphore.WaitAsync();
                try { await Native.fsyncAsync(fd); }
                finally { _semaphore.Release(); }
            }

            public void Sync(int fd)
            {
                Monitor.Enter(_gate);
                try { Native.fsync(fd); }
                finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Fact]
    public Task Thread_static_set_here_and_read_in_a_timer_or_pool_callback_is_reported() => VerifyAsync("""
        class C
        {
            [ThreadStatic] static string? t_tenant;
            private Timer? _timer;

            public void Begin(string tenant)
            {
                t_tenant = tenant;
                _timer = new Timer(_ => Native.Log({|ASYS1002:t_tenant|} ?? "none"), null, 1000, Timeout.Infinite);
                ThreadPool.QueueUserWorkItem(_ => Native.Log({|ASYS1002:t_tenant|} ?? "none"));
            }
        }
        """);

    [Fact]
    public Task Thread_static_captured_in_a_local_for_a_callback_or_never_set_here_is_not_reported() => VerifyAsync("""
        class C
        {
            [ThreadStatic] static string? t_tenant;
            [ThreadStatic] static int t_depth;
            private Timer? _timer;

            public void Begin(string tenant)
            {
                t_tenant = tenant;
                string captured = tenant;
                _timer = new Timer(_ => Native.Log(captured), null, 1000, Timeout.Infinite);
                ThreadPool.QueueUserWorkItem(_ => { t_depth = 0; Native.Log(t_depth.ToString()); });
                Action later = () => Native.Log(t_tenant ?? "none");
                later();
            }
        }
        """);

    [Fact]
    public Task Thread_static_set_here_and_read_in_a_continuation_posted_to_a_synchronization_context_is_reported() => VerifyAsync("""
        sealed class Pump : SynchronizationContext
        {
            public override void Post(SendOrPostCallback d, object? state) => base.Post(d, state);
        }

        class C
        {
            [ThreadStatic] static long t_tick;

            public void OnInput(Pump loop, SynchronizationContext context, long tick)
            {
                t_tick = tick;
                loop.Post(_ => Native.Log({|ASYS1002:t_tick|}.ToString()), null);
                context.Post(_ => Native.Log({|ASYS1002:t_tick|}.ToString()), null);
            }
        }
        """);

    [Fact]
    public Task Thread_static_captured_before_posting_or_posted_to_another_kind_of_queue_is_not_reported() => VerifyAsync("""
        sealed class Mailbox
        {
            public void Post(Action<object?> work, object? state) => work(state);
        }

        class C
        {
            [ThreadStatic] static long t_tick;

            public void OnInput(SynchronizationContext context, Mailbox inline, long tick)
            {
                t_tick = tick;
                long captured = t_tick;
                context.Post(_ => Native.Log(captured.ToString()), null);
                inline.Post(_ => Native.Log(t_tick.ToString()), null);
            }
        }
        """);

    [Fact]
    public Task Number_copied_out_of_per_thread_storage_and_used_after_an_await_is_not_reported() => VerifyAsync("""
        class C
        {
            [ThreadStatic] static int t_frame;
            static readonly ThreadLocal<long> s_tick = new();
            private readonly int[] _sent = new int[64];

            public async Task M(int fd)
            {
                int frame = t_frame;
                long tick = s_tick.Value;
                await Native.fsyncAsync(fd);
                _sent[frame % _sent.Length] = frame + (int)tick;
            }
        }
        """);

    [Fact]
    public Task Number_storage_read_again_or_restored_after_an_await_and_a_copied_thread_id_are_still_reported() => VerifyAsync("""
        class C
        {
            [ThreadStatic] static int t_frame;
            [ThreadStatic] static int t_depth;
            private int _last;

            public async Task<int> M(int fd)
            {
                int frame = t_frame;
                await Native.fsyncAsync(fd);
                _last = frame + {|ASYS1002:t_frame|};
                return frame;
            }

            public async Task Restore(int fd)
            {
                int saved = t_depth;
                t_depth = saved + 1;
                await Native.fsyncAsync(fd);
                t_depth = {|ASYS1002:saved|};
            }

            public async Task<int> Owner(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                await Native.fsyncAsync(fd);
                return {|ASYS1002:owner|};
            }
        }
        """);
}
