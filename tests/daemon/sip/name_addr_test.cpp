#include "sip/name_addr.hpp"

#include <gtest/gtest.h>

namespace sipline::sip {
namespace {

TEST(ParseNameAddr, QuotedDisplayNameAngleUriAndTag) {
    const auto addr = parseNameAddr("  \"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774  ");
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->text, "\"Alice Liddell\" <sip:alice@atlanta.example.com>;tag=1928301774");
    EXPECT_EQ(addr->display_name, "Alice Liddell");
    EXPECT_EQ(addr->uri_text, "sip:alice@atlanta.example.com");
    ASSERT_TRUE(addr->uri());
    EXPECT_EQ(addr->uri()->user, "alice");
    EXPECT_EQ(addr->params, "tag=1928301774");
    EXPECT_EQ(addr->tag, "1928301774");
    EXPECT_EQ(addr->tag_count, 1u);
    EXPECT_FALSE(addr->is_star);
}

TEST(ParseNameAddr, UnquotedDisplayNameOfTokens) {
    const auto addr = parseNameAddr("Bob Smith <sip:bob@biloxi.example.com>");
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->display_name, "Bob Smith");
    EXPECT_EQ(addr->tag, std::nullopt);
    EXPECT_EQ(addr->tag_count, 0u);
    EXPECT_EQ(addr->params, "");
}

TEST(ParseNameAddr, NoSpaceBeforeTheAngleBracket) {
    const auto addr = parseNameAddr("caller<sip:caller@example.com>;tag=323");  // lwsdisp
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->display_name, "caller");
    EXPECT_EQ(addr->tag, "323");
}

TEST(ParseNameAddr, QuotedDisplayNameKeepsEscapesAsWritten) {
    const auto addr = parseNameAddr("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8");
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->display_name, "J Rosenberg \\\\\\\"");
    EXPECT_EQ(addr->tag, "98asjd8");
}

TEST(ParseNameAddr, BareAddrSpecParamsBelongToTheHeader) {
    // RFC 3261 20.10: without <>, everything after the URI's first ';' is a header param.
    const auto addr = parseNameAddr("sip:+19725552222@gw1.example.net;unknownparam;tag=5");
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->uri_text, "sip:+19725552222@gw1.example.net");
    ASSERT_TRUE(addr->uri());
    EXPECT_EQ(addr->uri()->params, "");
    EXPECT_EQ(addr->params, "unknownparam;tag=5");
    EXPECT_EQ(addr->param("unknownparam"), "");
    EXPECT_EQ(addr->tag, "5");
    EXPECT_EQ(addr->display_name, "");
}

TEST(ParseNameAddr, AngleFormParamsInsideBelongToTheUri) {
    const auto addr = parseNameAddr("<sip:+19725552222@gw1.example.net;unknownparam>");  // cparam02
    ASSERT_TRUE(addr);
    ASSERT_TRUE(addr->uri());
    EXPECT_EQ(addr->uri()->param("unknownparam"), "");
    EXPECT_EQ(addr->params, "");
    EXPECT_EQ(addr->param("unknownparam"), std::nullopt);
}

TEST(ParseNameAddr, ContactStar) {
    const auto addr = parseNameAddr(" * ");
    ASSERT_TRUE(addr);
    EXPECT_TRUE(addr->is_star);
    EXPECT_FALSE(addr->uri());
}

TEST(ParseNameAddr, CountsDuplicatedTagsAndKeepsTheFirst) {
    const auto addr = parseNameAddr("<sip:a@example.com>;tag=first;x=1;TAG=second");
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->tag, "first");
    EXPECT_EQ(addr->tag_count, 2u);
}

TEST(ParseNameAddr, HeaderParamsWithSpacesAndQuotedValues) {
    const auto addr = parseNameAddr("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n"
                                    "      newvalue ;\r\n  secondparam ; q = 0.33;x=\"a;b\"");  // wsinv Contact
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->display_name, "Quoted string \\\"\\\"");
    EXPECT_EQ(addr->param("newparam"), "newvalue");
    EXPECT_EQ(addr->param("secondparam"), "");
    EXPECT_EQ(addr->param("q"), "0.33");
    EXPECT_EQ(addr->param("x"), "\"a;b\"");
}

TEST(ParseNameAddr, UnparsableUriInsideBracketsLeavesUriEmpty) {
    const auto addr = parseNameAddr("\"Watson, Thomas\" < sip:t.watson@example.org >");  // badaspec
    ASSERT_TRUE(addr);
    EXPECT_EQ(addr->uri_text, " sip:t.watson@example.org ");
    EXPECT_FALSE(addr->uri());
}

TEST(ParseNameAddr, UnknownSchemesParseAsOther) {
    const auto http = parseNameAddr("<http://www.example.com>;tag=3234233");  // unksm2
    ASSERT_TRUE(http);
    ASSERT_TRUE(http->uri());
    EXPECT_EQ(http->uri()->scheme_kind, UriScheme::Other);
    EXPECT_EQ(http->tag, "3234233");
    const auto isbn = parseNameAddr("isbn:2983792873");
    ASSERT_TRUE(isbn);
    ASSERT_TRUE(isbn->uri());
    EXPECT_EQ(isbn->uri()->scheme, "isbn");
}

TEST(ParseNameAddr, RejectsMalformedValues) {
    EXPECT_FALSE(parseNameAddr(""));
    EXPECT_FALSE(parseNameAddr("   "));
    EXPECT_FALSE(parseNameAddr("\"Mr. J. User <sip:j.user@example.com>"));  // quotbal
    EXPECT_FALSE(parseNameAddr("\"Name\" sip:a@b"));
    EXPECT_FALSE(parseNameAddr("<sip:a@example.com"));
    EXPECT_FALSE(parseNameAddr("<sip:a@example.com> junk"));
    EXPECT_FALSE(parseNameAddr("<sip:a@example.com>;"));
    EXPECT_FALSE(parseNameAddr("\"Joe\" <sip:joe@example.org>;;;;"));      // badinv01 Contact
    EXPECT_FALSE(parseNameAddr("Bell, Alexander <sip:a.g.bell@example.com>;tag=43"));  // baddn
    EXPECT_FALSE(parseNameAddr("sip:user@example.com?Route=%3Csip:sip.example.com%3E"));  // regbadct
    EXPECT_FALSE(parseNameAddr("sip:a@b;tag"  "=\"open"));
    EXPECT_FALSE(parseNameAddr(";tag=1"));
}

}  // namespace
}  // namespace sipline::sip
