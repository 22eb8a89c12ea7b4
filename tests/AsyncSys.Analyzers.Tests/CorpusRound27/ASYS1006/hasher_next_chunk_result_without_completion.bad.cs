// A content hasher starts reading the next chunk, hashes the current one meanwhile, then takes the read's .Result to go
// on: the read has usually not completed yet, and .Result on a pending AsyncSys ValueTask is not a wait (it throws, or
// returns a recycled source's value), so the scan dies or hashes the wrong length.
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.Observed.HasherResultNotCompleted;

public sealed class PipelinedHasher(IoRing ring)
{
    public async Task<byte[]> HashAsync(SafeFileHandle file, CancellationToken ct)
    {
        byte[] current = new byte[1 << 20];
        byte[] next = new byte[1 << 20];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int n = await ring.ReadAsync(file, current, 0, ct);
        long offset = 0;
        while (n > 0)
        {
            ValueTask<int> read = ring.ReadAsync(file, next, offset + n, ct);
            hash.AppendData(current, 0, n);
            offset += n;
            n = /*~ASYS1006*/read.Result;
            (current, next) = (next, current);
        }

        return hash.GetHashAndReset();
    }
}
