// Compile-time guard: this C++ layer is written for ABI 1.x.
#pragma once

#include "../abi.h"

static_assert(SIPLINE_ABI_MAJOR == 1, "the sipline C++ SDK layer supports ABI 1.x only");
