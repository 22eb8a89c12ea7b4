using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace AsyncSys.Samples.Tests;

/// <summary>Each sample, run small and fast on the real kernel, does what its README line says.</summary>
public sealed class SampleTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _scratch = Directory.CreateTempSubdirectory("asyncsys-samples-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    [Fact]
    public async Task FileCopy_copies_a_given_file_exactly_and_says_the_hashes_match()
    {
        string source = Path.Combine(_scratch, "source.bin");
        string destination = Path.Combine(_scratch, "copy.bin");
        byte[] data = new byte[3 * 1024 * 1024 + 777]; // not a whole number of blocks: the last one is short
        new Random(1).NextBytes(data);
        await File.WriteAllBytesAsync(source, data);

        string output = await SampleRunner.RunAsync("FileCopy", "AsyncSys.FileCopy", Timeout, _scratch, source, destination, "--block-kib", "64", "--depth", "4");

        Assert.Contains("Hashes match: True", output, StringComparison.Ordinal);
        Assert.Contains("100%", output, StringComparison.Ordinal); // the progress bar reached the end
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(destination)));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(data)), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileCopy_with_no_arguments_copies_a_temporary_file_and_cleans_up()
    {
        string output = await SampleRunner.RunAsync("FileCopy", "AsyncSys.FileCopy", Timeout, _scratch, "--size-mib", "4");

        Assert.Contains("No files given", output, StringComparison.Ordinal);
        Assert.Contains("Hashes match: True", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoServer_serves_echoes_to_every_client_without_errors_and_stops_by_itself()
    {
        string output = await SampleRunner.RunAsync("EchoServer", "AsyncSys.EchoServer", Timeout, _scratch, "--clients", "4", "--seconds", "5", "--requests", "2000");

        Match requests = Regex.Match(output, @"Requests: (?<count>[\d,]+) in");
        Assert.True(requests.Success, output);
        long count = long.Parse(requests.Groups["count"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, 2000);
        Assert.Contains("Connections accepted: 4; errors: 0; still in flight: 0", output, StringComparison.Ordinal);
        Assert.Contains("accept native: True", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectHasher_reads_with_O_DIRECT_through_the_ring_and_matches_the_ordinary_hash()
    {
        string output = await SampleRunner.RunAsync("DirectHasher", "AsyncSys.DirectHasher", Timeout, _scratch, "--size-mib", "4", "--block-kib", "256", "--depth", "3");

        Assert.Contains("Hashes match: True", output, StringComparison.Ordinal);
        Assert.Contains($"Direct read {4 * (1 << 20) + 12_345:N0} bytes", output, StringComparison.Ordinal);
        // The scratch folder is on a disk filesystem here, so the kernel must have honoured O_DIRECT.
        Assert.Contains("the kernel reports O_DIRECT on the descriptor: True", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoint_lists_the_stuck_polls_then_cancels_them_and_admits_nothing_during_the_checkpoint()
    {
        string output = await SampleRunner.RunAsync("Checkpoint", "AsyncSys.Checkpoint", Timeout, _scratch);

        Assert.Contains("Drained: False", output, StringComparison.Ordinal);
        Assert.Matches(@"Poll\s+\d+\s+\w+.*idle-connection-1", output);
        Assert.Matches(@"Poll\s+\d+\s+\w+.*idle-connection-2", output);
        Assert.Matches(@"Cancelled [1-9]\d* stuck operation", output);
        Assert.Contains("Reads during the checkpoint window: 0", output, StringComparison.Ordinal);
    }
}
