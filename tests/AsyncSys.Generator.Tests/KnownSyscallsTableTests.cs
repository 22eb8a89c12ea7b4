using System.Linq;
using AsyncSys.Generator;

namespace AsyncSys.Generator.Tests;

/// <summary>The generator's table (its rows with a ring operation) and the list the analyzers use (src/Shared/RingEntryPoints.cs) name the same calls.</summary>
public sealed class KnownSyscallsTableTests
{
    [Fact]
    public void Every_entry_point_in_the_generator_table_is_in_the_shared_list_and_back()
    {
        string[] table = KnownSyscalls.All.Where(s => s.Op != AsyncSys.Generator.Model.RingOpKind.None).Select(s => s.EntryPoint).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        string[] shared = AsyncSys.Shared.RingEntryPoints.Names.OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

        Assert.Equal(shared, table);
    }

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
