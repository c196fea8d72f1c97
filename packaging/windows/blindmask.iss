; Inno Setup script for the BlindMask Windows installer (optional step of build_installer.py:
; `python build_installer.py --installer` runs `iscc` with the defines below when Inno Setup 6 is on
; PATH). Per-user install by default (no administrator rights needed), Chinese + English wizard.
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\BlindMask /DOutputDir=dist packaging\windows\blindmask.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\BlindMask"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6F1C2B8E-4A57-4E8B-9B1C-3D2E5A7B9C01}
AppName=盲评遮盖助手 BlindMask
AppVersion={#AppVersion}
AppPublisher=BlindMask
DefaultDirName={autopf}\BlindMask
DefaultGroupName=BlindMask
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=BlindMask-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\blindmask.ico
UninstallDisplayIcon={app}\BlindMask.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\盲评遮盖助手 BlindMask"; Filename: "{app}\BlindMask.exe"
Name: "{group}\{cm:UninstallProgram,BlindMask}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\盲评遮盖助手 BlindMask"; Filename: "{app}\BlindMask.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\BlindMask.exe"; Description: "{cm:LaunchProgram,BlindMask}"; Flags: nowait postinstall skipifsilent
