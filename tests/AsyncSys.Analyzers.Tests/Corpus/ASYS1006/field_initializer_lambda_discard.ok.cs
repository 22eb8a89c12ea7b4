// The callback returns the flush's task to the caller, who awaits it.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed class Journal(IoRing ring)
{
    private readonly Func<int, ValueTask> _onRotate = fd => IoRing.Shared.FdatasyncAsync(fd);

    public IoRing Ring { get; } = ring;

    public async Task RotateAsync(int fd) => await _onRotate(fd);
}
