// RFC 4475 "SIP Torture Test Messages", the byte-exact archive copies in
// tests/fixtures/sip/rfc4475. What the parser must say about each is decided here, from the
// RFC's own text; later layers (sanity, sl) act on what the parser exposes:
// - 3.1.1 valid messages parse, with the odd values exposed exactly as written.
// - 3.1.2 invalid messages: the parser fails only where it cannot frame the message (a body
//   shorter than Content-Length, a status code that is not 3 digits, conflicting
//   Content-Lengths, no empty line). Everything else parses, so the element can still answer
//   400/505, and the broken part shows as a null structured view (URI, Via, From/To, CSeq).
// - 3.2 to 3.4 (transaction/application semantics, backward compatibility) all parse.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sip/message.hpp"

namespace sipline::sip {
namespace {

using test::readFixture;

struct TortureCase {
    std::string_view name;
    bool parses;
    std::string_view failure_reason;  // when it does not parse
};

constexpr TortureCase kTortureCases[] = {
    // 3.1.1 Valid messages.
    {"wsinv", true, {}},    {"intmeth", true, {}},  {"esc01", true, {}},    {"escnull", true, {}},
    {"esc02", true, {}},    {"lwsdisp", true, {}},  {"longreq", true, {}},  {"dblreq", true, {}},
    {"semiuri", true, {}},  {"transports", true, {}}, {"mpart01", true, {}}, {"unreason", true, {}},
    {"noreason", true, {}},
    // 3.1.2 Invalid messages.
    {"badinv01", true, {}},  // extraneous ";,": Via and Contact malformed, message framed
    {"clerr", false, "Content-Length larger than body"},
    {"ncl", true, {}},       // Content-Length: -999 -> contentLength() -1 for sanity
    {"scalar02", true, {}},  // huge CSeq / Expires / Max-Forwards values: number_valid false
    {"scalarlg", true, {}},
    {"quotbal", true, {}},   // To with unterminated quote: to() null
    {"ltgtruri", true, {}},  // <> around the R-URI: requestUri() null
    {"lwsruri", true, {}},   // LWS inside the R-URI: requestUri() null
    {"lwsstart", true, {}},  // several SP in the request line: tolerated
    {"trws", true, {}},      // SP after the version: tolerated
    {"escruri", true, {}},
    {"baddate", true, {}},
    {"regbadct", true, {}},  // addr-spec with '?' outside <>: Contact does not parse
    {"badaspec", true, {}},  // spaces inside <>: the To URI does not parse
    {"baddn", false, "no header terminator"},  // the archive copy has no empty line at all
    {"badvers", true, {}},   // SIP/7.0 is for sanity to answer 505
    {"mismatch01", true, {}},
    {"mismatch02", true, {}},
    {"bigcode", false, "bad status code"},
    // 3.2 Transaction layer semantics.
    {"badbranch", true, {}}, {"zeromf", true, {}}, {"cparam01", true, {}}, {"cparam02", true, {}},
    {"regescrt", true, {}},
    // 3.3 Application layer semantics.
    {"sdp01", true, {}},     {"inv2543", true, {}},  {"unkscm", true, {}},   {"novelsc", true, {}},
    {"unksm2", true, {}},    {"bext01", true, {}},   {"invut", true, {}},    {"regaut01", true, {}},
    {"multi01", true, {}},
    {"mcl01", false, "conflicting Content-Length headers"},
    {"bcast", true, {}},     {"insuf", true, {}},
};

std::string torture(std::string_view name) {
    return readFixture("sip/rfc4475/" + std::string{name} + ".sip");
}

TEST(Rfc4475, TheTableCoversEveryFixtureInTheCorpus) {
    std::set<std::string> on_disk;
    for (const auto &entry : std::filesystem::directory_iterator{std::string{SIPLINE_FIXTURE_DIR} + "/sip/rfc4475"})
        if (entry.path().extension() == ".sip") on_disk.insert(entry.path().stem().string());
    std::set<std::string> in_table;
    for (const TortureCase &test_case : kTortureCases) in_table.insert(std::string{test_case.name});
    EXPECT_EQ(on_disk.size(), 49u);
    EXPECT_EQ(on_disk, in_table);
}

TEST(Rfc4475, EveryMessageParsesOrFailsAsTheRfcSuggests) {
    for (const TortureCase &test_case : kTortureCases) {
        const std::string bytes = torture(test_case.name);
        Message message;
        const ParseResult result = message.parse(bytes);
        EXPECT_EQ(result.ok, test_case.parses) << test_case.name << ": " << result.reason;
        if (!test_case.parses) {
            EXPECT_EQ(result.reason, test_case.failure_reason) << test_case.name;
            continue;
        }
        // Every structured view must be computable without crashing, valid or not.
        (void)message.requestUri();
        (void)message.vias();
        (void)message.topVia();
        (void)message.from();
        (void)message.to();
        (void)message.cseq();
        (void)message.callId();
        (void)message.contentLength();
    }
}

TEST(Rfc4475, Wsinv_ShortTortuousInvite) {
    const std::string bytes = torture("wsinv");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "INVITE");
    EXPECT_EQ(message.requestUri()->param("unknownparam"), "");
    EXPECT_EQ(message.find(HeaderType::To)->name, "TO");
    EXPECT_EQ(message.to()->tag, "1918181833n");
    EXPECT_EQ(message.to()->uri()->host, "chair-dnrc.example.com");
    EXPECT_EQ(message.from()->display_name, "J Rosenberg \\\\\\\"");
    EXPECT_EQ(message.from()->tag, "98asjd8");
    EXPECT_EQ(message.find("max-forwards")->value, "0068");
    EXPECT_EQ(message.cseq()->number, 9u);
    EXPECT_EQ(message.cseq()->method, "INVITE");
    EXPECT_EQ(message.find(HeaderType::Subject)->value, "");  // "s :" with nothing after it
    EXPECT_EQ(message.find("NewFangledHeader")->value, "newfangled value\r\n continued newfangled value");
    EXPECT_EQ(message.find("UnknownHeaderWithUnusualValue")->value, ";;,,;;,;");
    EXPECT_EQ(message.contentLength(), 150);
    EXPECT_EQ(message.body().size(), 150u);

