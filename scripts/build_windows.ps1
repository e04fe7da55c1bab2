<#
.SYNOPSIS
    Build the HMI for Windows: PyInstaller bundle, its self-test, then the Inno Setup installer.

.DESCRIPTION
    1. Creates .venv (when missing) and installs the project with the `packaging` and
       `postgres` extras (PyInstaller; the PostgreSQL driver goes into the bundle).
    2. Builds dist\hmi\ from packaging\hmi.spec and prints the build time and bundle size.
    3. Runs `dist\hmi\hmi.exe --self-test` offscreen with throwaway settings, data and log
       folders; stops if it fails.
    4. Compiles packaging\installer.iss with ISCC into dist\installer\ (skip with -SkipInstaller).

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File scripts\build_windows.ps1
    pwsh scripts/build_windows.ps1 -Python py -SkipInstaller
#>
param(
    [string]$Python = "python",
    [switch]$SkipInstaller
)

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "build_windows: $What failed (exit code $LASTEXITCODE)" }
}

function Find-Iscc {
    $onPath = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    foreach ($dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6",
                       "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
        $candidate = Join-Path $dir "ISCC.exe"
        if (Test-Path $candidate) { return $candidate }
    }
    throw "build_windows: Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup) or use -SkipInstaller"
}

$venvPython = ".venv\Scripts\python.exe"
if (-not (Test-Path $venvPython)) {
    Invoke-Checked "creating .venv" { & $Python -m venv .venv }
}
Invoke-Checked "upgrading pip" { & $venvPython -m pip install -q --upgrade pip }
Invoke-Checked "installing the project" { & $venvPython -m pip install -q -e ".[packaging,postgres]" }
$version = (& $venvPython packaging\version_info.py).Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw "build_windows: cannot read the version from pyproject.toml" }

$clock = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($old in @("build\hmi", "dist\hmi")) {
    if (Test-Path $old) { Remove-Item -Recurse -Force $old }
}
Invoke-Checked "PyInstaller" {
    & $venvPython -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build\hmi packaging\hmi.spec
}
$built = $clock.Elapsed.TotalSeconds
$files = Get-ChildItem dist\hmi -Recurse -File
$megabytes = ($files | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("build_windows: hmi {0} built in {1:N0} s, {2:N0} MB in {3} files" -f $version, $built, $megabytes, $files.Count)

# The self-test must not read this machine's settings or write into its users' data folders.
$scratch = Join-Path ([System.IO.Path]::GetTempPath()) ("hmi-build-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $scratch | Out-Null
$env:QT_QPA_PLATFORM = "offscreen"
$env:HMI_CONFIG = Join-Path $scratch "settings.toml"
$env:HMI_DATA_DIR = Join-Path $scratch "data"
$env:HMI_LOG_DIR = Join-Path $scratch "logs"
try {
    & dist\hmi\hmi.exe --self-test
    if ($LASTEXITCODE -ne 0) {
        $log = Join-Path $env:HMI_LOG_DIR "hmi.log"
        if (Test-Path $log) { Get-Content $log | Write-Host }
        throw "build_windows: the bundle's self-test failed (exit code $LASTEXITCODE)"
    }
} finally {
    foreach ($name in @("QT_QPA_PLATFORM", "HMI_CONFIG", "HMI_DATA_DIR", "HMI_LOG_DIR")) {
        Remove-Item "Env:$name" -ErrorAction SilentlyContinue
    }
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}

if (-not $SkipInstaller) {
    $iscc = Find-Iscc
    Invoke-Checked "Inno Setup" { & $iscc /Qp "/DAppVersion=$version" packaging\installer.iss }
    $setup = Get-Item "dist\installer\feedmill-batch-hmi-$version-setup.exe"
    Write-Host ("build_windows: installer {0} ({1:N0} MB)" -f $setup.FullName, ($setup.Length / 1MB))
}
Write-Host ("build_windows: done in {0:N0} s" -f $clock.Elapsed.TotalSeconds)
