#include "error_reply.hpp"

#include <string_view>

namespace sipline::sl {
namespace {

struct ErrorText {
    int code;
    std::string_view text;
};

ErrorText errorTextFor(sipline_core_error error) noexcept {
    switch (error) {
    case SIPLINE_CORE_ERROR_NONE: return {500, "No error"};
    case SIPLINE_CORE_ERROR_SEND: return {477, "Unfortunately error on sending to next hop occurred"};
    case SIPLINE_CORE_ERROR_BAD_ADDRESS: return {478, "Unresolvable destination"};
    case SIPLINE_CORE_ERROR_BAD_REQUEST: return {400, "Bad Request"};
    case SIPLINE_CORE_ERROR_BAD_URI: return {479, "Regretfully, we were not able to process the URI"};
    case SIPLINE_CORE_ERROR_BAD_TUPLE: return {400, "Transaction tuple incomplete"};
    case SIPLINE_CORE_ERROR_BAD_TO: return {400, "Bad To"};
    case SIPLINE_CORE_ERROR_OUT_OF_MEMORY: return {500, "Message processing error"};
    case SIPLINE_CORE_ERROR_UNEXPECTED_STATE: return {500, "Internal processing error"};
    case SIPLINE_CORE_ERROR_UNSPECIFIED:
    default: return {500, "I'm terribly sorry, server error occurred"};
    }
}

}  // namespace

ErrorReply errorReplyFor(sipline_core_error error) {
    const ErrorText found = errorTextFor(error);
    return {found.code, std::string{found.text} + " (" + std::to_string(error) + "/SL)"};
}

}  // namespace sipline::sl