    const std::vector<Via> *vias = message.vias();
    ASSERT_NE(vias, nullptr);
    ASSERT_EQ(vias->size(), 3u);
    EXPECT_EQ((*vias)[0].host, "192.0.2.2");
    EXPECT_EQ((*vias)[0].transport, "UDP");
    EXPECT_EQ((*vias)[0].branch, "390skdjuw");
    EXPECT_EQ((*vias)[1].host, "spindle.example.com");
    EXPECT_EQ((*vias)[1].transport, "TCP");
    EXPECT_EQ((*vias)[1].branch, "z9hG4bK9ikj8");
    EXPECT_EQ((*vias)[2].host, "192.168.255.111");
    EXPECT_EQ((*vias)[2].branch, "z9hG4bK30239");

    const auto contact = parseNameAddr(message.find(HeaderType::Contact)->value);
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->param("newparam"), "newvalue");
    EXPECT_EQ(contact->param("secondparam"), "");
    EXPECT_EQ(contact->param("q"), "0.33");
}

TEST(Rfc4475, Intmeth_WideRangeOfValidCharacters) {
    const std::string bytes = torture("intmeth");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const std::string_view method = "!interesting-Method0123456789_*+`.%indeed'~";
    EXPECT_EQ(message.method(), method);
    EXPECT_EQ(message.cseq()->method, method);
    const Uri *ruri = message.requestUri();
    ASSERT_NE(ruri, nullptr);
    EXPECT_EQ(ruri->user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    EXPECT_EQ(ruri->password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    EXPECT_EQ(ruri->host, "example.com");
    EXPECT_EQ(message.topVia()->branch, "z9hG4bK-.!%66*_+`'~");
    const NameAddr *to = message.to();
    ASSERT_NE(to, nullptr);  // display name holds escaped BEL, NUL and DEL
    EXPECT_EQ(to->display_name, std::string_view("BEL:\\\x07 NUL:\\\0 DEL:\\\x7f", 20));
    const NameAddr *from = message.from();
    ASSERT_NE(from, nullptr);
    EXPECT_EQ(from->display_name, "token1~` token2'+_ token3*%!.-");
    EXPECT_EQ(from->tag, "_token~1'+`*%!-.");
    ASSERT_TRUE(from->param("fromParam''~+*_!.-%"));
    EXPECT_EQ(from->param("fromParam''~+*_!.-%")->front(), '"');
    EXPECT_EQ(message.callId(), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
    ASSERT_NE(message.find("extensionHeader-!.%*+_`'~"), nullptr);
    EXPECT_EQ(message.find("extensionHeader-!.%*+_`'~")->value, "\xEF\xBB\xBF\xE5\xA4\xA7\xE5\x81\x9C\xE9\x9B\xBB");
    EXPECT_EQ(message.find(HeaderType::MaxForwards)->value, "255");
}

TEST(Rfc4475, Esc01_ValidEscapesStayAsWritten) {
    const std::string bytes = torture("esc01");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.requestUri()->user, "sips%3Auser%40example.com");
    EXPECT_EQ(message.requestUri()->host, "example.net");
    EXPECT_EQ(message.to()->uri()->user, "%75se%72");
    EXPECT_EQ(message.from()->uri()->user, "I%20have%20spaces");
    EXPECT_EQ(message.find("c")->value, "application/sdp");  // written "C:"
    const auto contact = parseNameAddr(message.find(HeaderType::Contact)->value);  // folded value
    ASSERT_TRUE(contact);
    ASSERT_TRUE(contact->uri());
    EXPECT_EQ(contact->uri()->user, "cal%6Cer");
    EXPECT_EQ(contact->uri()->param("%6C%72"), "");
    EXPECT_EQ(contact->uri()->param("n%61me"), "v%61lue%25%34%31");
    EXPECT_EQ(message.body().size(), 150u);
}

TEST(Rfc4475, Escnull_EscapedNulsInUris) {
    const std::string bytes = torture("escnull");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.to()->uri()->user, "null-%00-null");
    EXPECT_EQ(message.from()->uri()->user, "null-%00-null");
    EXPECT_EQ(message.count(HeaderType::Contact), 2u);
    EXPECT_EQ(parseNameAddr(message.find(HeaderType::Contact, 1)->value)->uri()->user, "%00%00");
    EXPECT_EQ(message.contentLength(), 0);  // "L:0"
}

TEST(Rfc4475, Esc02_PercentThatIsNotAnEscape) {
    const std::string bytes = torture("esc02");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "RE%47IST%45R");  // a token, not REGISTER
    EXPECT_EQ(message.cseq()->method, "RE%47IST%45R");
    EXPECT_EQ(message.to()->display_name, "%Z%45");
    EXPECT_EQ(message.topVia()->branch, "z9hG4bK209%fzsnel234");
    EXPECT_EQ(message.count(HeaderType::Contact), 2u);  // "C%6Fntact" is another header
    ASSERT_NE(message.find("C%6Fntact"), nullptr);
    EXPECT_EQ(message.find("C%6Fntact")->type, HeaderType::Other);
    EXPECT_EQ(message.find("c%6fntact")->value, "<sip:alias2@host2.example.com>");
}

