// sl.reply_error's map from the core's last error to a reply (Kamailio's err2reason_phrase).
#pragma once

#include <string>

#include <sipline/sdk/host.h>

namespace sipline::sl {

struct ErrorReply {
    int code;
    std::string reason; // "<text> (<error number>/SL)"
};

ErrorReply errorReplyFor(sipline_core_error error);

}  // namespace sipline::sl
