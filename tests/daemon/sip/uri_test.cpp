#include "sip/uri.hpp"

#include <gtest/gtest.h>

namespace sipline::sip {
namespace {

TEST(ParseUri, SplitsEveryPartOfASipUri) {
    const auto uri = parseUri("sip:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=hi&x=y");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->scheme, "sip");
    EXPECT_EQ(uri->scheme_kind, UriScheme::Sip);
    EXPECT_EQ(uri->user, "alice");
    EXPECT_EQ(uri->password, "secret");
    EXPECT_EQ(uri->host, "atlanta.example.com");
    EXPECT_EQ(uri->port_text, "5061");
    EXPECT_EQ(uri->port, 5061);
    EXPECT_EQ(uri->params, "transport=tcp;lr");
    EXPECT_EQ(uri->headers, "subject=hi&x=y");
    EXPECT_EQ(uri->text, "sip:alice:secret@atlanta.example.com:5061;transport=tcp;lr?subject=hi&x=y");
}

TEST(ParseUri, HostOnlyUriHasNoUserPortOrParams) {
    const auto uri = parseUri("sips:example.com");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->scheme_kind, UriScheme::Sips);
    EXPECT_EQ(uri->user, "");
    EXPECT_EQ(uri->host, "example.com");
    EXPECT_EQ(uri->port, 0);
    EXPECT_EQ(uri->port_text, "");
    EXPECT_EQ(uri->params, "");
    EXPECT_EQ(uri->headers, "");
}

TEST(ParseUri, SchemeIsCaseInsensitive) {
    const auto uri = parseUri("SIP:bob@Example.COM");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->scheme_kind, UriScheme::Sip);
    EXPECT_EQ(uri->scheme, "SIP");
    EXPECT_EQ(uri->host, "Example.COM");
}

TEST(ParseUri, AcceptsIpv4AndIpv6References) {
    const auto v4 = parseUri("sip:192.0.2.4:5060");
    ASSERT_TRUE(v4);
    EXPECT_EQ(v4->host, "192.0.2.4");
    EXPECT_EQ(v4->port, 5060);

    const auto v6 = parseUri("sip:user@[2001:db8::10]:5070;maddr=[2001:db8::1]");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "[2001:db8::10]");
    EXPECT_EQ(v6->port, 5070);
    EXPECT_EQ(v6->param("maddr"), "[2001:db8::1]");

    const auto v4_in_v6 = parseUri("sip:[::ffff:192.0.2.1]");
    ASSERT_TRUE(v4_in_v6);
    EXPECT_EQ(v4_in_v6->host, "[::ffff:192.0.2.1]");
}

TEST(ParseUri, RejectsPortsOutsideOneTo65535OrNotNumeric) {
    EXPECT_TRUE(parseUri("sip:h:65535"));
    EXPECT_TRUE(parseUri("sip:h:1"));
    EXPECT_FALSE(parseUri("sip:h:65536"));
    EXPECT_FALSE(parseUri("sip:h:0"));
    EXPECT_FALSE(parseUri("sip:h:999999"));
    EXPECT_FALSE(parseUri("sip:h:50a"));
    EXPECT_FALSE(parseUri("sip:h:"));
    EXPECT_FALSE(parseUri("sip:h:-1"));
    EXPECT_FALSE(parseUri("sip:[::1]:70000"));
}

TEST(ParseUri, KeepsEscapesAsWritten) {
    const auto uri = parseUri("sip:%75se%72@example.com;n%61me=v%61lue%25%34%31");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->user, "%75se%72");
    EXPECT_EQ(uri->param("n%61me"), "v%61lue%25%34%31");
    EXPECT_TRUE(parseUri("sip:null-%00-null@example.com"));  // escnull: an escaped NUL is legal
}

TEST(ParseUri, RejectsMalformedEscapesInTheUserPart) {
    EXPECT_FALSE(parseUri("sip:a%zzb@example.com"));
    EXPECT_FALSE(parseUri("sip:a%4@example.com"));
    EXPECT_FALSE(parseUri("sip:a%@example.com"));
}

