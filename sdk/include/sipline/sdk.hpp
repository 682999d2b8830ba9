// Umbrella header of the sipline SDK's header-only C++ layer. Compiled into the plugin; it
// exports nothing and adds nothing to the ABI.
#pragma once

#include "sdk.h"
#include "sdk/cpp/declare.hpp"
#include "sdk/cpp/host.hpp"
#include "sdk/cpp/message.hpp"
#include "sdk/cpp/strings.hpp"
#include "sdk/cpp/trampolines.hpp"
#include "sdk/cpp/version_check.hpp"
