; Inno Setup 6 script: a per-machine installer for Reading Room on Windows 10 and later.
;
; Input: the PyInstaller one-folder bundle dist\reading-room\ at the repository root, made by
; packaging\pyinstaller\reading-room.spec.  This script assumes that bundle holds, side by side,
;   reading-room-gui.exe   windowed (no console): the app; shortcuts and .rrpack open it
;   reading-room.exe       console: the command line (list, search, notes ...)
; Build (from the repository root; see README.md here):
;   iscc /DAppVersion=0.1.0 packaging\windows\reading-room.iss
; Output: dist\reading-room-<version>-setup.exe
; Silent install, e.g. for a library's machines:
;   reading-room-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#ifndef AppVersion
  ; CI passes the real one: /DAppVersion=<reader.__version__>
  #define AppVersion "0.0.0-dev"
#endif
#define AppName "Reading Room"
#define AppPublisher "Reading Room developers"
#define AppURL "https://github.com/readingroom/reading-room"
#define AppExe "reading-room-gui.exe"
#define CliExe "reading-room.exe"
#define ProgId "ReadingRoom.StudyPack"
; Relative to this script's folder.
#define Bundle "..\..\dist\reading-room"

[Setup]
; Never change AppId: Windows uses it to find the installed copy for upgrades and uninstall.
AppId={{DD338552-E051-4C41-B8C3-9E6EF5DB9403}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}/issues
AppUpdatesURL={#AppURL}/releases
; Per machine: Program Files, HKLM, the all-users Start menu.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile=reading-room.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=reading-room-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The machine policy: written only when there is none, never overwritten by an upgrade and
; never removed by uninstall; the administrator owns it.
Source: "policy.example.toml"; DestDir: "{commonappdata}\{#AppName}"; DestName: "policy.toml"; Flags: onlyifdoesntexist uninsneveruninstall

[Dirs]
Name: "{commonappdata}\{#AppName}"; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; .rrpack study packs open in Reading Room (HKA is HKLM here, as the install is per machine).
Root: HKA; Subkey: "Software\Classes\.rrpack"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.rrpack"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-reading-room-pack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.rrpack\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Reading Room study pack"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".rrpack"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