TEST(Rfc4475, Lwsdisp_NoSpaceBetweenDisplayNameAndBracket) {
    const std::string bytes = torture("lwsdisp");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.from()->display_name, "caller");
    EXPECT_EQ(message.from()->tag, "323");
}

TEST(Rfc4475, Longreq_LongValuesAndManyVias) {
    const std::string bytes = torture("longreq");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const std::vector<Via> *vias = message.vias();
    ASSERT_NE(vias, nullptr);
    ASSERT_EQ(vias->size(), 34u);  // Via, v, V, ViA, "V :" ... all the same header
    EXPECT_EQ(vias->front().host, "sip33.example.com");
    EXPECT_EQ((*vias)[11].host, "sip22.example.com");
    EXPECT_EQ(vias->back().host, "host.example.com");
    EXPECT_EQ(vias->back().received, "192.0.2.5");
    EXPECT_EQ(vias->back().branch->size(), 215u);
    EXPECT_EQ(message.to()->uri()->port, 6000);
    EXPECT_EQ(message.to()->display_name.size(), 103u);
    EXPECT_EQ(message.from()->tag->size(), 155u);
    EXPECT_EQ(message.from()->param("unknownValuelessparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamnameparamname"), "");
    EXPECT_EQ(message.callId().size(), 141u);
    EXPECT_EQ(message.contentLength(), 150);
    EXPECT_EQ(message.body().size(), 150u);
}

