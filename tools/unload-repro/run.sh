#!/usr/bin/env bash
# Reproducer of the heap corruption seen with plugins unloaded after using AsyncSys (README.md here).
# usage: tools/unload-repro/run.sh [runs=4] [seconds=45] [variant=ALL] [noncollectible]
#   variant: ALL (every ingredient), NO_POOLING, NO_THREADSTATIC, LAMBDA_DELEGATES, STATE_IN_DEFAULT, ONLY_WRITE, ONLY_SYNC
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-4}; seconds=${2:-45}; variant=${3:-ALL}; mode=${4:-}
runtime="$repo/src/Runtime/bin/Release/net10.0/AsyncSys.Runtime.dll"
[ -f "$runtime" ] || dotnet build "$repo/src/Runtime" -c Release -nologo -v q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugin" "$work/host"
# Built outside the repository: its Directory.Build.props (style rules as errors) is not for a throwaway program.
cp "$repo/tools/unload-repro/Plugin.cs.txt" "$work/plugin/Plugin.cs"
cp "$repo/tools/unload-repro/Host.cs.txt" "$work/host/Program.cs"
cat > "$work/plugin/plugin.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <DefineConstants>\$(DefineConstants);$variant</DefineConstants></PropertyGroup>
  <ItemGroup><Reference Include="AsyncSys.Runtime"><HintPath>$runtime</HintPath><Private>false</Private></Reference></ItemGroup>
</Project>
XML
cat > "$work/host/host.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup><Reference Include="AsyncSys.Runtime"><HintPath>$runtime</HintPath></Reference></ItemGroup>
</Project>
XML
dotnet build "$work/plugin" -c Release -o "$work/out-plugin" -nologo -v q >/dev/null
dotnet build "$work/host" -c Release -o "$work/out-host" -nologo -v q >/dev/null
crashes=0
for i in $(seq 1 "$runs"); do
  set +e
  dotnet "$work/out-host/host.dll" "$work/out-plugin/plugin.dll" "$seconds" $mode > "$work/run.txt" 2>&1
  rc=$?
  set -e
  echo "run $i: exit $rc $(grep -a '^ok' "$work/run.txt" || true)"
  [ "$rc" -ne 0 ] && crashes=$((crashes + 1))
done
echo "$variant ${mode:-collectible}: $crashes of $runs runs crashed"
