# Bootstrapper for the build program (NUKE conventions); the PowerShell twin of build.sh.
#
#   .\build.ps1 [targets] [--parameters]     e.g.  .\build.ps1 Test,  .\build.ps1 --help
#
# Finds dotnet (honouring global.json), builds build/_build.csproj quietly when
# anything it depends on changed, then runs build/bin/_build.dll with all arguments
# and exits with its exit code. Works on Windows PowerShell 5.1 and PowerShell 7+.
#
# Environment:
#   DOTNET_EXE    dotnet to use (default: dotnet on PATH, then the per-user install)
#   BUILD_FORCE   set to 1 to rebuild the build program even if nothing changed
#
# No param() block on purpose: every argument reaches the build program verbatim.

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$BuildArguments = @($args)

# --- repository root: this script's own directory (symlinks resolved) ---------------
function Resolve-ScriptPath([string]$Path) {
    $item = Get-Item -LiteralPath $Path -Force
    for ($depth = 0; $depth -lt 32; $depth++) {
        $linkType = $item.PSObject.Properties['LinkType']
        $target = $item.PSObject.Properties['Target']
        if ($null -eq $linkType -or $linkType.Value -ne 'SymbolicLink' -or $null -eq $target) { break }
        $next = @($target.Value)[0]
        if ([string]::IsNullOrEmpty($next)) { break }
        if (-not [System.IO.Path]::IsPathRooted($next)) {
            $next = Join-Path (Split-Path -Parent $item.FullName) $next
        }
        $item = Get-Item -LiteralPath $next -Force
    }
    return $item.FullName
}

$RootDirectory = Split-Path -Parent (Resolve-ScriptPath $MyInvocation.MyCommand.Path)
$BuildProjectFile = 'build/_build.csproj'
$BuildAssembly = Join-Path $RootDirectory 'build/bin/_build.dll'
$StateDirectory = Join-Path $RootDirectory 'build/obj'
$StampFile = Join-Path $StateDirectory '.bootstrap-stamp'
$LockFile = Join-Path $StateDirectory '.bootstrap-lock'
$BuildLog = Join-Path $StateDirectory '.bootstrap-build.log'
# Inputs of the build program. bin/ and obj/ below them are outputs and are ignored.
$WatchedPaths = @('build', 'src/Targets', 'src/Pipeline',
                  'global.json', 'Directory.Build.props', 'Directory.Packages.props')

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Get-WantedSdk {
    try {
        $json = Get-Content -LiteralPath (Join-Path $RootDirectory 'global.json') -Raw | ConvertFrom-Json
        return [string]$json.sdk.version
    } catch {
        return '(see global.json)'
    }
}

function Write-InstallHelp {
    $wanted = Get-WantedSdk
    $major = ($wanted -split '\.')[0]
    $globalJson = Join-Path $RootDirectory 'global.json'
    [Console]::Error.WriteLine(@"
build.ps1: global.json asks for the .NET SDK $wanted (roll forward: latest feature band).
  Install it with one of:
    - Windows: winget install Microsoft.DotNet.SDK.$major
    - Debian/Ubuntu: add Microsoft's package feed (https://learn.microsoft.com/dotnet/core/install/linux)
      then: apt-get install -y dotnet-sdk-$major.0
    - no admin rights: https://dot.net/v1/dotnet-install.ps1 -JsonFile "$globalJson"
      (installs to the per-user location, which build.ps1 finds on its own)
    - or download it from https://dot.net
  Or point DOTNET_EXE at a dotnet that has it.
"@)
}

function Fail([string]$Message) {
    [Console]::Error.WriteLine("build.ps1: $Message")
    exit 1
}

# --- locate dotnet ------------------------------------------------------------------
function Find-Dotnet {
    if (-not [string]::IsNullOrEmpty($env:DOTNET_EXE)) {
        $command = Get-Command $env:DOTNET_EXE -CommandType Application -ErrorAction SilentlyContinue
        if ($null -eq $command) { Fail "DOTNET_EXE is set to '$($env:DOTNET_EXE)', which is not an executable." }
        return @($command)[0].Source
    }
    $command = Get-Command 'dotnet' -CommandType Application -ErrorAction SilentlyContinue
    if ($null -ne $command) { return @($command)[0].Source }
    $candidates = @()
    if ($env:LOCALAPPDATA) { $candidates += Join-Path $env:LOCALAPPDATA 'Microsoft/dotnet/dotnet.exe' }
    if ($HOME) {
        $candidates += Join-Path $HOME '.dotnet/dotnet.exe'
        $candidates += Join-Path $HOME '.dotnet/dotnet'
    }
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return $candidate }
    }
    [Console]::Error.WriteLine('build.ps1: no dotnet found (looked at $env:DOTNET_EXE, dotnet on PATH, the per-user install).')
    Write-InstallHelp
    exit 1
}

$DotnetExe = Find-Dotnet

