// The same pipelined hasher taking .Result only when the read has already completed successfully, and awaiting it
// otherwise: the read's ValueTask is consumed once, after its completion.
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round27.Observed.HasherResultWhenCompleted;

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
            n = read.IsCompletedSuccessfully ? read.Result : await read;
            (current, next) = (next, current);
        }

        return hash.GetHashAndReset();
    }
}
