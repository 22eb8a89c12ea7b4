using System.Diagnostics;
using AsyncSys;

namespace Round5.Observed.EventHandler;

internal sealed class ChildOutput
{
    // The pipe's read end is closed when the child exits.
    public ChildOutput(IoRing ring, Process child, int readFd)
    {
        child.EnableRaisingEvents = true;
        child.Exited += (_, _) => /*~ASYS1006*/ring.CloseAsync(readFd);   // an EventHandler returns void: the close's outcome is dropped
    }
}
