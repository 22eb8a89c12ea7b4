// A restore CLI's progress loop checks whether the pending read of the next archive block has completed and uses its
// count right away when it has, awaiting it otherwise: one consumption on every path (tricky but correct).
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ValueTasks.ProgressFastPath;

public static class ArchiveReader
{
    public static async Task<long> DrainAsync(IoRing ring, int archiveFd, byte[] block, System.IProgress<long> progress)
    {
        long total = 0;
        while (true)
        {
            ValueTask<int> read = ring.ReadAsync(archiveFd, block, total);
            int n = read.IsCompletedSuccessfully ? read.Result : await read;
            if (n <= 0)
            {
                return total;
            }

            total += n;
            progress.Report(total);
        }
    }
}
