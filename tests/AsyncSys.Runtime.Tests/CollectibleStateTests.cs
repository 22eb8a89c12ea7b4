using System;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys.Operations;
using Xunit;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Calls whose state type comes from a collectible assembly (a plugin loaded into a collectible AssemblyLoadContext and
/// unloaded at run time). The runtime pools a call's work item per state type in statics of a generic type over that
/// type; for a plugin's type those statics belong to the plugin and go when it unloads, and hosts that unloaded such
/// plugins over and over crashed in the GC (tools/unload-repro). So such a state type is never pooled, and its calls
/// still end with their value, errno and state on every path (a worker, the caller's thread, a pool work item).
/// </summary>
public sealed class CollectibleStateTests
{
    [Fact]
    public async Task Calls_with_a_state_type_from_a_collectible_assembly_complete_on_every_path_and_are_never_pooled()
    {
        Type state = DefineCollectibleStruct();
        Assert.True(state.IsCollectible);

        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers });
        MethodInfo run = typeof(CollectibleStateTests).GetMethod(nameof(RunCallsAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(state);
        Outcome outcome = await (Task<Outcome>)run.Invoke(null, new object[] { ring })!;

        Assert.Equal(Rounds * (3 + 4), outcome.Sum);
        Assert.Equal(Rounds, outcome.Failures);
        Assert.False(outcome.Pooled);

        // A type of the default context made over the plugin's type belongs to the plugin too: never pooled either.
        Type tuple = typeof(ValueTuple<,>).MakeGenericType(typeof(long), state);
        Outcome overTuple = await (Task<Outcome>)typeof(CollectibleStateTests).GetMethod(nameof(RunCallsAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(tuple).Invoke(null, new object[] { ring })!;
        Assert.Equal(Rounds * (3 + 4), overTuple.Sum);
        Assert.False(overTuple.Pooled);

        // A state type of the default context keeps its pool (the common case pays nothing).
        BlockingResult<long> plain = await ring.RunBlockingAsync(5L, static (ref long s) => s + 1);
        Assert.Equal(6, plain.Value);
        Assert.True(BlockingWork<long>.IsPooled);
    }

    [Fact]
    public async Task A_collectible_assembly_whose_calls_ended_can_be_unloaded_while_the_ring_lives_on()
    {
        using IoRing ring = IoRing.Create(new IoRingOptions { Backend = IoBackend.Workers });
        WeakReference plugin = await RunInCollectibleAssemblyAsync(ring);
        for (int i = 0; i < 20 && plugin.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(plugin.IsAlive, "the ring still holds something of the unloaded assembly (its call sites' delegates?)");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunInCollectibleAssemblyAsync(IoRing ring)
    {
        Type state = DefineCollectibleStruct();
        MethodInfo run = typeof(CollectibleStateTests).GetMethod(nameof(RunCallsAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(state);
        Outcome outcome = await (Task<Outcome>)run.Invoke(null, new object[] { ring })!;
        Assert.Equal(Rounds * (3 + 4), outcome.Sum);
        return new WeakReference(state.Assembly);
    }

    private const int Rounds = 200; // enough for the site to earn trust and run later calls on the caller's thread

    private sealed record Outcome(long Sum, int Failures, bool Pooled);

    private static async Task<Outcome> RunCallsAsync<T>(IoRing ring)
    {
        long sum = 0;
        int failures = 0;
        for (int i = 0; i < Rounds; i++)
        {
            BlockingResult<T> result = await ring.RunBlockingAsync(default(T)!, static (ref T s) => 3);
            sum += result.Value;

            // A cancel hook: a short call runs as a pool work item.
            result = await ring.RunBlockingAsync(default(T)!, static (ref T s) => 4, cancelHook: static _ => { });
            sum += result.Value;

            result = await ring.RunBlockingAsync(default(T)!, static (ref T s) =>
            {
                Marshal.SetLastSystemError(Errno.EBADF);
                return -1;
            });
            Assert.Equal(-1, result.Value);
            Assert.Equal(Errno.EBADF, result.Errno);
            failures++;
        }

        return new Outcome(sum, failures, BlockingWork<T>.IsPooled);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Type DefineCollectibleStruct()
    {
        AssemblyBuilder assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Plugin" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.RunAndCollect);
        TypeBuilder type = assembly.DefineDynamicModule("Plugin").DefineType(
            "PluginState", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout, typeof(ValueType));
        type.DefineField("Fd", typeof(int), FieldAttributes.Public);
        return type.CreateType();
    }
}