TEST(ParseUri, ParamLookupIsCaseInsensitiveAndValuelessParamsYieldEmpty) {
    const auto uri = parseUri("sip:example.com;Transport=TLS;lr;maddr=239.255.255.1");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->param("transport"), "TLS");
    EXPECT_EQ(uri->param("LR"), "");
    EXPECT_EQ(uri->param("maddr"), "239.255.255.1");
    EXPECT_EQ(uri->param("ttl"), std::nullopt);
    EXPECT_EQ(uri->param("l"), std::nullopt);  // a prefix of "lr" is not a match
}

TEST(ParseUri, UserPartMayHoldSemicolonsQuestionMarksAndCommas) {
    // RFC 4475 semiuri and intmeth: user-unreserved characters before the '@'.
    const auto semi = parseUri("sip:user;par=u%40example.net@example.com");
    ASSERT_TRUE(semi);
    EXPECT_EQ(semi->user, "user;par=u%40example.net");
    EXPECT_EQ(semi->host, "example.com");
    EXPECT_EQ(semi->params, "");

    const auto crazy = parseUri("sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com");
    ASSERT_TRUE(crazy);
    EXPECT_EQ(crazy->user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    EXPECT_EQ(crazy->password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    EXPECT_EQ(crazy->host, "example.com");
}

TEST(ParseUri, TelUrisKeepEverythingAfterTheColonAsUser) {
    const auto tel = parseUri("tel:+1-201-555-0123;phone-context=example.com");
    ASSERT_TRUE(tel);
    EXPECT_EQ(tel->scheme_kind, UriScheme::Tel);
    EXPECT_EQ(tel->user, "+1-201-555-0123;phone-context=example.com");
    EXPECT_EQ(tel->host, "");
    const auto tels = parseUri("TELS:911");
    ASSERT_TRUE(tels);
    EXPECT_EQ(tels->scheme_kind, UriScheme::Tels);
}

TEST(ParseUri, UnknownSchemesParseAsOtherWithTextAndSchemeOnly) {
    const auto uri = parseUri("soap.beep://192.0.2.103:3002");
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->scheme_kind, UriScheme::Other);
    EXPECT_EQ(uri->scheme, "soap.beep");
    EXPECT_EQ(uri->text, "soap.beep://192.0.2.103:3002");
    EXPECT_EQ(uri->host, "");
    EXPECT_EQ(uri->port, 0);

    const auto opaque = parseUri("nobodyKnowsThisScheme:totallyopaquecontent");
    ASSERT_TRUE(opaque);
    EXPECT_EQ(opaque->scheme, "nobodyKnowsThisScheme");
}

TEST(ParseUri, RejectsTextThatIsNotAUri) {
    EXPECT_FALSE(parseUri(""));
    EXPECT_FALSE(parseUri("sip"));
    EXPECT_FALSE(parseUri("sip:"));
    EXPECT_FALSE(parseUri(":x"));
    EXPECT_FALSE(parseUri("1sip:x"));
    EXPECT_FALSE(parseUri("<sip:user@example.com>"));    // ltgtruri
    EXPECT_FALSE(parseUri(" sip:t.watson@example.org "));  // badaspec
    EXPECT_FALSE(parseUri("sip:user@example.com; lr"));   // lwsruri
    EXPECT_FALSE(parseUri(std::string_view{"sip:a\0b@c", 9}));
}

TEST(ParseUri, RejectsBadHosts) {
    EXPECT_FALSE(parseUri("sip:user@"));
    EXPECT_FALSE(parseUri("sip:@example.com"));
    EXPECT_FALSE(parseUri("sip:-example.com"));
    EXPECT_FALSE(parseUri("sip:[::1"));
    EXPECT_FALSE(parseUri("sip:[]"));
    EXPECT_FALSE(parseUri("sip:[example.com]"));
    EXPECT_FALSE(parseUri("sip:example.com/path"));
    EXPECT_FALSE(parseUri("sip:exa*mple.com"));
}

}  // namespace
}  // namespace sipline::sip
