// Umbrella header of the sipline plugin SDK's C ABI.
#pragma once

#include "sdk/abi.h"
#include "sdk/diag.h"
#include "sdk/entry.h"
#include "sdk/host.h"
#include "sdk/plugin.h"
#include "sdk/interfaces/sl.h"
