// sl.reply_error's replies for each core error (Kamailio's err2reason_phrase texts).
#include <gtest/gtest.h>

#include "error_reply.hpp"

namespace {

using sipline::sl::errorReplyFor;

void expectReply(sipline_core_error error, int code, const std::string &reason) {
    const auto reply = errorReplyFor(error);
    EXPECT_EQ(reply.code, code) << error;
    EXPECT_EQ(reply.reason, reason) << error;
}

TEST(ErrorReply, MapsEveryCoreError) {
    expectReply(SIPLINE_CORE_ERROR_NONE, 500, "No error (0/SL)");
    expectReply(SIPLINE_CORE_ERROR_UNSPECIFIED, 500, "I'm terribly sorry, server error occurred (1/SL)");
    expectReply(SIPLINE_CORE_ERROR_SEND, 477, "Unfortunately error on sending to next hop occurred (2/SL)");
    expectReply(SIPLINE_CORE_ERROR_BAD_ADDRESS, 478, "Unresolvable destination (3/SL)");
    expectReply(SIPLINE_CORE_ERROR_BAD_REQUEST, 400, "Bad Request (4/SL)");
    expectReply(SIPLINE_CORE_ERROR_BAD_URI, 479, "Regretfully, we were not able to process the URI (5/SL)");
    expectReply(SIPLINE_CORE_ERROR_BAD_TUPLE, 400, "Transaction tuple incomplete (6/SL)");
    expectReply(SIPLINE_CORE_ERROR_BAD_TO, 400, "Bad To (7/SL)");
    expectReply(SIPLINE_CORE_ERROR_OUT_OF_MEMORY, 500, "Message processing error (8/SL)");
    expectReply(SIPLINE_CORE_ERROR_UNEXPECTED_STATE, 500, "Internal processing error (9/SL)");
}

TEST(ErrorReply, UnknownErrorsGetTheGenericServerError) {
    expectReply(42, 500, "I'm terribly sorry, server error occurred (42/SL)");
}

}  // namespace
