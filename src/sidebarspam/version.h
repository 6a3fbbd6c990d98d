// sidebarspam/version.h
//
// The one place the version number is written. CMake (project VERSION, the library's SONAME,
// the .deb) and pyproject.toml (the wheel's version, via scikit-build-core's regex provider) read
// the three numbers below; the string is spelled from them.
#ifndef SIDEBARSPAM_VERSION_H_
#define SIDEBARSPAM_VERSION_H_

#define SIDEBARSPAM_VERSION_MAJOR 0
#define SIDEBARSPAM_VERSION_MINOR 2
#define SIDEBARSPAM_VERSION_PATCH 0

#define SIDEBARSPAM_VERSION_STRINGIFY_(x) #x
#define SIDEBARSPAM_VERSION_STRINGIFY(x) SIDEBARSPAM_VERSION_STRINGIFY_(x)
#define SIDEBARSPAM_VERSION_STRING                             \
  SIDEBARSPAM_VERSION_STRINGIFY(SIDEBARSPAM_VERSION_MAJOR) "." \
  SIDEBARSPAM_VERSION_STRINGIFY(SIDEBARSPAM_VERSION_MINOR) "." \
  SIDEBARSPAM_VERSION_STRINGIFY(SIDEBARSPAM_VERSION_PATCH)

#endif  // SIDEBARSPAM_VERSION_H_
