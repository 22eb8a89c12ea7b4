// An audio recorder reads each period of 16-bit PCM from the capture device and starts the ring write of it to the
// WAV file; while the write is in flight it copies the period into a separate monitor buffer (only reading the one in
// flight) and scales the copy for the live level monitor.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round12.InFlight.AudioGainOnCopy;

public static unsafe partial class Pcm
{
    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Read(int fd, byte* buffer, nuint count);
}

public sealed class WavRecorder(IoRing ring, int captureFd, int wavFd)
{
    private const int WavHeaderBytes = 44;
    private readonly byte[] _period = new byte[4096];
    private readonly byte[] _monitor = new byte[4096];

    public async Task<long> RecordAsync(float monitorGain, Action<ReadOnlyMemory<byte>> monitor, CancellationToken cancellationToken)
    {
        long offset = WavHeaderBytes;
        while (!cancellationToken.IsCancellationRequested)
        {
            int n = (int)await Pcm.ReadAsync(captureFd, _period, cancellationToken);
            if (n <= 0) break;

            ValueTask write = ring.WriteAsync(wavFd, _period.AsMemory(0, n), offset, cancellationToken);
            _period.AsSpan(0, n).CopyTo(_monitor);
            Span<short> samples = MemoryMarshal.Cast<byte, short>(_monitor.AsSpan(0, n));
            for (int i = 0; i < samples.Length; i++) samples[i] = (short)Math.Clamp(samples[i] * monitorGain, short.MinValue, short.MaxValue);
            monitor(_monitor.AsMemory(0, n));
            await write;
            offset += n;
        }

        return offset - WavHeaderBytes;
    }
}
