using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Records;

sealed class RecordReader
{
    private static readonly ThreadLocal<StringBuilder> s_builder = new(() => new StringBuilder());
    private readonly IoRing _ring;

    public RecordReader(IoRing ring) => _ring = ring;

    private static string Describe(int fd, int n)
    {
        StringBuilder builder = s_builder.Value!;
        builder.Clear();
        builder.Append("fd ").Append(fd).Append(": ").Append(n).Append(" bytes");
        return builder.ToString();
    }

    public async ValueTask<string> ReadAndDescribeAsync(int fd, byte[] buffer)
    {
        int n = await _ring.ReadAsync(fd, buffer, 0);
        return Describe(fd, n);
    }
}
