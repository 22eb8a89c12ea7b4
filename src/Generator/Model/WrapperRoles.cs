using Microsoft.CodeAnalysis;
using AsyncSys.Generator.Diagnostics;

namespace AsyncSys.Generator.Model;

/// <summary>
/// What each parameter of a wrapper is, and how its call reports failure: from the table row its entry point
/// and parameters fit, else from the user's marks. Nothing here looks at a parameter's name.
/// </summary>
internal sealed class WrapperRoles
{
    private WrapperRoles(string entryPoint, bool known, ParameterRole?[] roles, int[] lengthOwner, ReturnConvention returns, bool stated, bool zeroOnSuccess, int badMark, bool fromTable = false)
    {
        FromTable = fromTable;
        Stated = stated;
        EntryPoint = entryPoint;
        Known = known;
        Roles = roles;
        LengthOwner = lengthOwner;
        Returns = returns;
        ZeroOnSuccess = zeroOnSuccess;
        BadMark = badMark;
    }

    public string EntryPoint { get; }

    /// <summary>Whether the entry point is in the table (whether or not the parameters lined up with it).</summary>
    public bool Known { get; }

    /// <summary>
    /// Whether the parameters lined up with one of the table's shapes, so the buffers' and lengths' roles are the man page's
    /// (read's count is bytes), not a mark's.
    /// </summary>
    public bool FromTable { get; }

    /// <summary>Per parameter: its role, or <see langword="null"/> when neither the table nor a mark says.</summary>
    public ParameterRole?[] Roles { get; }

    /// <summary>Per parameter: for a length, the index of the buffer it measures; -1 otherwise.</summary>
    public int[] LengthOwner { get; }

    /// <summary>The return convention: the user's stated one, else the table's, else -1 and errno for a call outside it (the documented default, with ASYS0014).</summary>
    public ReturnConvention Returns { get; }

    /// <summary>Whether the user stated the convention with <c>Errors = SyscallErrors.X</c> (it then wins over the table).</summary>
    public bool Stated { get; }

    public bool ZeroOnSuccess { get; }

    /// <summary>Whether the marks were well formed (a bad one is reported as ASYS0005).</summary>
    public bool MarksValid => BadMark < 0;

    /// <summary>The index of the parameter with a malformed mark, or -1.</summary>
    public int BadMark { get; }

    public static WrapperRoles Of(IMethodSymbol method, string entryPoint, ReturnConvention? stated, ProblemSink problems)
    {
        var parameters = method.Parameters;
        var lengthOwner = new int[parameters.Length];
        for (int i = 0; i < lengthOwner.Length; i++)
        {
            lengthOwner[i] = -1;
        }

        ParameterRole?[] marks = ParameterMarks.Read(parameters, lengthOwner, out var markProblem, out string?[] unitUnknown);
        int badMark = -1;
        if (markProblem is { } bad)
        {
            badMark = bad.Parameter.Ordinal;
            problems.Report(
                DiagnosticDescriptors.ParameterNotSupported,
                bad.Parameter.Locations.Length > 0 ? bad.Parameter.Locations[0] : null,
                bad.Parameter.Name,
                method.Name,
                bad.Why);
        }

        // A buffer mark whose length's unit is unknown (a Pollfd*, an open_how*) is refused where the mark decides the role:
        // a call outside the table, or the argument the table leaves open (ioctl's, fcntl's).
        void RefuseUnknownUnit(System.Func<int, bool> markDecides)
        {
            for (int i = 0; i < parameters.Length && badMark < 0; i++)
            {
                if (unitUnknown[i] is { } why && markDecides(i))
                {
                    badMark = i;
                    problems.Report(DiagnosticDescriptors.ParameterNotSupported, parameters[i].Locations.Length > 0 ? parameters[i].Locations[0] : null, parameters[i].Name, method.Name, why);
                }
            }
        }

        var shapes = KnownSyscalls.Find(entryPoint);
        foreach (SyscallShape shape in shapes)
        {
            if (RoleBinder.Bind(shape, parameters) is not { } bound)
            {
                continue;
            }

            RefuseUnknownUnit(i => bound[i] == ParameterRole.Argument && marks[i] is not null);

            // The table's roles; a mark only fills in what the table leaves open (ioctl's and fcntl's argument).
            var roles = new ParameterRole?[parameters.Length];
            var owners = new int[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                roles[i] = bound[i] == ParameterRole.Argument && marks[i] is not null ? marks[i] : bound[i];
                // The table puts a length right after the buffer it measures.
                owners[i] = RoleBinder.IsLength(bound[i]) && i > 0 ? i - 1 : -1;
            }

            return new WrapperRoles(shape.EntryPoint, true, roles, owners, stated ?? shape.Returns, stated is not null, shape.ZeroOnSuccess, badMark, fromTable: true);
        }

        RefuseUnknownUnit(i => marks[i] is not null);

        // A known entry point whose parameters did not line up still keeps its table convention (posix_fallocate returns the error number).
        ReturnConvention returns = stated ?? (shapes.Count > 0 ? shapes[0].Returns : ReturnConvention.MinusOneAndErrno);
        return new WrapperRoles(shapes.Count > 0 ? shapes[0].EntryPoint : entryPoint, shapes.Count > 0, marks, lengthOwner, returns, stated is not null, false, badMark);
    }
}
