using System.Linq;
using AsyncSys.Generator;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator's table of known calls and the documentation's table list the same calls, each where it runs.</summary>
public sealed class KnownSyscallsTableTests
{
    [Fact]
    public void The_docs_table_lists_every_entry_point_with_where_it_runs()
    {
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(Repository.Root, "docs", "declaring-wrappers.md"));
        foreach (SyscallShape shape in KnownSyscalls.All)
        {
            string runs = shape.Op == AsyncSys.Generator.Model.RingOpKind.None ? "worker" : "ring `RingOp." + shape.Op + "`";
            Assert.Contains("| `" + shape.EntryPoint + "` | " + runs + " |", docs);
        }
    }
}
