using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

internal static partial class WrapperInspector
{
    /// <summary>
    /// ASYS0005: an import of a call that keeps the address of its stream (<see cref="KeptAddressCalls"/>) with that stream
    /// declared <c>out</c> or <c>[OutputValue]</c>. The variant would give the call its own zeroed copy and hand back a copy,
    /// while the library reads the caller's fields and links its state to the address it was given.
    /// </summary>
    private static void CheckKeptAddress(IMethodSymbol method, ProblemSink problems)
    {
        if (RingPlacement.IsOrdinary(method) || KeptAddressCalls.Find(RingPlacement.EntryPointOf(method)) is not { } call
            || call.Parameter >= method.Parameters.Length)
        {
            return;
        }

        IParameterSymbol parameter = method.Parameters[call.Parameter];
        if (parameter.RefKind != RefKind.Out && TypeFacts.MarkedOutputValueStruct(parameter) is null)
        {
            return;
        }

        problems.Report(
            DiagnosticDescriptors.ParameterNotSupported,
            parameter.Locations.Length > 0 ? parameter.Locations[0] : method.Locations[0],
            parameter.Name,
            method.Name,
            "'" + call.EntryPoint + "' keeps the address of " + call.What + " it is given, which the caller owns from its init call to '" + call.End + "': "
            + call.Why + "; declared " + (parameter.RefKind == RefKind.Out ? "out" : "[OutputValue]") + ", the variant would pass a zeroed copy of its own and hand back a copy the library no longer recognises. "
            + "Pass the stream's address as nint, from memory kept fixed (NativeMemory) until '" + call.End + "' has run, so every call (sync or variant) gets the same stream, "
            + "and keep the buffers next_in/next_out point into fixed as long as the stream holds them");
    }
}
