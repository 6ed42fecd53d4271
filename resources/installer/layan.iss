; Layan — Windows installer (Inno Setup 6). Built by .github/workflows/windows.yml:
;   iscc /DAppVersion=0.1.0 /DSourceRoot=<repo> resources\installer\layan.iss
; after `pyinstaller build.spec` made dist\layan (the app) and dist\launcher (the launcher).
;
; Layout on the PC (docs/INSTALL.md):
;   C:\Program Files\Layan\                 the launcher (layan.exe, layan-cli.exe, launcher.ini) — admin only
;   C:\ProgramData\Layan\app\versions\X.Y.Z the app, one folder per version; updates go here (users may write:
;                                           the clerk's Layan installs signed updates without an admin)
;   C:\ProgramData\Layan\data\              the office's database, backups, update metadata — NEVER removed
;                                           by uninstall, never under Program Files
; Silent install with a provisioning file (IT's USB stick):
;   Layan-Setup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /PROVISION="E:\layan-provision-DST-MB.json"

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceRoot
  #define SourceRoot "..\.."
#endif
#define AppName "Layan"
#define AppHome "{commonappdata}\Layan\app"
#define DataDir "{commonappdata}\Layan\data"

[Setup]
; The AppId never changes: it is how a new installer finds the old installation.
AppId={{6E0B7E1C-5A7D-4F53-9C1E-7A4B2D9E3F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Pemerintah Kabupaten Mimika (Diskominfo)
DefaultDirName={autopf}\Layan
DefaultGroupName=Layan
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourceRoot}\dist\installer
OutputBaseFilename=Layan-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\layan.exe
; Do not stop for a running Layan: versions are side by side, the new one starts next time.
CloseApplications=no
MinVersion=10.0

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
en.ProvisionRun=Mengatur PC ini dari berkas provisioning...
en.StartLayan=Buka Layan

[Dirs]
; Users may modify: the app installs signed updates here, the office's data lives here.
Name: "{#AppHome}"; Permissions: users-modify
Name: "{#AppHome}\versions"; Permissions: users-modify
Name: "{#DataDir}"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
; The launcher (stdlib only) in Program Files.
Source: "{#SourceRoot}\dist\launcher\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The app itself: one versioned folder (with its .layan-manifest.json, which marks it complete).
Source: "{#SourceRoot}\dist\layan\*"; DestDir: "{#AppHome}\versions\{#AppVersion}"; Flags: ignoreversion recursesubdirs createallsubdirs

[INI]
; Where the launcher finds the versions and the data (expanded at install time).
Filename: "{app}\launcher.ini"; Section: "launcher"; Key: "app_home"; String: "{#AppHome}"
Filename: "{app}\launcher.ini"; Section: "launcher"; Key: "data_dir"; String: "{#DataDir}"
; This installer's version becomes current at the next start (like a downloaded update would).
Filename: "{#AppHome}\state.ini"; Section: "layan"; Key: "pending"; String: "{#AppVersion}"

[Icons]
Name: "{group}\Layan"; Filename: "{app}\layan.exe"; WorkingDir: "{#DataDir}"; Comment: "Layan — kantor distrik dan puskesmas"
Name: "{autodesktop}\Layan"; Filename: "{app}\layan.exe"; WorkingDir: "{#DataDir}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Ikon di desktop"; Flags: unchecked

[Run]
Filename: "{app}\layan-cli.exe"; Parameters: "provision ""{param:PROVISION}"""; StatusMsg: "{cm:ProvisionRun}"; Flags: runhidden waituntilterminated; Check: HasProvisionFile
Filename: "{app}\layan.exe"; Description: "{cm:StartLayan}"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; The program and its versions go; {#DataDir} (the office's data) stays.
Type: filesandordirs; Name: "{#AppHome}\versions"
Type: files; Name: "{#AppHome}\state.ini"
Type: files; Name: "{#AppHome}\launcher.log"
Type: dirifempty; Name: "{#AppHome}"
Type: files; Name: "{app}\launcher.ini"

[Code]
function HasProvisionFile(): Boolean;
begin
  Result := (ExpandConstant('{param:PROVISION}') <> '') and FileExists(ExpandConstant('{param:PROVISION}'));
end;
