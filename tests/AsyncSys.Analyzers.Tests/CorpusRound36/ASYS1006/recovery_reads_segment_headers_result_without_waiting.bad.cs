// Recovery reads the header of every WAL segment in parallel, keeping the reads' ValueTasks in an array, and then takes
// each `.Result` to decide which segments to replay. The reads have not completed: `.Result` of an unfinished AsyncSys
// ValueTask is not a wait, it throws or returns garbage, and recovery skips segments that hold committed records.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.RecoveryHeaderResult;

public sealed class SegmentScanner(IoRing ring)
{
    public int CountValid(int[] segmentFds, byte[][] headers, CancellationToken ct)
    {
        var reads = new ValueTask<int>[segmentFds.Length];
        for (int i = 0; i < segmentFds.Length; i++)
        {
            reads[i] = ring.ReadAsync(segmentFds[i], headers[i].AsMemory(0, 64), 0, ct);
        }

        int valid = 0;
        for (int i = 0; i < reads.Length; i++)
        {
            if (/*~ASYS1006*/reads[i].Result == 64 && headers[i][0] == 0x57)
            {
                valid++;
            }
        }

        return valid;
    }
}
