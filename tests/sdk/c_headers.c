// Compiled as C11 and C17 with -pedantic -Werror: the ABI headers are plain C.
#include <sipline/sdk.h>

int sipline_sdk_c_headers_compile(void) {
    sipline_value_t value = {SIPLINE_VALUE_INT, 0, 42, {0, 0}};
    return (int)value.integer + (int)sizeof(sipline_plugin_t) + (int)sizeof(sipline_host_t);
}