TEST(Rfc4475, Dblreq_ExtraBytesAfterTheBodyAreIgnored) {
    const std::string bytes = torture("dblreq");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "REGISTER");
    EXPECT_EQ(message.body(), "");
    EXPECT_EQ(message.callId(), "dblreq.0ha0isndaksdj99sdfafnl3lk233412");  // written "I:"
    EXPECT_EQ(message.count(HeaderType::To), 1u);  // nothing from the INVITE that follows
}

TEST(Rfc4475, Semiuri_SemicolonsInTheUserPart) {
    const std::string bytes = torture("semiuri");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const Uri *ruri = message.requestUri();
    ASSERT_NE(ruri, nullptr);
    EXPECT_EQ(ruri->user, "user;par=u%40example.net");
    EXPECT_EQ(ruri->host, "example.com");
    EXPECT_EQ(ruri->params, "");
    int accepted = 0;
    splitCommaList(message.find("Accept")->value, [&](std::string_view) { ++accepted; });
    EXPECT_EQ(accepted, 6);  // the value is folded over three lines
}

TEST(Rfc4475, Transports_UnknownTransportsAreKept) {
    const std::string bytes = torture("transports");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    const std::vector<Via> *vias = message.vias();
    ASSERT_NE(vias, nullptr);
    ASSERT_EQ(vias->size(), 5u);
    const char *expected[] = {"UDP", "SCTP", "TLS", "UNKNOWN", "TCP"};
    for (size_t i = 0; i < 5; ++i) EXPECT_EQ((*vias)[i].transport, expected[i]);
    EXPECT_EQ(message.callId(), "transports.kijh4akdnaqjkwendsasfdj");
}

TEST(Rfc4475, Mpart01_BinaryMultipartBody) {
    const std::string bytes = torture("mpart01");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.method(), "MESSAGE");
    EXPECT_EQ(message.body().size(), 553u);
    EXPECT_EQ(message.body().substr(0, 18), "--7a9cbec02ceef655");
    EXPECT_EQ(message.topVia()->rport, "");
    EXPECT_EQ(message.find(HeaderType::ContentType)->value, "multipart/mixed;boundary=7a9cbec02ceef655");
}

TEST(Rfc4475, Unreason_And_Noreason_ReasonPhrases) {
    const std::string unusual = torture("unreason");
    Message message;
    ASSERT_TRUE(message.parse(unusual).ok);
    EXPECT_EQ(message.statusCode(), 200);
    EXPECT_EQ(message.reason().substr(0, 14), "= 2**3 * 5**2 ");
    EXPECT_EQ(message.reason().size(), 74u);  // raw UTF-8, kept as bytes
    EXPECT_EQ(message.body().size(), 154u);

    const std::string empty = torture("noreason");
    ASSERT_TRUE(message.parse(empty).ok);
    EXPECT_EQ(message.statusCode(), 100);
    EXPECT_EQ(message.reason(), "");
}

