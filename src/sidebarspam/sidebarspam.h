// sidebarspam/sidebarspam.h — the whole public C++ API. See classifier.h for a usage example.
#ifndef SIDEBARSPAM_SIDEBARSPAM_H_
#define SIDEBARSPAM_SIDEBARSPAM_H_

#include "sidebarspam/classifier.h"
#include "sidebarspam/html.h"
#include "sidebarspam/options.h"
#include "sidebarspam/result.h"
#include "sidebarspam/site_memory.h"
#include "sidebarspam/status.h"
#include "sidebarspam/training.h"
#include "sidebarspam/version.h"

#endif  // SIDEBARSPAM_SIDEBARSPAM_H_
