using System;
using System.IO;
using AsyncSys.Bench.Cli;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Bench.Measurement;

/// <summary>What the "kernel" and "inlinekernel" cases change: the io_uring kernel features asked for, and how many rings (as IoRing.Shared).</summary>
internal readonly record struct RingVariant(Backends.IoUring.IoUringKernelFeatures Features, int Rings);

/// <summary>Builds each case's per-op call. Ring cases own a ring, created here and disposed after the case.</summary>
internal static class CaseFactory
{
    /// <summary>A case ready to run, or the reason it cannot run on this machine.</summary>
    internal sealed class Prepared : IDisposable
    {
        internal Prepared(IoStep? step, IoRing? ring, string? unavailable, IDisposable? listener = null)
        {
            Step = step;
            Ring = ring;
            UnavailableReason = unavailable;
            _listener = listener;
        }

        private readonly IDisposable? _listener;

        internal IoStep? Step { get; }

        internal IoRing? Ring { get; }

        internal string? UnavailableReason { get; }

        public void Dispose()
        {
            Ring?.Dispose();
            _listener?.Dispose();
        }
    }

    internal static Prepared ForFile(CaseKind kind, SafeFileHandle file, bool write, int depth, RingVariant variant)
    {
        switch (kind)
        {
            case CaseKind.RandomAccess:
                return new Prepared(
                    write
                        ? IoStep.AsyncVoid((buffer, offset) => RandomAccess.WriteAsync(file, (ReadOnlyMemory<byte>)buffer, offset))
                        : IoStep.Async((buffer, offset) => RandomAccess.ReadAsync(file, buffer, offset)),
                    null,
                    null);
            case CaseKind.Sync:
                return new Prepared(
                    write
                        ? IoStep.Sync((buffer, offset) =>
                        {
                            RandomAccess.Write(file, buffer.Span, offset);
                            return buffer.Length;
                        })
                        : IoStep.Sync((buffer, offset) => RandomAccess.Read(file, buffer.Span, offset)),
                    null,
                    null);
            default:
                return WithRing(kind, depth, variant, ring => write
                    ? IoStep.AsyncVoid((buffer, offset) => ring.WriteAsync(file, buffer, offset)) // writes all of it, as RandomAccess.WriteAsync does
                    : IoStep.Async((buffer, offset) => ring.ReadAsync(file, buffer, offset)));
        }
    }

    internal static Prepared ForNop(CaseKind kind, int depth, RingVariant variant) =>
        WithRing(kind, depth, variant, ring => IoStep.AsyncVoid((_, _) => ring.NopAsync()));

    private static Prepared WithRing(CaseKind kind, int depth, RingVariant variant, Func<IoRing, IoStep> step)
    {
        (IoBackend backend, bool inline) = kind switch
        {
            CaseKind.IoUring or CaseKind.IoUringRingOnly or CaseKind.IoUringKernelVariant or CaseKind.IoUringRingContext => (IoBackend.IoUring, false),
            CaseKind.IoUringInline or CaseKind.IoUringInlineKernelVariant => (IoBackend.IoUring, true),
            // Inline: the stable mode, so the comparison with the inline case shows the listener, not pool noise.
            CaseKind.IoUringMetered => (IoBackend.IoUring, true),
            CaseKind.LinuxAio => (IoBackend.LinuxAio, false),
            CaseKind.Workers => (IoBackend.Workers, false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a ring case"),
        };

        bool isVariant = kind is CaseKind.IoUringKernelVariant or CaseKind.IoUringInlineKernelVariant;
        IoRing ring;
        try
        {
            ring = IoRing.Create(new IoRingOptions
            {
                Backend = backend,
                InlineContinuations = inline,
                TryNonBlockingFirst = kind != CaseKind.IoUringRingOnly,
                // Room for every loop plus slack, so no case measures the table's backpressure instead of the I/O.
                Capacity = Math.Clamp(depth * 2, 64, IoRingOptions.MaxCapacity),
                Name = "bench",
                KernelFeatures = isVariant ? variant.Features : Backends.IoUring.IoUringKernelFeatures.Default,
                Rings = isVariant || kind == CaseKind.IoUringRingContext ? variant.Rings : 1,
            });
        }
        catch (Exception ex) when (ex is NotSupportedException or PlatformNotSupportedException or ErrnoException)
        {
            // An explicitly requested backend that this build or kernel refuses: a result, not a crash.
            return new Prepared(null, null, $"{ex.GetType().Name}: {ex.Message}");
        }

        IoStep prepared = step(ring);
        if (kind == CaseKind.IoUringRingContext)
        {
            prepared = prepared.OnLoops(ring.RunOnRingAsync);
        }

        return new Prepared(prepared, ring, null, kind == CaseKind.IoUringMetered ? MetricsSink.Attach() : null);
    }
}
