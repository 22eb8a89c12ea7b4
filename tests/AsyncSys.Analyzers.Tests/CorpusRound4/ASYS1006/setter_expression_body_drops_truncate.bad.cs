using AsyncSys;

namespace Round4.Observed.Setter;

public sealed class LogFile
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private long _length;

    public LogFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public long Length
    {
        get => _length;
        set
        {
            _length = value;
            /*~ASYS1006*/_ring.FtruncateAsync(_fd, value);   // started and forgotten
        }
    }
}
