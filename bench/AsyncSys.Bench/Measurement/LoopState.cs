using System;
using System.Threading;

namespace AsyncSys.Bench.Measurement;

/// <summary>State shared by the QD loops of one case and the controller that times them.</summary>
internal sealed class LoopState
{
    internal const int Warmup = 0;
    internal const int Measure = 1;
    internal const int Cooldown = 2; // still issuing (so threads are alive to be counted), no longer counting
    internal const int Stop = 3;

    // One counter per loop, 64 bytes apart: loops on different cores never share a cache line.
    private const int Stride = 8;

    private readonly long[] _counts;
    private int _phase;
    private Exception? _error;

    internal LoopState(int depth, int blockSize, long blocks, AlignedBuffer[] buffers)
    {
        Depth = depth;
        BlockSize = blockSize;
        Blocks = blocks;
        Buffers = buffers;
        _counts = new long[depth * Stride];
        Histograms = new LatencyHistogram[depth];
        for (int i = 0; i < depth; i++)
        {
            Histograms[i] = new LatencyHistogram();
        }
    }

    internal int Depth { get; }

    internal int BlockSize { get; }

    internal long Blocks { get; }

    internal AlignedBuffer[] Buffers { get; }

    internal LatencyHistogram[] Histograms { get; }

    internal int Phase => Volatile.Read(ref _phase);

    internal Exception? Error => Volatile.Read(ref _error);

    internal void SetPhase(int phase) => Volatile.Write(ref _phase, phase);

    /// <summary>Moves <paramref name="from"/> → <paramref name="to"/> only; a failed case stays stopped.</summary>
    internal bool TryAdvance(int from, int to) => Interlocked.CompareExchange(ref _phase, to, from) == from;

    /// <summary>Only the loop that owns <paramref name="loop"/> writes its counter; read after all loops ended.</summary>
    internal void CountOne(int loop) => _counts[loop * Stride]++;

    /// <summary>Loops that completed at least one operation in the window, and the fewest any loop completed.</summary>
    internal (int Active, long Fewest) LoopSpread()
    {
        int active = 0;
        long fewest = long.MaxValue;
        for (int i = 0; i < Depth; i++)
        {
            long ops = _counts[i * Stride];
            active += ops > 0 ? 1 : 0;
            fewest = Math.Min(fewest, ops);
        }

        return (active, fewest);
    }

    internal long TotalOps()
    {
        long total = 0;
        for (int i = 0; i < Depth; i++)
        {
            total += _counts[i * Stride];
        }

        return total;
    }

    /// <summary>Keeps the first failure and stops every loop: a case that errs reports "failed", never numbers.</summary>
    internal void Fail(Exception error)
    {
        Interlocked.CompareExchange(ref _error, error, null);
        SetPhase(Stop);
    }

    /// <summary>A per-loop xorshift64* generator: deterministic, allocation-free, and cheap next to any syscall.</summary>
    internal struct Offsets
    {
        private ulong _state;

        internal Offsets(int loop) => _state = 0x9E3779B97F4A7C15UL * (ulong)(loop + 1);

        internal long Next(long blocks, int blockSize)
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            ulong value = _state * 0x2545F4914F6CDD1DUL;
            return (long)(value % (ulong)blocks) * blockSize;
        }
    }
}
