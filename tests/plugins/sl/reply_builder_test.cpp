// Whole reply bytes for the cases Kamailio's sl distinguishes.
#include <gtest/gtest.h>

#include "reply_builder.hpp"

namespace {

using sipline::sl::buildReply;
using sipline::sl::ReplyContent;
using sipline::sl::ReplyRequest;

constexpr std::string_view kTag = "0123456789abcdef0123456789abcdef.89abcdef";

ReplyRequest optionsRequest() {
    return {
        .vias = {"SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport"},
        .record_routes = {},
        .from = "<sip:alice@example.com>;tag=1928301774",
        .to = "<sip:bob@example.com>",
        .call_id = "a84b4c76e66710",
        .cseq = "63104 OPTIONS",
    };
}

ReplyContent content(int code, std::string_view reason) {
    return {.code = code, .reason = reason, .to_tag = kTag, .contacts = {}, .extra_headers = {},
            .server = "sipline"};
}

TEST(ReplyBuilder, Builds200ToOptionsWithAToTag) {
    EXPECT_EQ(buildReply(optionsRequest(), content(200, "OK")),
              "SIP/2.0 200 OK\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>;tag=0123456789abcdef0123456789abcdef.89abcdef\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 63104 OPTIONS\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, Builds100TryingWithoutToTag) {
    ReplyRequest invite = optionsRequest();
    invite.cseq = "1 INVITE";
    EXPECT_EQ(buildReply(invite, content(100, "Trying")),
              "SIP/2.0 100 Trying\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 1 INVITE\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, TagsOnlyFrom180LikeKamailio) {
    EXPECT_EQ(buildReply(optionsRequest(), content(179, "Early"))->find(";tag=0123"),
              std::string::npos);
}

TEST(ReplyBuilder, Builds180WithTagAndRecordRoutes) {
    ReplyRequest invite = optionsRequest();
    invite.cseq = "1 INVITE";
    invite.record_routes = {"<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"};
    EXPECT_EQ(buildReply(invite, content(180, "Ringing")),
              "SIP/2.0 180 Ringing\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "Record-Route: <sip:p1.example.com;lr>\r\n"
              "Record-Route: <sip:p2.example.com;lr>\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>;tag=0123456789abcdef0123456789abcdef.89abcdef\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 1 INVITE\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, Builds302WithOneContactPerDestination) {
    ReplyRequest invite = optionsRequest();
    invite.cseq = "1 INVITE";
    invite.record_routes = {"<sip:p1.example.com;lr>"}; // not copied outside 180..299
    ReplyContent redirect = content(302, "Moved Temporarily");
    redirect.contacts = {"sip:bob@192.0.2.4", "sip:bob@192.0.2.5;transport=tcp"};
    EXPECT_EQ(buildReply(invite, redirect),
              "SIP/2.0 302 Moved Temporarily\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>;tag=0123456789abcdef0123456789abcdef.89abcdef\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 1 INVITE\r\n"
              "Contact: <sip:bob@192.0.2.4>\r\n"
              "Contact: <sip:bob@192.0.2.5;transport=tcp>\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, KeepsTheToTagOfAnInDialogRequest) {
    ReplyRequest reinvite = optionsRequest();
    reinvite.to = "\"Bob\" <sip:bob@example.com>;tag=a6c85cf";
    reinvite.cseq = "2 INVITE";
    EXPECT_EQ(buildReply(reinvite, content(486, "Busy Here")),
              "SIP/2.0 486 Busy Here\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;rport\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: \"Bob\" <sip:bob@example.com>;tag=a6c85cf\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 2 INVITE\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, CopiesEveryViaFieldInOrderAsReceived) {
    ReplyRequest forwarded = optionsRequest();
    forwarded.vias = {
        "SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKp2, SIP/2.0/UDP proxy1.example.com;branch=z9hG4bKp1",
        "SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;received=203.0.113.9",
    };
    EXPECT_EQ(buildReply(forwarded, content(404, "Not Found")),
              "SIP/2.0 404 Not Found\r\n"
              "Via: SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKp2, SIP/2.0/UDP proxy1.example.com;branch=z9hG4bKp1\r\n"
              "Via: SIP/2.0/UDP 198.51.100.7:5062;branch=z9hG4bK776;received=203.0.113.9\r\n"
              "From: <sip:alice@example.com>;tag=1928301774\r\n"
              "To: <sip:bob@example.com>;tag=0123456789abcdef0123456789abcdef.89abcdef\r\n"
              "Call-ID: a84b4c76e66710\r\n"
              "CSeq: 63104 OPTIONS\r\n"
              "Server: sipline\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
}

TEST(ReplyBuilder, PutsExtraHeadersBeforeServerAndOmitsAnEmptyServer) {
    ReplyContent unsupported = content(420, "Bad Extension");
    unsupported.extra_headers = "Unsupported: foo\r\nWarning: 399 sipline \"x\"\r\n";
    const std::string with_server = *buildReply(optionsRequest(), unsupported);
    EXPECT_TRUE(with_server.ends_with("CSeq: 63104 OPTIONS\r\n"
                                      "Unsupported: foo\r\n"
                                      "Warning: 399 sipline \"x\"\r\n"
                                      "Server: sipline\r\n"
                                      "Content-Length: 0\r\n"
                                      "\r\n"))
        << with_server;

    unsupported.server = "";
    unsupported.extra_headers = "Unsupported: foo"; // the missing CRLF is added
    const std::string without_server = *buildReply(optionsRequest(), unsupported);
    EXPECT_TRUE(without_server.ends_with("CSeq: 63104 OPTIONS\r\n"
                                         "Unsupported: foo\r\n"
                                         "Content-Length: 0\r\n"
                                         "\r\n"))
        << without_server;
}

TEST(ReplyBuilder, WritesContactsFor3xxOnly) {
    ReplyContent not_found = content(404, "Not Found");
    not_found.contacts = {"sip:bob@192.0.2.4"};
    EXPECT_EQ(buildReply(optionsRequest(), not_found)->find("Contact:"), std::string::npos);
}

TEST(ReplyBuilder, RefusesWhatCannotBeSent) {
    EXPECT_FALSE(buildReply(optionsRequest(), content(99, "Low")));
    EXPECT_FALSE(buildReply(optionsRequest(), content(700, "High")));
    EXPECT_FALSE(buildReply(optionsRequest(), content(404, "")));
    EXPECT_FALSE(buildReply(optionsRequest(), content(404, "Not\r\nInjected: yes")));
    ReplyRequest no_via = optionsRequest();
    no_via.vias.clear();
    EXPECT_FALSE(buildReply(no_via, content(404, "Not Found")));
    EXPECT_TRUE(buildReply(optionsRequest(), content(100, "Trying")));
    EXPECT_TRUE(buildReply(optionsRequest(), content(699, "Whatever")));
}

}  // namespace
