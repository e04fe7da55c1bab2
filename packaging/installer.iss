; Inno Setup 6 script of the batch HMI's Windows installer.
;
; Input: the PyInstaller bundle dist\hmi\ (packaging\hmi.spec). Output:
; dist\installer\feedmill-batch-hmi-<version>-setup.exe. Build it with
; scripts\build_windows.ps1, or by hand:
;
;   iscc packaging\installer.iss                      (version read from dist\hmi\hmi.exe)
;   iscc /DAppVersion=0.1.0 packaging\installer.iss   (or given explicitly)
;
; Per-machine install into Program Files (needs an administrator). The program folder holds
; only the bundle: each user's settings, database and logs live in that user's data folder
; (%LOCALAPPDATA%\feedmill-batch-hmi, see docs\INSTALL.md), which this installer never
; writes, so they survive upgrades and uninstalls. Upgrading is installing a newer setup
; over the old one; the same AppId makes it one product in "Apps & features".
;
; Silent install for plant IT (tasks: desktopicon, kiosk):
;   feedmill-batch-hmi-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /TASKS="desktopicon,kiosk"

#define AppName "Batch HMI"
#define AppPublisher "Feed mill batch HMI"
#define AppExe "hmi.exe"
; The bundle to package: dist\hmi by default; /DBundle=<folder> names another (the Wine lane).
#ifndef Bundle
  #define Bundle AddBackslash(SourcePath) + "..\dist\hmi"
#endif

#if !FileExists(Bundle + "\" + AppExe)
  #error dist\hmi\hmi.exe is missing: build the bundle first (scripts\build_windows.ps1)
#endif
#ifndef AppVersion
  ; The version resource of hmi.exe is generated from pyproject.toml by packaging\version_info.py.
  #define AppVersion GetStringFileInfo(Bundle + "\" + AppExe, "ProductVersion")
#endif
#define AppNumericVersion GetVersionNumbersString(Bundle + "\" + AppExe)

[Setup]
; Never change the AppId: it is what makes a newer setup an upgrade of this product.
AppId={{13340815-CB0B-4EE2-8E8E-92AEEB5E4A07}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoDescription={#AppName} setup
DefaultDirName={autopf}\Feedmill Batch HMI
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousTasks=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Close a running HMI before replacing its files (Restart Manager), and do not restart it:
; the operator or the logon shortcut starts it again.
CloseApplications=force
RestartApplications=no
SetupIconFile=..\resources\icons\hmi.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\dist\installer
OutputBaseFilename=feedmill-batch-hmi-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.KioskTask=Start the HMI full screen (kiosk mode) when any user logs on
english.KioskGroup=Operator panel:
english.DemoShortcut={#AppName} (demo with simulators)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "kiosk"; Description: "{cm:KioskTask}"; GroupDescription: "{cm:KioskGroup}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: modules of the old version must not linger.
Type: filesandordirs; Name: "{app}\_internal"
; Kiosk start unchecked on an upgrade: remove the logon shortcut an earlier install made.
Type: files; Name: "{commonstartup}\{#AppName} (kiosk).lnk"; Tasks: not kiosk

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon
; Start at logon in kiosk mode: a shortcut in the common Startup folder (all users).
; [InstallDelete] removes it when an upgrade unchecks the task; uninstalling removes it.
Name: "{commonstartup}\{#AppName} (kiosk)"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"; WorkingDir: "{app}"; Tasks: kiosk

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent unchecked

; No [UninstallDelete] for the data folders, on purpose: settings, database and logs belong
; to the users and survive uninstall (docs\INSTALL.md says how to remove them by hand).
