// Whole, well-formed messages: start lines, header fields, lookups and structured views.
#include "sip/message.hpp"

#include <string>

#include <gtest/gtest.h>

#include "fixture.hpp"

namespace sipline::sip {
namespace {

using test::readFixture;
using test::viewsInto;

TEST(MessageParse, InviteRequestLineHeadersAndBody) {
    const std::string bytes = readFixture("sip/invite_basic.sip");
    Message message;
    const ParseResult result = message.parse(bytes);
    ASSERT_TRUE(result.ok) << result.reason;
    EXPECT_TRUE(message.isRequest());
    EXPECT_EQ(message.method(), "INVITE");
    EXPECT_EQ(message.requestUriText(), "sip:bob@biloxi.example.com");
    EXPECT_EQ(message.version(), "SIP/2.0");
    EXPECT_EQ(message.startLine(), "INVITE sip:bob@biloxi.example.com SIP/2.0");
    EXPECT_EQ(message.statusCode(), 0);
    ASSERT_EQ(message.headers().size(), 9u);
    EXPECT_EQ(message.headers()[0].name, "Via");
    EXPECT_EQ(message.headers()[0].type, HeaderType::Via);
    EXPECT_EQ(message.headers()[0].field,
              "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\r\n");
    EXPECT_EQ(message.headersBegin(), message.startLine().size() + 2);
    EXPECT_EQ(bytes.substr(message.headersEnd(), 4), "\r\nv=");
    EXPECT_EQ(message.body().substr(0, 4), "v=0\r");
    EXPECT_EQ(message.body().size(), 134u);
    EXPECT_EQ(message.contentLength(), 134);

    const Uri *ruri = message.requestUri();
    ASSERT_NE(ruri, nullptr);
    EXPECT_EQ(ruri->user, "bob");
    EXPECT_EQ(ruri->host, "biloxi.example.com");

    const Via *top = message.topVia();
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(top->host, "pc33.atlanta.example.com");
    EXPECT_EQ(top->port, 5060);
    EXPECT_EQ(top->branch, "z9hG4bK776asdhds");
    EXPECT_EQ(top->rport, "");

    const NameAddr *from = message.from();
    ASSERT_NE(from, nullptr);
    EXPECT_EQ(from->display_name, "Alice Liddell");
    EXPECT_EQ(from->tag, "1928301774");
    const NameAddr *to = message.to();
    ASSERT_NE(to, nullptr);
    EXPECT_EQ(to->display_name, "Bob");
    EXPECT_EQ(to->tag, std::nullopt);

    const CSeq *cseq = message.cseq();
    ASSERT_NE(cseq, nullptr);
    EXPECT_EQ(cseq->number, 314159u);
    EXPECT_EQ(cseq->method, "INVITE");
    EXPECT_EQ(message.callId(), "a84b4c76e66710@pc33.atlanta.example.com");
}

TEST(MessageParse, EveryViewPointsIntoTheInputBytes) {
    const std::string bytes = readFixture("sip/invite_basic.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.bytes().data(), bytes.data());
    EXPECT_TRUE(viewsInto(message.method(), bytes));
    EXPECT_TRUE(viewsInto(message.body(), bytes));
    for (const Header &header : message.headers()) {
        EXPECT_TRUE(viewsInto(header.name, bytes));
        EXPECT_TRUE(viewsInto(header.value, bytes));
        EXPECT_TRUE(viewsInto(header.field, bytes));
    }
    EXPECT_TRUE(viewsInto(message.topVia()->branch.value(), bytes));
    EXPECT_TRUE(viewsInto(message.from()->uri()->host, bytes));
}

TEST(MessageParse, CompactFormsAreRecognisedAndFoundByEitherName) {
    const std::string bytes = readFixture("sip/options_compact.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const std::pair<std::string_view, HeaderType> expected[] = {
        {"v", HeaderType::Via},         {"f", HeaderType::From},         {"t", HeaderType::To},
        {"i", HeaderType::CallId},      {"m", HeaderType::Contact},      {"k", HeaderType::Supported},
        {"s", HeaderType::Subject},     {"c", HeaderType::ContentType},  {"e", HeaderType::ContentEncoding},
        {"o", HeaderType::Event},       {"r", HeaderType::ReferTo},      {"l", HeaderType::ContentLength},
    };
    for (const auto &[compact, type] : expected) {
        const Header *by_type = message.find(type);
        ASSERT_NE(by_type, nullptr) << compact;
        EXPECT_EQ(by_type->name, compact);
        EXPECT_EQ(message.find(compact), by_type);
        EXPECT_EQ(message.find(canonicalName(type)), by_type);
    }
    EXPECT_EQ(message.find("VIA")->value, "SIP/2.0/TCP client.example.com:5070;branch=z9hG4bKhjhs8ass877");
    EXPECT_EQ(message.topVia()->transport, "TCP");
    EXPECT_EQ(message.from()->tag, "88sja8x");
    EXPECT_EQ(message.to()->uri()->user, "carol");
    EXPECT_EQ(message.callId(), "compact.3848276298220188511@atlanta.example.com");
    EXPECT_EQ(message.contentLength(), 5);
    EXPECT_EQ(message.body(), "hello");
}

TEST(MessageParse, RegisterWithContactListAndQuotedCommas) {
    const std::string bytes = readFixture("sip/register.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "REGISTER");
    EXPECT_EQ(message.requestUri()->host, "registrar.biloxi.example.com");
    std::vector<NameAddr> contacts;
    splitCommaList(message.find(HeaderType::Contact)->value, [&](std::string_view part) {
        if (auto contact = parseNameAddr(part)) contacts.push_back(*contact);
    });
    ASSERT_EQ(contacts.size(), 2u);
    EXPECT_EQ(contacts[0].param("expires"), "7200");
    EXPECT_EQ(contacts[1].display_name, "Bob mobile");
    EXPECT_EQ(contacts[1].uri()->port, 5062);
    EXPECT_EQ(contacts[1].uri()->param("transport"), "tcp");
    EXPECT_EQ(contacts[1].param("q"), "0.5");
    int credentials = 0;
    splitCommaList(message.find(HeaderType::Authorization)->value, [&](std::string_view) { ++credentials; });
    EXPECT_EQ(credentials, 5);
    EXPECT_EQ(message.find("expires")->value, "7200");
    EXPECT_EQ(message.body(), "");
}

TEST(MessageParse, ResponseWithViasInOneFieldAndAcrossFields) {
    const std::string bytes = readFixture("sip/response_200_vias.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_FALSE(message.isRequest());
    EXPECT_EQ(message.statusCode(), 200);
    EXPECT_EQ(message.reason(), "OK");
    EXPECT_EQ(message.version(), "SIP/2.0");
    EXPECT_EQ(message.method(), "");
    EXPECT_EQ(message.requestUri(), nullptr);
    EXPECT_EQ(message.count(HeaderType::Via), 2u);

    const std::vector<Via> *vias = message.vias();
    ASSERT_NE(vias, nullptr);
    ASSERT_EQ(vias->size(), 3u);
    EXPECT_EQ((*vias)[0].host, "server10.biloxi.example.com");
    EXPECT_EQ((*vias)[0].received, "192.0.2.3");
    EXPECT_EQ((*vias)[1].host, "bigbox3.site3.atlanta.example.com");
    EXPECT_EQ((*vias)[1].branch, "z9hG4bK77ef4c2312983.1");
    EXPECT_EQ((*vias)[2].host, "pc33.atlanta.example.com");
    EXPECT_EQ((*vias)[2].rport, "5066");
    EXPECT_EQ(message.topVia(), &(*vias)[0]);
    EXPECT_EQ(message.to()->tag, "a6c85cf");
}

TEST(MessageParse, FoldedValueSpansItsLinesAsWritten) {
    const std::string bytes = readFixture("sip/folded_headers.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const Header *subject = message.find(HeaderType::Subject);
    ASSERT_NE(subject, nullptr);
    EXPECT_EQ(subject->value, "a subject\r\n  that continues\r\n\tover three lines");
    EXPECT_EQ(subject->field, "Subject: a subject\r\n  that continues\r\n\tover three lines\r\n");
    EXPECT_EQ(message.find(HeaderType::ContentType)->value, "text/plain");
    EXPECT_EQ(message.body(), "Watson, come here.");
}

TEST(MessageParse, Ipv6InRequestUriViaAndFrom) {
    const std::string bytes = readFixture("sip/ipv6.sip");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const Uri *ruri = message.requestUri();
    ASSERT_NE(ruri, nullptr);
    EXPECT_EQ(ruri->host, "[2001:db8::10]");
    EXPECT_EQ(ruri->port, 5070);
    EXPECT_EQ(ruri->param("transport"), "udp");
    const Via *via = message.topVia();
    ASSERT_NE(via, nullptr);
    EXPECT_EQ(via->host, "[2001:db8::9:1]");
    EXPECT_EQ(via->port, 5060);
    EXPECT_EQ(via->received, "2001:db8::9:255");
    EXPECT_EQ(via->rport, "");
    EXPECT_EQ(message.from()->uri()->host, "[2001:db8::9:1]");
    EXPECT_EQ(message.to()->uri()->host, "[2001:db8::10]");
}

TEST(MessageParse, BareLineFeedsAreAccepted) {
    const std::string bytes = readFixture("sip/bare_lf.sip");
    ASSERT_EQ(bytes.find('\r'), std::string::npos);
    Message message;
    const ParseResult result = message.parse(bytes);
    ASSERT_TRUE(result.ok) << result.reason;
    EXPECT_EQ(message.method(), "BYE");
    EXPECT_EQ(message.headers().size(), 7u);
    EXPECT_EQ(message.cseq()->number, 231u);
    EXPECT_EQ(message.headers().back().field, "Content-Length: 4\n");
    EXPECT_EQ(message.body(), "bye\n");
}

TEST(MessageParse, MixedLineEndingsAndWhitespaceBeforeColon) {
    const std::string bytes = "OPTIONS sip:a@example.com SIP/2.0\r\nVia  : SIP/2.0/UDP h;branch=z9hG4bK1\n"
                              "Call-ID:\tid-1 \r\nX-Empty:\r\n\n";
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    ASSERT_EQ(message.headers().size(), 3u);
    EXPECT_EQ(message.headers()[0].name, "Via");
    EXPECT_EQ(message.callId(), "id-1");
    EXPECT_EQ(message.find("x-empty")->value, "");
    EXPECT_EQ(message.body(), "");
    EXPECT_EQ(message.contentLength(), std::nullopt);
}

TEST(MessageParse, FindByNameCoversUnknownHeadersAndNth) {
    const std::string bytes = "MESSAGE sip:a@b SIP/2.0\r\nX-Tag: one\r\nRoute: <sip:p1>\r\nx-tag: two\r\n"
                              "Route: <sip:p2>\r\n\r\n";
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.find("X-TAG")->value, "one");
    EXPECT_EQ(message.find("x-tag", 1)->value, "two");
    EXPECT_EQ(message.find("x-tag", 2), nullptr);
    EXPECT_EQ(message.find(HeaderType::Route, 1)->value, "<sip:p2>");
    EXPECT_EQ(message.find("route", 1)->value, "<sip:p2>");
    EXPECT_EQ(message.count(HeaderType::Route), 2u);
    EXPECT_EQ(message.find(HeaderType::Other), nullptr);
    EXPECT_EQ(message.count(HeaderType::Other), 0u);
    EXPECT_EQ(message.find(""), nullptr);
    EXPECT_EQ(message.find(HeaderType::Via), nullptr);
    EXPECT_EQ(message.vias(), nullptr);
    EXPECT_EQ(message.topVia(), nullptr);
    EXPECT_EQ(message.from(), nullptr);
    EXPECT_EQ(message.cseq(), nullptr);
    EXPECT_EQ(message.callId(), "");
}

TEST(MessageParse, StatusLines) {
    Message message;
    ASSERT_TRUE(message.parse("SIP/2.0 180 Ringing\r\n\r\n").ok);
    EXPECT_EQ(message.statusCode(), 180);
    EXPECT_EQ(message.reason(), "Ringing");
    ASSERT_TRUE(message.parse("SIP/2.0 486 Busy Here, really\r\n\r\n").ok);
    EXPECT_EQ(message.reason(), "Busy Here, really");
    ASSERT_TRUE(message.parse("SIP/2.0 100 \r\n\r\n").ok);  // noreason
    EXPECT_EQ(message.reason(), "");
    ASSERT_TRUE(message.parse("SIP/2.0 699\r\n\r\n").ok);
    EXPECT_EQ(message.statusCode(), 699);
    EXPECT_EQ(message.reason(), "");
    ASSERT_TRUE(message.parse("SIP/2.0 100 Trying\r\n\r\n").ok);
    EXPECT_EQ(message.statusCode(), 100);
}

TEST(MessageParse, RejectsBadStatusCodes) {
    for (const char *line : {"SIP/2.0 099 Low", "SIP/2.0 700 High", "SIP/2.0 2000 OK", "SIP/2.0 20 OK",
                             "SIP/2.0 abc OK", "SIP/2.0 4294967301 better not break the receiver",
                             "SIP/2.0 -20 OK", "SIP/2.0 20x OK"}) {
        Message message;
        const ParseResult result = message.parse(std::string{line} + "\r\n\r\n");
        EXPECT_FALSE(result.ok) << line;
        EXPECT_EQ(result.reason, "bad status code") << line;
    }
}

TEST(MessageParse, VersionMustLookLikeSipButAnyNumbersAreKept) {
    Message message;
    ASSERT_TRUE(message.parse("OPTIONS sip:a@b SIP/7.0\r\n\r\n").ok);  // sanity answers 505
    EXPECT_EQ(message.version(), "SIP/7.0");
    ASSERT_TRUE(message.parse("OPTIONS sip:a@b sip/2.0\r\n\r\n").ok);
    ASSERT_TRUE(message.parse("SIP/3.12 200 OK\r\n\r\n").ok);
    EXPECT_EQ(message.version(), "SIP/3.12");

    for (const char *line : {"INVITE sip:a@b", "INVITE sip:a@b HTTP/1.1", "INVITE sip:a@b SIP/2",
                             "INVITE sip:a@b SIP/.0", "INVITE sip:a@b SIP/2.", "INVITE sip:a@b SIP/x.y",
                             "SIP/2 200 OK", "SIP/ 200 OK", "SIP/2.0.1 200 OK"}) {
        const ParseResult result = message.parse(std::string{line} + "\r\nVia: SIP/2.0/UDP h\r\n\r\n");
        EXPECT_FALSE(result.ok) << line;
        EXPECT_EQ(result.reason, "bad SIP version") << line;
    }
}

TEST(MessageParse, RejectsMalformedRequestLines) {
    Message message;
    EXPECT_EQ(message.parse("INVITE\r\n\r\n").reason, "bad start line");
    EXPECT_EQ(message.parse("INVITE SIP/2.0\r\n\r\n").reason, "bad request line");
    EXPECT_EQ(message.parse("IN<VITE sip:a@b SIP/2.0\r\n\r\n").reason, "bad method");
    EXPECT_EQ(message.parse(" INVITE sip:a@b SIP/2.0\r\n\r\n").reason, "bad method");
}

TEST(MessageParse, ToleratesExtraSpacesInTheRequestLine) {
    Message message;
    ASSERT_TRUE(message.parse("INVITE  sip:user@example.com  SIP/2.0  \r\n\r\n").ok);  // lwsstart, trws
    EXPECT_EQ(message.requestUriText(), "sip:user@example.com");
    EXPECT_EQ(message.version(), "SIP/2.0");
    ASSERT_NE(message.requestUri(), nullptr);
}

TEST(MessageParse, SkipsCrlfKeepAlivesBeforeTheStartLine) {
    Message message;
    const std::string bytes = "\r\n\r\nOPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n";
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "OPTIONS");
    EXPECT_EQ(message.headersBegin(), bytes.find("Call-ID"));
    EXPECT_EQ(message.parse("\r\n\r\n").reason, "empty message");
    EXPECT_EQ(message.parse("").reason, "empty message");
}

TEST(MessageParse, RejectsMalformedHeaderLines) {
    Message message;
    EXPECT_EQ(message.parse("OPTIONS sip:a@b SIP/2.0\r\nNoColonHere\r\n\r\n").reason, "malformed header line");
    EXPECT_EQ(message.parse("OPTIONS sip:a@b SIP/2.0\r\n: no name\r\n\r\n").reason, "bad header name");
    EXPECT_EQ(message.parse("OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n").reason, "bad header name");
    EXPECT_EQ(message.parse("OPTIONS sip:a@b SIP/2.0\r\n folded: first\r\n\r\n").reason,
              "folded line without a header");
}

TEST(MessageParse, ReparsingResetsEveryCachedView) {
    const std::string invite = readFixture("sip/invite_basic.sip");
    const std::string response = readFixture("sip/response_200_vias.sip");
    Message message;
    ASSERT_TRUE(message.parse(invite).ok);
    ASSERT_NE(message.requestUri(), nullptr);
    ASSERT_EQ(message.vias()->size(), 1u);
    ASSERT_EQ(message.from()->tag, "1928301774");
    ASSERT_EQ(message.cseq()->number, 314159u);

    ASSERT_TRUE(message.parse(response).ok);
    EXPECT_EQ(message.requestUri(), nullptr);
    EXPECT_EQ(message.vias()->size(), 3u);
    EXPECT_EQ(message.to()->tag, "a6c85cf");
    EXPECT_EQ(message.method(), "");
    EXPECT_EQ(message.headers().size(), 8u);
}

TEST(MessageParse, TopViaSurvivesAMalformedLaterVia) {
    const std::string bytes = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP good.example.com;branch=z9hG4bK1\r\n"
                              "Via: not a via\r\n\r\n";
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.vias(), nullptr);
    ASSERT_NE(message.topVia(), nullptr);
    EXPECT_EQ(message.topVia()->host, "good.example.com");
}

// A worker parses every message into the same object: nothing of the one before may show.
TEST(MessageParse, AReusedMessageKeepsNothingOfTheMessageBefore) {
    const std::string request =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n"
        "From: <sip:alice@atlanta.example.com>;tag=1\r\nTo: <sip:bob@biloxi.example.com>;tag=2\r\n"
        "Call-ID: c1\r\nCSeq: 7 INVITE\r\nContent-Length: 4\r\n\r\nbody";
    const std::string reply =
        "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/TCP c.example.com;branch=z9hG4bK3\r\n"
        "To: <sip:carol@chicago.example.com>\r\nCSeq: 9 BYE\r\n\r\n";
    Message message;
    ASSERT_TRUE(message.parse(request).ok);
    ASSERT_NE(message.requestUri(), nullptr);
    ASSERT_NE(message.from(), nullptr);
    ASSERT_TRUE(message.to() && message.to()->tag);
    ASSERT_NE(message.cseq(), nullptr);
    ASSERT_EQ(message.vias()->size(), 2u);

    ASSERT_TRUE(message.parse(reply).ok);
    EXPECT_FALSE(message.isRequest());
    EXPECT_EQ(message.method(), "");
    EXPECT_EQ(message.requestUriText(), "");
    EXPECT_EQ(message.requestUri(), nullptr);
    EXPECT_EQ(message.statusCode(), 180);
    EXPECT_EQ(message.headers().size(), 3u);
    EXPECT_EQ(message.body(), "");
    EXPECT_EQ(message.contentLength(), std::nullopt);
    EXPECT_EQ(message.from(), nullptr);
    ASSERT_NE(message.to(), nullptr);
    EXPECT_FALSE(message.to()->tag);
    EXPECT_EQ(message.to()->uri_text, "sip:carol@chicago.example.com");
    EXPECT_EQ(message.cseq()->method, "BYE");
    ASSERT_EQ(message.vias()->size(), 1u);
    EXPECT_EQ(message.topVia()->transport, "TCP");
    EXPECT_EQ(message.callId(), "");

    ASSERT_FALSE(message.parse("garbage").ok);
    EXPECT_EQ(message.headers().size(), 0u);
    EXPECT_EQ(message.topVia(), nullptr);
    EXPECT_EQ(message.to(), nullptr);
}

}  // namespace
}  // namespace sipline::sip
