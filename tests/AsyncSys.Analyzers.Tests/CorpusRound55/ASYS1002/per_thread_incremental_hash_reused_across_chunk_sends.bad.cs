// An object-storage uploader keeps one IncrementalHash per thread to avoid allocating a hasher per upload; it takes this thread's hasher, hashes the part header, awaits the header's send, and goes on hashing the body with the same hasher on the thread it resumed on, while the first thread may already be hashing another upload with it.
using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.PerThreadHasherBad;

internal sealed class PartUploader(IoRing ring, int socket)
{
    [ThreadStatic]
    private static IncrementalHash? t_hasher;

    public async Task<byte[]> UploadPartAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        IncrementalHash hasher = t_hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(header.Span);
        await ring.SendAsync(socket, header, MessageFlags.None, ct).ConfigureAwait(false);
        /*~ASYS1002*/hasher.AppendData(body.Span);
        await ring.SendAsync(socket, body, MessageFlags.None, ct).ConfigureAwait(false);
        return hasher.GetHashAndReset();
    }
}
