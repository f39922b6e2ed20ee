; NSIS 3 installer script of Beian Desktop (备案接入助手).
; On Windows `python build_installer.py` compiles it after the frozen smoke test, passing
;   /DAPP_VERSION=<pyproject.toml version> /DSOURCE_DIR=<dist\beian-desktop made by the spec> /DICON=<.ico> /DOUT_FILE=<setup.exe>
; On Linux `python build_installer.py --target windows` only checks it with Debian's makensis against a stand-in folder:
; PyInstaller does not cross-compile, so the real installer is built (and tested) on Windows only.
;
; Per-user install without administrator rights (%LOCALAPPDATA%\Programs\Beian Desktop), a Start-menu entry, an
; uninstaller that keeps the drafts (%LOCALAPPDATA%\BeianDesktop) unless the user asks to delete them, and
; "Open with" for exported drafts (.beianpkg) and submission packages (.zip), which imports them as new drafts.

Unicode true
!include "MUI2.nsh"

!ifndef APP_VERSION
  !error "pass /DAPP_VERSION=... (build_installer.py reads it from pyproject.toml)"
!endif
!ifndef SOURCE_DIR
  !error "pass /DSOURCE_DIR=... (the one-folder app made by packaging/beian-desktop.spec)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "beian-desktop-${APP_VERSION}-setup.exe"
!endif
!define APP_NAME "beian-desktop"
!define DISPLAY_NAME "备案接入助手 Beian Desktop"
!define GUI_EXE "${APP_NAME}.exe"
!define CLI_EXE "${APP_NAME}-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BeianDesktop"
!define DATA_DIR "$LOCALAPPDATA\BeianDesktop"

Name "${DISPLAY_NAME}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Beian Desktop"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
VIProductVersion "${APP_VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=2052 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${DISPLAY_NAME} installer"
VIAddVersionKey /LANG=2052 "LegalCopyright" "Beian Desktop"
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "$INSTDIR\${GUI_EXE}"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; "Open with": imports the file as a new draft through the command line; the .zip default program is left alone.
  WriteRegStr HKCU "Software\Classes\BeianDesktop.Import" "" "${DISPLAY_NAME}"
  WriteRegStr HKCU "Software\Classes\BeianDesktop.Import\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "Software\Classes\BeianDesktop.Import\shell\open\command" "" '"$INSTDIR\${CLI_EXE}" drafts import "%1"'
  WriteRegStr HKCU "Software\Classes\.beianpkg\OpenWithProgids" "BeianDesktop.Import" ""
  WriteRegStr HKCU "Software\Classes\.zip\OpenWithProgids" "BeianDesktop.Import" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  ; only what the installer put there: never a folder the user chose with other files in it
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Classes\BeianDesktop.Import"
  DeleteRegValue HKCU "Software\Classes\.beianpkg\OpenWithProgids" "BeianDesktop.Import"
  DeleteRegValue HKCU "Software\Classes\.zip\OpenWithProgids" "BeianDesktop.Import"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; the drafts and settings are kept unless the user says otherwise (a silent uninstall keeps them)
  IfFileExists "${DATA_DIR}\*.*" 0 done
  MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "是否同时删除草稿和设置？选择“否”将保留它们。$\r$\nAlso delete your drafts and settings? Choose No to keep them.$\r$\n$\r$\n${DATA_DIR}" /SD IDNO IDNO done
  RMDir /r "${DATA_DIR}"
  done:
SectionEnd
