// constexpr builders for the declaration tables, so a plugin's tables read as one line each.
#pragma once

#include <cstdint>

#include "../plugin.h"

namespace sipline::sdk {

inline constexpr int64_t kUnbounded = 0; // with min > max

constexpr sipline_param_t intParam(const char *name, const char *default_json, int64_t min,
                                   int64_t max, const char *doc, uint32_t flags = 0) noexcept {
    return {sizeof(sipline_param_t), name, SIPLINE_PARAM_INT, flags, default_json, min, max, doc};
}

constexpr sipline_param_t strParam(const char *name, const char *default_json, const char *doc,
                                   uint32_t flags = 0) noexcept {
    return {sizeof(sipline_param_t), name, SIPLINE_PARAM_STR, flags, default_json, 1, 0, doc};
}

constexpr sipline_param_t boolParam(const char *name, const char *default_json,
                                    const char *doc) noexcept {
    return {sizeof(sipline_param_t), name, SIPLINE_PARAM_BOOL, 0, default_json, 1, 0, doc};
}

constexpr sipline_param_t jsonParam(const char *name, const char *default_json, const char *doc,
                                    uint32_t flags = 0) noexcept {
    return {sizeof(sipline_param_t), name, SIPLINE_PARAM_JSON, flags, default_json, 1, 0, doc};
}

}  // namespace sipline::sdk