TEST(Rfc4475, Badinv01_MalformedViaAndContactStillFrame) {
    const std::string bytes = torture("badinv01");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.vias(), nullptr);
    EXPECT_EQ(message.topVia(), nullptr);
    EXPECT_FALSE(parseNameAddr(message.find(HeaderType::Contact)->value));
    EXPECT_EQ(message.body().size(), 152u);
}

TEST(Rfc4475, Ncl_NegativeContentLengthIsNotANumber) {
    const std::string bytes = torture("ncl");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.contentLength(), -1);
    EXPECT_EQ(message.body().size(), 152u);
}

TEST(Rfc4475, Scalar02_And_Scalarlg_OverlargeNumbers) {
    const std::string request = torture("scalar02");
    Message message;
    ASSERT_TRUE(message.parse(request).ok);
    ASSERT_NE(message.cseq(), nullptr);
    EXPECT_FALSE(message.cseq()->number_valid);
    EXPECT_EQ(message.cseq()->method, "REGISTER");
    EXPECT_EQ(message.find(HeaderType::MaxForwards)->value, "300");
    EXPECT_EQ(message.find(HeaderType::Expires)->value.size(), 101u);
    EXPECT_EQ(parseNameAddr(message.find(HeaderType::Contact)->value)->param("expires"), "280297596632815");

    const std::string response = torture("scalarlg");
    ASSERT_TRUE(message.parse(response).ok);
    EXPECT_EQ(message.statusCode(), 503);
    EXPECT_FALSE(message.cseq()->number_valid);
    EXPECT_EQ(message.topVia()->received, "192.0.2.129");
}

TEST(Rfc4475, Quotbal_UnterminatedQuoteMakesToUnusable) {
    const std::string bytes = torture("quotbal");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.to(), nullptr);
    EXPECT_NE(message.from(), nullptr);
}

TEST(Rfc4475, Ltgtruri_And_Lwsruri_BadRequestUrisAreKeptButDoNotParse) {
    const std::string bracketed = torture("ltgtruri");
    Message message;
    ASSERT_TRUE(message.parse(bracketed).ok);
    EXPECT_EQ(message.requestUriText(), "<sip:user@example.com>");
    EXPECT_EQ(message.requestUri(), nullptr);

    const std::string spaced = torture("lwsruri");
    ASSERT_TRUE(message.parse(spaced).ok);
    EXPECT_EQ(message.requestUriText(), "sip:user@example.com; lr");
    EXPECT_EQ(message.version(), "SIP/2.0");
    EXPECT_EQ(message.requestUri(), nullptr);
}

TEST(Rfc4475, Lwsstart_And_Trws_ExtraSpacesAreTolerated) {
    const std::string spaced = torture("lwsstart");
    Message message;
    ASSERT_TRUE(message.parse(spaced).ok);
    EXPECT_EQ(message.method(), "INVITE");
    EXPECT_EQ(message.requestUriText(), "sip:user@example.com");
    EXPECT_NE(message.requestUri(), nullptr);

    const std::string trailing = torture("trws");
    ASSERT_TRUE(message.parse(trailing).ok);
    EXPECT_EQ(message.version(), "SIP/2.0");
    EXPECT_EQ(message.requestUri()->user, "remote-target");
}

TEST(Rfc4475, Escruri_HeadersInTheRequestUri) {
    const std::string bytes = torture("escruri");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    ASSERT_NE(message.requestUri(), nullptr);
    EXPECT_EQ(message.requestUri()->headers, "Route=%3Csip:example.com%3E");
}

