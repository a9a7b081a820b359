"""The application id, in one place: reverse-DNS, shared by the .desktop file, the AppStream
metainfo, the icon names, the Flatpak manifest and (later) QGuiApplication.setDesktopFileName.

Nothing here imports Qt, so packaging scripts and tests can read it cheaply.
"""

APP_ID = "io.github.readingroom.ReadingRoom"
