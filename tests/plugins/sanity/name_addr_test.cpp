// To/From values and name-addr lists, as the checks need them: the URI located, tags counted,
// broken structure refused.
#include <gtest/gtest.h>

#include "name_addr.hpp"

namespace {

using sipline::sanity::parseContactValue;
using sipline::sanity::parseNameAddr;
using sipline::sanity::parseNameAddrList;

TEST(NameAddr, BracketedWithDisplayNameAndTag) {
    const auto parsed = parseNameAddr("\"Alice\" <sip:alice@example.com>;tag=1928301774");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->display_name, "\"Alice\"");
    EXPECT_EQ(parsed->uri, "sip:alice@example.com");
    EXPECT_TRUE(parsed->bracketed);
    EXPECT_EQ(parsed->tag_params, 1u);
}

TEST(NameAddr, BareAddrSpecWithLwsAroundParams) {
    // RFC 4475 wsinv's To, after the folded line.
    const auto parsed = parseNameAddr("sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->uri, "sip:vivekg@chair-dnrc.example.com");
    EXPECT_FALSE(parsed->bracketed);
    EXPECT_EQ(parsed->tag_params, 1u);
}

TEST(NameAddr, TortuousDisplayNames) {
    // wsinv's From: escaped quote and backslash, folded before its parameter.
    auto parsed = parseNameAddr("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->uri, "sip:jdrosen@example.com");
    EXPECT_EQ(parsed->tag_params, 1u);
    // intmeth: escaped BEL, NUL and DEL inside the quotes; unquoted tokens with odd characters.
    constexpr char kControls[] = "\"BEL:\\\x07 NUL:\\\0 DEL:\\\x7f\" <sip:x@example.com>";
    parsed = parseNameAddr(std::string_view{kControls, sizeof(kControls) - 1});
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->uri, "sip:x@example.com");
    parsed = parseNameAddr("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;tag=_token~1'+`*%!-.");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->display_name, "token1~` token2'+_ token3*%!.-");
    // lwsdisp: no space between the display name and '<'.
    parsed = parseNameAddr("caller<sip:caller@example.com>;tag=323");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->display_name, "caller");
}

TEST(NameAddr, CountsEveryTagParameter) {
    EXPECT_EQ(parseNameAddr("<sip:a@b>;tag=1;TAG=2")->tag_params, 2u);
    EXPECT_EQ(parseNameAddr("sip:a@b;tag=1;x=y;tag=2;tag=3")->tag_params, 3u);
    EXPECT_EQ(parseNameAddr("<sip:a@b;tag=1>")->tag_params, 0u); // a URI parameter, not the header's
}

TEST(NameAddr, RefusesBrokenStructure) {
    for (const char *text : {
             "",
             "\"Mr. J. User <sip:j.user@example.com>",   // RFC 4475 quotbal
             "Bell, Alexander <sip:a.g.bell@example.com>;tag=43", // RFC 4475 baddn
             "<sip:a@b",
             "<>",
             "<sip:a@b>;",
             "<sip:a@b>;tag=",
             "<sip:a@b>;=x",
             "<sip:a@b> junk",
             "sip:a@b, sip:c@d",                          // a list where one value belongs
             "\"unterminated",
             "Alice \"Smith\" <sip:a@b>",
         })
        EXPECT_FALSE(parseNameAddr(text)) << '"' << text << '"';
}

TEST(NameAddr, KeepsTheUriTextForTheUriCheck) {
    // RFC 4475 badaspec: the structure is fine, the URI (with its spaces) is for uri.hpp to refuse.
    const auto parsed = parseNameAddr("\"Watson, Thomas\" < sip:t.watson@example.org >");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->uri, " sip:t.watson@example.org ");
}

TEST(NameAddrList, SplitsOnCommasOutsideQuotesAndBrackets) {
    const auto list = parseNameAddrList("\"A, B\" <sip:a@x;lr>, <sip:b@y?h=1,2>;expires=3 ,sip:c@z");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].uri, "sip:a@x;lr");
    EXPECT_EQ((*list)[1].uri, "sip:b@y?h=1,2");
    EXPECT_EQ((*list)[2].uri, "sip:c@z");
    EXPECT_FALSE(parseNameAddrList("<sip:a@x>,,<sip:b@y>"));
    EXPECT_FALSE(parseNameAddrList("<sip:a@x>,"));
    EXPECT_FALSE(parseNameAddrList("\"Joe\" <sip:joe@example.org>;;;;")); // RFC 4475 badinv01
}

TEST(ContactValue, StarOrList) {
    const auto star = parseContactValue(" * ");
    ASSERT_TRUE(star);
    EXPECT_TRUE(star->star);
    const auto contacts = parseContactValue("\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n"
                                            "      newvalue ;\r\n  secondparam ; q = 0.33");
    ASSERT_TRUE(contacts);
    EXPECT_FALSE(contacts->star);
    ASSERT_EQ(contacts->contacts.size(), 1u);
    EXPECT_EQ(contacts->contacts[0].uri, "sip:jdrosen@example.com");
    EXPECT_FALSE(parseContactValue("*, <sip:a@b>"));
}

}  // namespace