# --- is a build needed? -------------------------------------------------------------
# Returns the first path under $Path written after $Since (strictly later), or $null.
# Directories count too (unless -FilesOnly), so a deleted or renamed file is noticed.
function Find-NewerThan([string]$Path, [datetime]$Since, [bool]$FilesOnly) {
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    if (-not $item.PSIsContainer) {
        if ($item.LastWriteTimeUtc -gt $Since) { return $item.FullName }
        return $null
    }
    if (-not $FilesOnly -and $item.LastWriteTimeUtc -gt $Since) { return $item.FullName }
    foreach ($child in @(Get-ChildItem -LiteralPath $item.FullName -Force -ErrorAction SilentlyContinue)) {
        if ($child.PSIsContainer -and ($child.Name -eq 'bin' -or $child.Name -eq 'obj')) { continue }
        $hit = Find-NewerThan $child.FullName $Since $FilesOnly
        if ($null -ne $hit) { return $hit }
    }
    return $null
}

function Find-FirstChangedInput([datetime]$Since, [bool]$FilesOnly) {
    foreach ($path in $WatchedPaths) {
        $hit = Find-NewerThan (Join-Path $RootDirectory $path) $Since $FilesOnly
        if ($null -ne $hit) { return $hit }
    }
    return $null
}

function Test-BuildNeeded {
    $force = $env:BUILD_FORCE
    if (-not [string]::IsNullOrEmpty($force) -and $force -ne '0' -and $force -ne 'false') { return $true }
    if (-not (Test-Path -LiteralPath $BuildAssembly -PathType Leaf)) { return $true }
    if (-not (Test-Path -LiteralPath $StampFile -PathType Leaf)) { return $true }
    $stampTime = (Get-Item -LiteralPath $StampFile -Force).LastWriteTimeUtc
    return ($null -ne (Find-FirstChangedInput $stampTime $false))
}

function Test-Sdk {
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        $output = & $DotnetExe --version 2>&1 | Out-String
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $previous
    }
    if ($code -ne 0) {
        [Console]::Error.WriteLine("build.ps1: $DotnetExe does not provide an SDK that satisfies global.json:")
        [Console]::Error.WriteLine(($output.TrimEnd() -split "`r?`n" | ForEach-Object { "  $_" }) -join [Environment]::NewLine)
        Write-InstallHelp
        exit 1
    }
}

function Invoke-BuildProgramBuild {
    Test-Sdk
    $started = [DateTime]::UtcNow
    [Console]::Error.WriteLine("build.ps1: building $BuildProjectFile ...")
    # Quiet: MSBuild's output goes to a file and is shown only when the build fails.
    $previous = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        & $DotnetExe build $BuildProjectFile -nologo -clp:NoSummary --verbosity quiet *> $BuildLog
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $previous
    }
    if ($code -ne 0) {
        Get-Content -LiteralPath $BuildLog -ErrorAction SilentlyContinue |
            Where-Object { $_.Trim().Length -gt 0 } |
            ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine("build.ps1: building $BuildProjectFile failed (exit code $code).")
        exit $code
    }
    if (-not (Test-Path -LiteralPath $StampFile)) {
        New-Item -ItemType File -Path $StampFile -Force | Out-Null
    }
    if ($null -ne (Find-FirstChangedInput $started $true)) {
        # A source file changed while we were building: keep the stamp older than
        # that change so the next run builds again.
        (Get-Item -LiteralPath $StampFile -Force).LastWriteTimeUtc = $started
    } else {
        (Get-Item -LiteralPath $StampFile -Force).LastWriteTimeUtc = [DateTime]::UtcNow
    }
}

# --- check (+ build under a lock), then run -------------------------------------------
# Checked once without the lock (the warm path takes no lock), then again under it: a
# concurrent bootstrapper may have built meanwhile. An exclusive open is the lock (on
# Linux/macOS .NET takes it with flock, so it also excludes a concurrent build.sh). It
# is released before the build program runs, since that may call the bootstrapper.
Push-Location -LiteralPath $RootDirectory
try {
    if (Test-BuildNeeded) {
        New-Item -ItemType Directory -Path $StateDirectory -Force | Out-Null
        $lock = $null
        $waited = $false
        while ($null -eq $lock) {
            try {
                $lock = [System.IO.File]::Open($LockFile, 'OpenOrCreate', 'ReadWrite', 'None')
            } catch [System.IO.IOException] {
                if (-not $waited) {
                    [Console]::Error.WriteLine('build.ps1: waiting for another bootstrapper to finish building...')
                    $waited = $true
                }
                Start-Sleep -Milliseconds 200
            }
        }
        try {
            if (Test-BuildNeeded) { Invoke-BuildProgramBuild }
        } finally {
            $lock.Dispose()
        }
    }

    & $DotnetExe $BuildAssembly @BuildArguments
    $exitCode = $LASTEXITCODE
} finally {
    Pop-Location
}
exit $exitCode