TEST(Rfc4475, Regbadct_And_Regescrt_EscapedHeadersInContact) {
    const std::string bare = torture("regbadct");
    Message message;
    ASSERT_TRUE(message.parse(bare).ok);
    EXPECT_FALSE(parseNameAddr(message.find(HeaderType::Contact)->value));

    const std::string bracketed = torture("regescrt");
    ASSERT_TRUE(message.parse(bracketed).ok);
    const auto contact = parseNameAddr(message.find("m")->value);  // written "M:"
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->uri()->headers, "Route=%3Csip:sip.example.com%3E");
}

TEST(Rfc4475, Badaspec_SpacesInsideAngleBrackets) {
    const std::string bytes = torture("badaspec");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    ASSERT_NE(message.to(), nullptr);
    EXPECT_EQ(message.to()->display_name, "Watson, Thomas");
    EXPECT_FALSE(message.to()->uri());
    EXPECT_EQ(message.from()->display_name, "Bell, Alexander");
    EXPECT_TRUE(message.from()->uri());
}

TEST(Rfc4475, Baddn_UnquotedNonTokenDisplayNames) {
    // The archive's copy ends after "l: 0\r\n" with no empty line: a truncated message.
    const std::string archived = torture("baddn");
    Message message;
    EXPECT_EQ(message.parse(archived).reason, "no header terminator");
    // As the RFC's text shows it, with the empty line, it frames; From and To do not parse.
    const std::string with_empty_line = archived + "\r\n";
    ASSERT_TRUE(message.parse(with_empty_line).ok);
    EXPECT_EQ(message.from(), nullptr);
    EXPECT_EQ(message.to(), nullptr);
    EXPECT_EQ(message.cseq()->number, 3923239u);
}

TEST(Rfc4475, Badvers_UnknownVersionIsExposedForA505) {
    const std::string bytes = torture("badvers");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.version(), "SIP/7.0");
    EXPECT_EQ(message.topVia()->version, "7.0");
}

TEST(Rfc4475, Mismatch01_And_Mismatch02_MethodsDisagree) {
    const std::string known = torture("mismatch01");
    Message message;
    ASSERT_TRUE(message.parse(known).ok);
    EXPECT_EQ(message.method(), "OPTIONS");
    EXPECT_EQ(message.cseq()->method, "INVITE");

    const std::string unknown = torture("mismatch02");
    ASSERT_TRUE(message.parse(unknown).ok);
    EXPECT_EQ(message.method(), "NEWMETHOD");
    EXPECT_EQ(message.cseq()->method, "INVITE");
    EXPECT_EQ(message.body().size(), 138u);
}

TEST(Rfc4475, Clerr_Bigcode_Mcl01_CannotBeFramed) {
    Message message;
    EXPECT_EQ(message.parse(torture("clerr")).reason, "Content-Length larger than body");
    EXPECT_EQ(message.parse(torture("bigcode")).reason, "bad status code");
    EXPECT_EQ(message.parse(torture("mcl01")).reason, "conflicting Content-Length headers");
}

TEST(Rfc4475, Cparam01_And_Cparam02_WhereContactParamsBelong) {
    const std::string bare = torture("cparam01");
    Message message;
    ASSERT_TRUE(message.parse(bare).ok);
    auto contact = parseNameAddr(message.find(HeaderType::Contact)->value);
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->param("unknownparam"), "");
    EXPECT_EQ(contact->uri()->param("unknownparam"), std::nullopt);

    const std::string bracketed = torture("cparam02");
    ASSERT_TRUE(message.parse(bracketed).ok);
    contact = parseNameAddr(message.find(HeaderType::Contact)->value);
    ASSERT_TRUE(contact);
    EXPECT_EQ(contact->param("unknownparam"), std::nullopt);
    EXPECT_EQ(contact->uri()->param("unknownparam"), "");
}

TEST(Rfc4475, Badbranch_And_Zeromf_TransactionLayerValuesAreExposed) {
    Message message;
    const std::string bad_branch = torture("badbranch");
    ASSERT_TRUE(message.parse(bad_branch).ok);
    EXPECT_EQ(message.topVia()->branch, "z9hG4bK");
    const std::string zero = torture("zeromf");
    ASSERT_TRUE(message.parse(zero).ok);
    EXPECT_EQ(message.find(HeaderType::MaxForwards)->value, "0");
}

