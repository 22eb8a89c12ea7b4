using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1005 across members: an operation started on a buffer field, its task kept in another field, and a member that
/// returns or writes the buffer before awaiting that task (a fixture's DisposeAsync, a connection's Stop).
/// </summary>
public class BufferFieldsInFlightTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<BufferTouchedInFlightAnalyzer>.VerifyAsync(TestSources.Native + code);

    // Cancelling first does not help: the receive may still complete into the array the pool has handed to someone else.
    [Fact]
    public Task Buffer_field_returned_in_dispose_before_the_task_kept_by_the_constructor_is_awaited_is_reported() => VerifyAsync("""
        sealed class Fixture : IAsyncDisposable
        {
            private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(4096);
            private readonly CancellationTokenSource _stop = new();
            private readonly Task<int> _pending;

            public Fixture(IoRing ring, int fd)
            {
                _pending = ring.ReceiveAsync(fd, _inbox, MessageFlags.None, _stop.Token).AsTask();
            }

            public Task<int> First => _pending;

            public async ValueTask DisposeAsync()
            {
                _stop.Cancel();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(_inbox)|};
                try
                {
                    await _pending;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        """);

    // Round 52: the member awaits the task field through a local a pattern copies it into (`if (_send is { } send) await
    // send;`): a release before that await is reported, one after it (or when the field held no task) is not.
    [Fact]
    public Task Buffer_field_disposed_before_the_task_copied_by_a_pattern_is_awaited_is_reported() => VerifyAsync("""
        sealed class Connection : IAsyncDisposable
        {
            private readonly IMemoryOwner<byte> _goodbye = MemoryPool<byte>.Shared.Rent(8);
            private readonly IoRing _ring;
            private readonly int _fd;
            private Task<int>? _send;

            public Connection(IoRing ring, int fd) { _ring = ring; _fd = fd; }

            private void SendGoodbye()
            {
                Memory<byte> frame = _goodbye.Memory[..8];
                frame.Span.Fill(0x42);
                _send = _ring.SendAsync(_fd, frame, MessageFlags.None).AsTask();
            }

            public async ValueTask DisposeAsync()
            {
                SendGoodbye();
                {|ASYS1005:_goodbye.Dispose()|};
                if (_send is { } send)
                {
                    await send;
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_field_disposed_after_the_task_copied_by_a_pattern_is_awaited_is_not_reported() => VerifyAsync("""
        sealed class Connection : IAsyncDisposable
        {
            private readonly IMemoryOwner<byte> _goodbye = MemoryPool<byte>.Shared.Rent(8);
            private readonly IoRing _ring;
            private readonly int _fd;
            private Task<int>? _send;

            public Connection(IoRing ring, int fd) { _ring = ring; _fd = fd; }

            private void SendGoodbye()
            {
                Memory<byte> frame = _goodbye.Memory[..8];
                frame.Span.Fill(0x42);
                _send = _ring.SendAsync(_fd, frame, MessageFlags.None).AsTask();
            }

            public async ValueTask DisposeAsync()
            {
                SendGoodbye();
                if (_send is { } send)
                {
                    await send;
                }

                _goodbye.Dispose();
            }
        }
        """);

    [Fact]
    public Task Buffer_field_written_in_another_method_while_a_started_read_may_be_pending_is_reported() => VerifyAsync("""
        sealed class Reader
        {
            private readonly byte[] _block = new byte[512];
            private ValueTask<int> _read;

            public void Start(IoRing ring, int fd) => _read = ring.ReadAsync(fd, _block, 0);

            public void Reset(bool hard)
            {
                if (hard)
                {
                    {|ASYS1005:Array.Clear(_block)|};
                }
            }
        }
        """);

    // A pump re-arms its receive on the same buffer after each datagram: the task field is written in two members, and
    // whichever ran last, it holds a receive in flight on that buffer when DisposeAsync returns it. Reported once.
    [Fact]
    public Task Buffer_field_returned_in_dispose_while_a_receive_rearmed_by_another_member_may_be_pending_is_reported() => VerifyAsync("""
        sealed class Pump : IAsyncDisposable
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly byte[] _rx = ArrayPool<byte>.Shared.Rent(2048);
            private readonly CancellationTokenSource _stop = new();
            private Task<int> _pending;

            public Pump(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _pending = ring.ReceiveAsync(fd, _rx, MessageFlags.None, _stop.Token).AsTask();
            }

            public async Task<byte[]> NextAsync()
            {
                int n = await _pending;
                byte[] datagram = _rx.AsSpan(0, n).ToArray();
                _pending = _ring.ReceiveAsync(_fd, _rx, MessageFlags.None, _stop.Token).AsTask();
                return datagram;
            }

            public async ValueTask DisposeAsync()
            {
                _stop.Cancel();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(_rx)|};
                try
                {
                    await _pending;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        """);

    // The nearest correct code for a re-armed receive: DisposeAsync awaits the field first. And quiet, as before, when
    // another member stores something else in the task field (a receive into another buffer, another operation).
    [Fact]
    public Task Buffer_field_of_a_rearmed_receive_released_after_the_await_or_the_task_field_given_another_operation_is_not_reported() => VerifyAsync("""
        sealed class Pump : IAsyncDisposable
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly byte[] _rx = ArrayPool<byte>.Shared.Rent(2048);
            private readonly CancellationTokenSource _stop = new();
            private Task<int> _pending;

            public Pump(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _pending = ring.ReceiveAsync(fd, _rx, MessageFlags.None, _stop.Token).AsTask();
            }

            public async Task<byte[]> NextAsync()
            {
                int n = await _pending;
                byte[] datagram = _rx.AsSpan(0, n).ToArray();
                _pending = _ring.ReceiveAsync(_fd, _rx, MessageFlags.None, _stop.Token).AsTask();
                return datagram;
            }

            public async ValueTask DisposeAsync()
            {
                _stop.Cancel();
                try
                {
                    await _pending;
                }
                catch (OperationCanceledException)
                {
                }

                ArrayPool<byte>.Shared.Return(_rx);
            }
        }

        sealed class Switching : IDisposable
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly byte[] _rx = ArrayPool<byte>.Shared.Rent(2048);
            private readonly byte[] _spare = new byte[2048];
            private Task<int> _pending;

            public Switching(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _pending = ring.ReceiveAsync(fd, _rx, MessageFlags.None).AsTask();
            }

            public async Task<int> SwitchAsync()
            {
                int n = await _pending;
                _pending = _ring.ReceiveAsync(_fd, _spare, MessageFlags.None).AsTask();
                return n;
            }

            public void Dispose() => ArrayPool<byte>.Shared.Return(_rx);
        }
        """);

    // The nearest correct code: the task awaited (or waited) first on every path, another buffer put in the field, the
    // task awaited in the starting member itself, or a completion check the rule does not follow: quiet.
    [Fact]
    public Task Buffer_field_released_after_the_kept_task_is_awaited_is_not_reported() => VerifyAsync("""
        sealed class Fixture : IAsyncDisposable, IDisposable
        {
            private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(4096);
            private readonly CancellationTokenSource _stop = new();
            private readonly Task<int> _pending;

            public Fixture(IoRing ring, int fd)
            {
                _pending = ring.ReceiveAsync(fd, _inbox, MessageFlags.None, _stop.Token).AsTask();
            }

            public async ValueTask DisposeAsync()
            {
                _stop.Cancel();
                try
                {
                    await _pending;
                }
                catch (OperationCanceledException)
                {
                }

                ArrayPool<byte>.Shared.Return(_inbox);
            }

            public void Dispose()
            {
                _stop.Cancel();
                try
                {
                    _pending.Wait();
                }
                catch (AggregateException)
                {
                }

                ArrayPool<byte>.Shared.Return(_inbox);
            }
        }

        sealed class Swapping
        {
            private byte[] _block = new byte[512];
            private ValueTask<int> _read;

            public void Start(IoRing ring, int fd) => _read = ring.ReadAsync(fd, _block, 0);

            public void Replace()
            {
                _block = new byte[512];
                _block[0] = 1;
            }
        }

        sealed class AwaitedWhereStarted
        {
            private readonly byte[] _block = new byte[512];
            private Task<int>? _read;

            public async Task<int> ReadAsync(IoRing ring, int fd)
            {
                _read = ring.ReadAsync(fd, _block, 0).AsTask();
                return await _read;
            }

            public void Wipe() => Array.Clear(_block);
        }

        sealed class Checked
        {
            private readonly byte[] _block = new byte[512];
            private readonly Task<int> _read;

            public Checked(IoRing ring, int fd) => _read = ring.ReadAsync(fd, _block, 0).AsTask();

            public void Wipe()
            {
                if (_read.IsCompleted)
                {
                    Array.Clear(_block);
                }
            }
        }
        """);
}
