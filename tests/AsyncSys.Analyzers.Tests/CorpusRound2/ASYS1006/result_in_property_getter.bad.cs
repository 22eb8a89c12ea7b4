// A property getter polls through the ring and reads .Result at once.
using AsyncSys;

namespace Round2;

internal sealed class Endpoint(IoRing ring, int fd)
{
    public bool Readable => (/*~ASYS1006*/ring.PollAsync(fd, PollEvents.In).Result & PollEvents.In) != 0;
}