TEST(Rfc4475, Inv2543_Rfc2543StyleWithoutContentLength) {
    const std::string bytes = torture("inv2543");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.contentLength(), std::nullopt);
    EXPECT_EQ(message.body().size(), 105u);  // the rest of the datagram
    EXPECT_EQ(message.topVia()->branch, std::nullopt);
    EXPECT_EQ(message.find(HeaderType::MaxForwards), nullptr);
    EXPECT_EQ(message.to()->uri()->param("user"), std::nullopt);  // bare addr-spec: header param
    EXPECT_EQ(message.to()->param("user"), "phone");
}

TEST(Rfc4475, Unkscm_Novelsc_Unksm2_UnknownSchemes) {
    Message message;
    const std::string unkscm = torture("unkscm");
    ASSERT_TRUE(message.parse(unkscm).ok);
    ASSERT_NE(message.requestUri(), nullptr);
    EXPECT_EQ(message.requestUri()->scheme_kind, UriScheme::Other);
    EXPECT_EQ(message.requestUri()->scheme, "nobodyKnowsThisScheme");

    const std::string novelsc = torture("novelsc");
    ASSERT_TRUE(message.parse(novelsc).ok);
    EXPECT_EQ(message.requestUri()->scheme, "soap.beep");

    const std::string unksm2 = torture("unksm2");
    ASSERT_TRUE(message.parse(unksm2).ok);
    EXPECT_EQ(message.to()->uri()->scheme, "isbn");
    EXPECT_EQ(message.from()->uri()->scheme, "http");
    EXPECT_EQ(message.from()->tag, "3234233");
}

TEST(Rfc4475, Multi01_RepeatedSingleValueHeadersAreAllKept) {
    const std::string bytes = torture("multi01");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.count(HeaderType::CSeq), 2u);
    EXPECT_EQ(message.count(HeaderType::CallId), 2u);
    EXPECT_EQ(message.count(HeaderType::From), 2u);
    EXPECT_EQ(message.count(HeaderType::To), 2u);
    EXPECT_EQ(message.count(HeaderType::MaxForwards), 2u);
    EXPECT_EQ(message.cseq()->number, 5u);  // the structured views read the first field
    EXPECT_EQ(message.callId(), "multi01.98asdh@192.0.2.1");
}

TEST(Rfc4475, Insuf_MissingRequiredHeadersStillFrame) {
    const std::string bytes = torture("insuf");
    Message message;
    ASSERT_TRUE(message.parse(bytes).ok);
    EXPECT_EQ(message.from(), nullptr);
    EXPECT_EQ(message.to(), nullptr);
    EXPECT_EQ(message.callId(), "");
    EXPECT_EQ(message.find(HeaderType::MaxForwards), nullptr);
    EXPECT_EQ(message.body().size(), 152u);
}

TEST(Rfc4475, Bcast_And_Invut_And_Regaut01_ParseNormally) {
    Message message;
    const std::string bcast = torture("bcast");
    ASSERT_TRUE(message.parse(bcast).ok);
    ASSERT_EQ(message.vias()->size(), 2u);
    EXPECT_EQ((*message.vias())[1].host, "255.255.255.255");

    const std::string invut = torture("invut");
    ASSERT_TRUE(message.parse(invut).ok);
    EXPECT_EQ(message.body().size(), 40u);

    const std::string regaut = torture("regaut01");
    ASSERT_TRUE(message.parse(regaut).ok);
    EXPECT_EQ(message.contentLength(), 0);  // "Content-Length:0"
    EXPECT_EQ(message.find(HeaderType::Authorization)->value, "NoOneKnowsThisScheme opaque-data=here");
}

}  // namespace
}  // namespace sipline::sip
