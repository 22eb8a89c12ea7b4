// An encrypted block store hands each block to the kernel's crypto API (an AF_ALG operation socket, read and write through libc); when the kernel refuses a block it takes errno through a small helper property at once, then awaits an audit record written through the ring and throws with the saved value.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.AfAlgErrnoOk;

internal static partial class KernelCrypto
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, ref byte buffer, nuint count);

    /// <summary>The errno of the last libc call on this thread.</summary>
    internal static int LastErrno => Marshal.GetLastPInvokeError();
}

internal sealed class EncryptedBlockStore(IoRing ring, int cipherSocket, int dataFd, int auditFd)
{
    private const int BlockSize = 4096;
    private readonly byte[] _cipherText = new byte[BlockSize];
    private long _auditOffset;

    public async Task StoreAsync(byte[] plainBlock, long blockNumber, CancellationToken ct)
    {
        if (KernelCrypto.Write(cipherSocket, ref plainBlock[0], BlockSize) != BlockSize
            || KernelCrypto.Read(cipherSocket, ref _cipherText[0], BlockSize) != BlockSize)
        {
            int errno = KernelCrypto.LastErrno;
            byte[] audit = Encoding.ASCII.GetBytes($"block {blockNumber}: cipher refused\n");
            await ring.WriteAsync(auditFd, audit, _auditOffset, ct).ConfigureAwait(false);
            _auditOffset += audit.Length;
            throw new InvalidOperationException($"AF_ALG refused block {blockNumber}: errno {errno}");
        }

        await ring.WriteAsync(dataFd, _cipherText, blockNumber * BlockSize, ct).ConfigureAwait(false);
    }
}
