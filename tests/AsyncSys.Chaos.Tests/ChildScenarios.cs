using System;
using System.Threading.Tasks;

namespace AsyncSys.Chaos.Tests;

/// <summary>Scenarios run in a child process (see <see cref="Program"/>); each prints what the parent checks.</summary>
internal static class ChildScenarios
{
    public static Task<int> RunAsync(string scenario, string[] args)
    {
        switch (scenario)
        {
            default:
                Console.Error.WriteLine($"unknown scenario '{scenario}' ({args.Length} arguments)");
                return Task.FromResult(2);
        }
    }
}
