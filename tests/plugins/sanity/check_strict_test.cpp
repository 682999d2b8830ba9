// The checks Kamailio added later: via1_header (16384), rfc3261_compliance (32768) and sizes
// (65536); and via_sip_version (8) / via_protocol (16), which never fail.
#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "request_text.hpp"

namespace {

using namespace sanity_test;
using namespace sipline::sanity;

TEST(Via1Header, PassesAViaWithHostAndBranch) {
    EXPECT_EQ(runCheck(checkVia1Header, RequestText{}.str()), "pass");
}

TEST(Via1Header, ForbidsRepliesWithoutABranch) {
    EXPECT_EQ(runCheck(checkVia1Header, RequestText{}.set("Via", "SIP/2.0/UDP iftgw.example.com").str()), "no reply");
    EXPECT_EQ(runCheck(checkVia1Header, RequestText{}.set("Via", "SIP/2.0/UDP h;branch").str()), "no reply");
    EXPECT_EQ(runCheck(checkVia1Header, RequestText{}.set("Via", "SIP/2.0/UDP h;branch=").str()), "no reply");
    EXPECT_EQ(runCheck(checkVia1Header, RequestText{}.remove("Via").str()), "no reply");
}

TEST(Rfc3261Compliance, PassesMagicCookieAndLooseRoutes) {
    EXPECT_EQ(runCheck(checkRfc3261Compliance,
                       RequestText{}.add("Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr;transport=tcp>")
                           .add("Record-Route: <sip:p3.example.com;LR>")
                           .str()),
              "pass");
}

TEST(Rfc3261Compliance, FailsSilentlyOtherwise) {
    EXPECT_EQ(runCheck(checkRfc3261Compliance, RequestText{}.set("Via", "SIP/2.0/UDP h;branch=390skdjuw").str()), "silent");
    EXPECT_EQ(runCheck(checkRfc3261Compliance, RequestText{}.set("Via", "SIP/2.0/UDP h").str()), "silent");
    EXPECT_EQ(runCheck(checkRfc3261Compliance, RequestText{}.add("Route: <sip:127.0.0.1:5080>").str()), "silent");
    EXPECT_EQ(runCheck(checkRfc3261Compliance, RequestText{}.add("Record-Route: <sip:p;lr>, <sip:q>").str()), "silent");
    EXPECT_EQ(runCheck(checkRfc3261Compliance, RequestText{}.add("Route: <bad uri;lr>").str()), "silent");
}

TEST(ViaVersionAndProtocol, NeverFail) {
    const std::string odd = RequestText{}.set("Via", "SIP/7.0/UNKNOWN h;branch=z9hG4bK1").str();
    EXPECT_EQ(runCheck(checkViaSipVersion, odd), "pass");
    EXPECT_EQ(runCheck(checkViaProtocol, odd), "pass");
}

CheckOptions limits(void (*edit)(SizeLimits &)) {
    CheckOptions options;
    edit(options.config.sizes);
    return options;
}

TEST(Sizes, PassesWithinTheDefaultLimits) {
    EXPECT_EQ(runCheck(checkSizes, RequestText{}.body(std::string(1000, 'x')).str()), "pass");
}

TEST(Sizes, FailsSilentlyAboveAnyLimit) {
    const std::string request = RequestText{}.add("Route: <sip:proxy.example.com;lr>")
                                    .add("Path: <sip:edge.example.com;lr>")
                                    .add("P-Asserted-Identity: <sip:alice@example.com>")
                                    .body("v=0\r\n")
                                    .str();
    EXPECT_EQ(runCheck(checkSizes, request), "pass");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.message = 100; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.ruri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.method = 5; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.header = 40; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.from_uri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.to_uri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.body = 4; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.headers = 100; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.contact_uri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.route_uri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.path_uri = 10; })), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.pai_uri = 10; })), "silent");
}

TEST(Sizes, ZeroDisablesALimit) {
    const std::string request = RequestText{}.body(std::string(9000, 'x')).str();
    EXPECT_EQ(runCheck(checkSizes, request), "silent");
    EXPECT_EQ(runCheck(checkSizes, request, limits([](SizeLimits &l) { l.body = 0; })), "pass");
}

TEST(Sizes, MissingFromOrUnparsableListsFail) {
    EXPECT_EQ(runCheck(checkSizes, RequestText{}.remove("From").str()), "silent");
    EXPECT_EQ(runCheck(checkSizes, RequestText{}.add("Route: <sip:a").str()), "silent");
    EXPECT_EQ(runCheck(checkSizes, RequestText{}.remove("From").str(), limits([](SizeLimits &l) { l.from_uri = 0; })),
              "pass");
}

TEST(Sizes, AReplyIsMeasuredByItsCSeqMethod) {
    const std::string reply = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                              "To: <sip:b@x>;tag=2\r\nCall-ID: c\r\nCSeq: 1 VERYLONGMETHODNAME\r\n\r\n";
    EXPECT_EQ(runCheck(checkSizes, reply), "pass");
    EXPECT_EQ(runCheck(checkSizes, reply, limits([](SizeLimits &l) { l.method = 8; })), "silent");
}

}  // namespace
