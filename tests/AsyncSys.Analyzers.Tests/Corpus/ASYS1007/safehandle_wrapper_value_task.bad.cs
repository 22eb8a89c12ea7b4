// An async ValueTask method calls a SafeFileHandle wrapper (DllImport) blocking.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Corpus;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(SafeFileHandle handle);
}

internal sealed class Document(SafeFileHandle handle, IoRing ring)
{
    public async ValueTask SaveAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(handle, content, 0, cancellationToken);
        /*~ASYS1007*/Libc.Fsync(handle);
    }
}
