// Splitting the received bytes, and how far Kamailio's header parser would get through them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "header_parse_progress.hpp"
#include "message_fields.hpp"

namespace {

using namespace sipline::sanity;

TEST(MessageFields, SplitsStartLineFieldsAndBody) {
    const std::string text = "\r\nINVITE  sip:bob@example.com  SIP/2.0 \r\nv: SIP/2.0/UDP h\r\n"
                             "Subject: folded\r\n  over two lines\r\nl: 4\r\n\r\nbody";
    const MessageFields fields{text};
    EXPECT_EQ(fields.startLine().method, "INVITE");
    EXPECT_EQ(fields.startLine().uri, "sip:bob@example.com");
    EXPECT_EQ(fields.startLine().version, "SIP/2.0");
    ASSERT_EQ(fields.fields().size(), 3u);
    EXPECT_EQ(fields.fields()[0].kind, HeaderKind::Via);
    EXPECT_EQ(fields.fields()[1].value, "folded\r\n  over two lines");
    EXPECT_EQ(fields.fields()[1].whole, "Subject: folded\r\n  over two lines\r\n");
    EXPECT_EQ(fields.fields()[2].kind, HeaderKind::ContentLength);
    EXPECT_TRUE(fields.hasBodySeparator());
    EXPECT_EQ(fields.rawBody(), "body");
    EXPECT_EQ(fields.headerBlock(), "v: SIP/2.0/UDP h\r\nSubject: folded\r\n  over two lines\r\nl: 4\r\n");
}

TEST(MessageFields, RecognisesCompactAndOddlyCasedNames) {
    const MessageFields fields{"OPTIONS sip:a SIP/2.0\r\nf: x\r\nT : y\r\ni:z\r\nCSEQ: 1 OPTIONS\r\nm: *\r\n"
                               "pRoXy-ReQuIrE: a\r\nC%6Fntact: no\r\n\r\n"};
    const HeaderKind expected[] = {HeaderKind::From,    HeaderKind::To,           HeaderKind::CallId,
                                   HeaderKind::CSeq,    HeaderKind::Contact,      HeaderKind::ProxyRequire,
                                   HeaderKind::Other};
    ASSERT_EQ(fields.fields().size(), std::size(expected));
    for (size_t i = 0; i < std::size(expected); ++i) EXPECT_EQ(fields.fields()[i].kind, expected[i]) << i;
}

TEST(MessageFields, AStatusLineHasNoRequestParts) {
    const MessageFields fields{"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"};
    EXPECT_TRUE(fields.startLine().method.empty());
    EXPECT_TRUE(fields.startLine().version.empty());
}

TEST(MessageFields, IsTotalOverTruncatedOrBrokenBytes) {
    for (const char *text : {"", "\r\n", "INVITE", "INVITE sip:a SIP/2.0", "INVITE sip:a SIP/2.0\r\nno colon\r\n"}) {
        const MessageFields fields{text};
        EXPECT_FALSE(fields.hasBodySeparator()) << text;
    }
    const MessageFields broken{"INVITE sip:a SIP/2.0\r\nno colon\r\n\r\n"};
    ASSERT_EQ(broken.fields().size(), 1u);
    EXPECT_FALSE(broken.fields()[0].well_formed);
    const MessageFields folded_first{"X\r\n folded first\r\n\r\n"};
    ASSERT_EQ(folded_first.fields().size(), 1u);
    EXPECT_FALSE(folded_first.fields()[0].well_formed);
}

// Beyond the fields kept in place (and the 255 indexed by kind) nothing is lost or reordered,
// whether the fields come from our split or the daemon's.
TEST(MessageFields, KeepsEveryFieldOfALongMessage) {
    std::string text = "OPTIONS sip:a SIP/2.0\r\n";
    for (int i = 0; i < 300; ++i) text += "X-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
    text += "CSeq: 1 OPTIONS\r\n\r\n";
    const MessageFields own{text};
    std::vector<sipline_header_field_t> split;
    for (const HeaderField &field : own.fields())
        split.push_back({{field.name.data(), field.name.size()},
                         {field.value.data(), field.value.size()},
                         {field.whole.data(), field.whole.size()}});
    const MessageFields daemons{text, split};
    for (const MessageFields *fields : {&own, &daemons}) {
        ASSERT_EQ(fields->fields().size(), 301u);
        EXPECT_EQ(fields->fields()[40].name, "X-40");
        EXPECT_EQ(fields->fields()[299].value, "299");
        EXPECT_EQ(fields->count(HeaderKind::Other), 300u);
        ASSERT_NE(fields->first(HeaderKind::CSeq), nullptr);
        EXPECT_EQ(fields->indexOf(*fields->first(HeaderKind::CSeq)), 300u);
        EXPECT_TRUE(HeaderParseProgress{*fields}.reachesEnd());
    }
}

// The order matters: a broken To after the fields asked for does not stop parse_headers.
TEST(HeaderParseProgress, ABrokenFieldStopsOnlyWhatComesAfterIt) {
    const MessageFields fields{"INVITE sip:a SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: 1 INVITE\r\n"
                               "Expires: 60\r\nTo: \"unclosed <sip:b>\r\nFrom: <sip:a>\r\n\r\n"};
    const HeaderParseProgress progress{fields};
    EXPECT_TRUE(progress.reaches({HeaderKind::CSeq}));
    EXPECT_TRUE(progress.reaches({HeaderKind::Via, HeaderKind::Expires}));
    EXPECT_FALSE(progress.reaches({HeaderKind::From}));          // behind the broken To
    EXPECT_FALSE(progress.reaches({HeaderKind::ProxyRequire}));  // absent: parsing runs to the end
    EXPECT_FALSE(progress.reachesEnd());
    EXPECT_NE(progress.found(HeaderKind::CSeq), nullptr);
    EXPECT_EQ(progress.found(HeaderKind::To), nullptr);   // the broken field itself is not kept
    EXPECT_EQ(progress.found(HeaderKind::From), nullptr); // never reached
}

TEST(HeaderParseProgress, EagerlyParsedKinds) {
    const char *broken[] = {"Via: SIP/2.0/UDP", "CSeq: 1", "To: <sip:b", "Content-Length: x", "Retry-After: soon"};
    for (const char *line : broken) {
        const std::string text = std::string{"OPTIONS sip:a SIP/2.0\r\n"} + line + "\r\n\r\n";
        const MessageFields fields{text};
        EXPECT_FALSE(HeaderParseProgress{fields}.reachesEnd()) << line;
    }
    // Others are only parsed on demand, so they never stop the header parser.
    const MessageFields lazy{"OPTIONS sip:a SIP/2.0\r\nFrom: <sip:a\r\nContact: ,,\r\nExpires: x\r\n\r\n"};
    EXPECT_TRUE(HeaderParseProgress{lazy}.reachesEnd());
}

}  // namespace
