// A TLS offload path writes a plaintext record to a kTLS socket (the kernel encrypts it) and, to keep plaintext in memory
// as briefly as possible, wipes the buffer with CryptographicOperations.ZeroMemory right after starting the write and
// before awaiting it. The kernel copies from the buffer when the write runs: a slow socket sends zeros, encrypted
// correctly, and the peer's application receives a corrupted stream.
using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.TlsPlaintextWipedEarly;

public sealed class KtlsWriter(IoRing ring, int socketFd)
{
    public async Task SendAsync(Memory<byte> plaintext)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, plaintext);
        /*~ASYS1005*/CryptographicOperations.ZeroMemory(plaintext.Span);
        int sent = await send;
        if (sent != plaintext.Length)
        {
            throw new InvalidOperationException("short kTLS send");
        }
    }
}
