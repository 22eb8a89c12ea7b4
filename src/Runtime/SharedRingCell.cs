using System;
using System.Threading;

namespace AsyncSys;

/// <summary>
/// Holds <see cref="IoRing.Shared"/>: created on first use; a failed creation (EMFILE at first touch, say) is
/// not cached, the next use tries again (issue 16, item 12: a Lazy cached the exception for the life of the
/// process). No thundering herd: one thread creates while the others wait, and those that waited during a
/// failed attempt get that attempt's error instead of each retrying in turn.
/// </summary>
internal sealed class SharedRingCell
{
    private readonly Func<IoRing> _create;
    private readonly object _gate = new();
    private IoRing? _ring;
    private int _attempts;
    private int _failures;
    private Exception? _lastFailure;

    internal SharedRingCell(Func<IoRing> create) => _create = create;

    /// <summary>Whether the ring exists.</summary>
    internal bool IsCreated => Volatile.Read(ref _ring) is not null;

    /// <summary>Creation attempts so far (tests).</summary>
    internal int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The ring if it exists, else null (never creates it).</summary>
    internal IoRing? ValueIfCreated => Volatile.Read(ref _ring);

    /// <summary>The ring, created now if it does not exist yet.</summary>
    /// <exception cref="InvalidOperationException">Creation failed; the inner exception says why. The next use tries again.</exception>
    internal IoRing Value => Volatile.Read(ref _ring) ?? CreateOnce();

    private IoRing CreateOnce()
    {
        // Failures counted before we queue for the gate: one that happens while we wait is the answer we share.
        int seen = Volatile.Read(ref _failures);
        lock (_gate)
        {
            if (_ring is { } ring)
            {
                return ring;
            }

            if (_failures != seen && _lastFailure is { } failure)
            {
                // An attempt failed while we waited for it: share its answer rather than retry at once.
                throw Failed(failure);
            }

            _attempts++;
            try
            {
                ring = _create();
            }
            catch (Exception ex)
            {
                _lastFailure = ex;
                Volatile.Write(ref _failures, _failures + 1);
                throw Failed(ex);
            }

            _lastFailure = null;
            Volatile.Write(ref _ring, ring);
            return ring;
        }
    }

    private static InvalidOperationException Failed(Exception cause) =>
        new($"IoRing.Shared could not be created ({cause.GetType().Name}: {cause.Message}); the next use of IoRing.Shared tries again.", cause);
}
