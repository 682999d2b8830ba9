// URI syntax: what parses, what is malformed, and which schemes are unsupported (416).
#include <gtest/gtest.h>

#include "uri.hpp"

namespace {

using sipline::sanity::parseUri;
using sipline::sanity::UriHeaders;
using sipline::sanity::UriParse;
using sipline::sanity::UriScheme;
using Status = UriParse::Status;

Status statusOf(std::string_view text, UriHeaders headers = UriHeaders::Allowed) {
    return parseUri(text, headers).status;
}

TEST(Uri, SplitsASipUri) {
    const UriParse parsed = parseUri("sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=x");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.uri.scheme, UriScheme::Sips);
    EXPECT_EQ(parsed.uri.user, "alice");
    EXPECT_EQ(parsed.uri.password, "secret");
    EXPECT_EQ(parsed.uri.host, "atlanta.example.com");
    EXPECT_EQ(parsed.uri.port, "5061");
    EXPECT_EQ(parsed.uri.params, "transport=tcp;lr");
    EXPECT_EQ(parsed.uri.headers, "subject=x");
    EXPECT_TRUE(parsed.uri.hasParam("lr"));
    EXPECT_TRUE(parsed.uri.hasParam("TRANSPORT"));
    EXPECT_FALSE(parsed.uri.hasParam("maddr"));
}

TEST(Uri, AcceptsTheRfc4475ValidUris) {
    for (const char *text : {
             "sip:vivekg@chair-dnrc.example.com;unknownparam",
             "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
             "sip:sips%3Auser%40example.com@example.net",
             "sip:null-%00-null@example.com",
             "sip:user;par=u%40example.net@example.com",
             "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
             "sip:127.0.0.1:5080",
             "sip:+19725552222@gw1.example.net;unknownparam",
             "sip:UserB@example.com;maddr=ss1.example.com",
             "sip:[2001:db8::10]:5070;transport=udp",
             "SIP:User@Example.COM",
             "tel:+1-201-555-0123;phone-context=example.com",
         })
        EXPECT_EQ(statusOf(text), Status::Ok) << text;
}

TEST(Uri, UnknownSchemesAreUnsupportedNotMalformed) {
    EXPECT_EQ(statusOf("nobodyKnowsThisScheme:totallyopaquecontent"), Status::UnsupportedScheme);
    EXPECT_EQ(statusOf("soap.beep://192.0.2.103:3002"), Status::UnsupportedScheme);
    EXPECT_EQ(statusOf("http://www.example.com"), Status::UnsupportedScheme);
    EXPECT_EQ(statusOf("isbn:2983792873"), Status::UnsupportedScheme);
}

TEST(Uri, RefusesMalformedUris) {
    for (const char *text : {
             "",
             "sip:",
             "<sip:user@example.com>",         // RFC 4475 ltgtruri
             "sip:user@example.com; lr",       // RFC 4475 lwsruri
             " sip:t.watson@example.org ",     // RFC 4475 badaspec
             "sip:@example.com",               // empty user
             "sip:user@",                      // no host
             "sip:user@example.com:",          // empty port
             "sip:user@example.com:65536",     // port out of range
             "sip:user@example.com:5o60",
             "sip:user@exa mple.com",
             "sip:us%2ger@example.com",        // not an escape
             "sip:user@example.com;;lr",       // empty parameter name
             "sip:user@example.com;lr=",       // empty parameter value
             "sip:user@example.com?x",         // header without '='
             "sip:user@[2001:db8::1",          // unclosed IPv6 reference
             "sip:user@example.com>",
             "1sip:user@example.com",          // a scheme starts with a letter
             "si p:user@example.com",
             "tel:",
             "tel:+1 201",
             "foo:",
             "foo:bar baz",
         })
        EXPECT_EQ(statusOf(text), Status::Malformed) << '"' << text << '"';
}

TEST(Uri, HeadersCanBeForbidden) {
    const std::string_view escruri = "sip:user@example.com?Route=%3Csip:example.com%3E"; // RFC 4475
    EXPECT_EQ(statusOf(escruri, UriHeaders::Allowed), Status::Ok);
    EXPECT_EQ(statusOf(escruri, UriHeaders::Forbidden), Status::Malformed);
}

TEST(Uri, IsTotalOverArbitraryBytes) {
    constexpr char raw[] = "sip:\0\xff@\x01;=?&%"; // 13 bytes: the embedded NUL is one of them
    const std::string nasty{raw, sizeof raw - 1};
    EXPECT_EQ(statusOf(nasty), Status::Malformed);
    for (size_t n = 0; n <= nasty.size(); ++n) (void)parseUri(std::string_view{nasty}.substr(0, n));
}

}  // namespace
