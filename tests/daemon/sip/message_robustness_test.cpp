// The parser on hostile input: truncation, random bytes, mutations of valid messages, NULs,
// huge lines. Nothing here may crash, hang or read outside the input (run under ASan too).
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sip/message.hpp"

namespace sipline::sip {
namespace {

using test::readFixture;
using test::viewsInto;

const std::vector<std::string> &validFixtures() {
    static const std::vector<std::string> fixtures = [] {
        std::vector<std::string> loaded;
        for (const char *name : {"invite_basic.sip", "options_compact.sip", "register.sip",
                                 "response_200_vias.sip", "folded_headers.sip", "ipv6.sip", "bare_lf.sip"})
            loaded.push_back(readFixture(std::string{"sip/"} + name));
        return loaded;
    }();
    return fixtures;
}

// Touches every lazy view and checks that whatever was found lies inside the input.
void exerciseEverything(const Message &message, std::string_view input) {
    ASSERT_LE(message.headersBegin(), input.size());
    ASSERT_LE(message.headersEnd(), input.size());
    ASSERT_TRUE(viewsInto(message.body(), input));
    ASSERT_TRUE(viewsInto(message.startLine(), input));
    for (const Header &header : message.headers()) {
        ASSERT_TRUE(viewsInto(header.field, input));
        ASSERT_TRUE(viewsInto(header.value, input));
    }
    if (const Uri *uri = message.requestUri()) {
        ASSERT_TRUE(viewsInto(uri->host, input));
        (void)uri->param("transport");
    }
    if (const std::vector<Via> *vias = message.vias()) {
        for (const Via &via : *vias) ASSERT_TRUE(viewsInto(via.host, input));
    }
    if (const Via *via = message.topVia()) {
        ASSERT_TRUE(viewsInto(via->text, input));
    }
    if (const NameAddr *from = message.from()) {
        ASSERT_TRUE(viewsInto(from->uri_text, input));
    }
    if (const NameAddr *to = message.to()) (void)to->param("tag");
    if (const CSeq *cseq = message.cseq()) {
        ASSERT_TRUE(viewsInto(cseq->method, input));
    }
    ASSERT_TRUE(viewsInto(message.callId(), input));
    (void)message.contentLength();
    for (const Header &header : message.headers()) {
        (void)parseNameAddr(header.value);
        (void)parseCSeq(header.value);
        splitCommaList(header.value, [](std::string_view part) { (void)parseUri(part); });
    }
}

// A heap copy of exactly the input's size, so ASan flags any read past its end.
std::vector<char> exactCopy(std::string_view input) { return std::vector<char>(input.begin(), input.end()); }

std::string_view viewOf(const std::vector<char> &bytes) { return {bytes.data(), bytes.size()}; }

void parseAndExercise(std::string_view input) {
    const std::vector<char> copy = exactCopy(input);
    Message message;
    if (message.parse(viewOf(copy)).ok) exerciseEverything(message, viewOf(copy));
}

TEST(MessageRobustness, EveryStrictPrefixOfAMessageWithContentLengthFails) {
    for (const std::string &bytes : validFixtures()) {
        Message whole;
        ASSERT_TRUE(whole.parse(bytes).ok);
        const auto body_begin = static_cast<size_t>(whole.body().data() - whole.bytes().data());
        for (size_t length = 0; length < bytes.size(); ++length) {
            const std::vector<char> prefix = exactCopy(std::string_view{bytes}.substr(0, length));
            Message message;
            const ParseResult result = message.parse(viewOf(prefix));
            ASSERT_FALSE(result.ok) << "prefix of " << length << " bytes of:\n" << bytes;
            if (length == 0)
                EXPECT_EQ(result.reason, "empty message");
            else if (length < body_begin)  // cut inside the header section
                EXPECT_EQ(result.reason, "no header terminator") << length;
            else
                EXPECT_EQ(result.reason, "Content-Length larger than body") << length;
        }
    }
}

TEST(MessageRobustness, PrefixesWithoutContentLengthFailUntilTheEmptyLine) {
    const std::string bytes = "INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nSubject: x\r\n more\r\n\r\nbody";
    const size_t body_begin = bytes.find("body");
    for (size_t length = 0; length <= bytes.size(); ++length) {
        Message message;
        const bool ok = message.parse(std::string_view{bytes}.substr(0, length)).ok;
        EXPECT_EQ(ok, length >= body_begin) << length;
        if (ok) {
            EXPECT_EQ(message.body(), std::string_view{bytes}.substr(body_begin, length - body_begin));
        }
    }
}

TEST(MessageRobustness, RandomBytesNeverCrash) {
    std::mt19937 random{4475};
    std::uniform_int_distribution<int> byte{0, 255};
    std::uniform_int_distribution<size_t> length{0, 2048};
    int parsed = 0;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        std::string input(length(random), '\0');
        for (char &c : input) c = static_cast<char>(byte(random));
        Message message;
        if (message.parse(input).ok) ++parsed;
        parseAndExercise(input);
    }
    EXPECT_EQ(parsed, 0);  // uniform noise is never a SIP message
}

// Random text built from the characters the grammar cares about reaches far deeper.
TEST(MessageRobustness, RandomSipShapedTextNeverCrashes) {
    static constexpr std::string_view kAlphabet = "SIP/2.0 sipINVITE:@;,<>\"\\=?[]%0123456789\r\n\t abcVvia";
    static const std::string_view kPieces[] = {
        "SIP/2.0", " ", "\r\n", "\n", "Via: ", "v:", "SIP/2.0/UDP ", "From: ", "To:", "<sip:", ">",
        "\"", ";tag=", ";branch=z9hG4bK", "Content-Length: ", "l:", "CSeq: ", "1 INVITE", "[::1]",
        ":5060", ",", "\r\n ", "\r\n\r\n", "INVITE sip:a@b SIP/2.0\r\n", "SIP/2.0 200 OK\r\n",
        std::string_view{"\0", 1},
    };
    std::mt19937 random{3261};
    std::uniform_int_distribution<size_t> piece{0, std::size(kPieces) - 1};
    std::uniform_int_distribution<size_t> letter{0, kAlphabet.size() - 1};
    std::uniform_int_distribution<int> count{0, 120};
    int parsed = 0;
    for (int iteration = 0; iteration < 5000; ++iteration) {
        std::string input = iteration % 2 ? "INVITE sip:a@b SIP/2.0\r\n" : "SIP/2.0 200 OK\r\n";
        for (int n = count(random); n > 0; --n) {
            if (random() % 3 == 0)
                input += kAlphabet[letter(random)];
            else
                input += kPieces[piece(random)];
        }
        Message message;
        if (message.parse(input).ok) ++parsed;
        parseAndExercise(input);
    }
    EXPECT_GT(parsed, 0);  // the generator does produce parsable messages, so views get exercised
}

TEST(MessageRobustness, MutatedValidMessagesNeverCrash) {
    std::mt19937 random{18};
    const auto &fixtures = validFixtures();
    static constexpr std::string_view kInteresting{"\r\n\0 :;,<>\"\\[]@=/%", 17};
    for (int iteration = 0; iteration < 6000; ++iteration) {
        std::string input = fixtures[random() % fixtures.size()];
        for (int edits = 1 + static_cast<int>(random() % 4); edits > 0 && !input.empty(); --edits) {
            const size_t at = random() % input.size();
            const char replacement = random() % 2 ? kInteresting[random() % kInteresting.size()]
                                                  : static_cast<char>(random() % 256);
            switch (random() % 3) {
            case 0: input[at] = replacement; break;
            case 1: input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), replacement); break;
            default: input.erase(at, 1 + random() % 8); break;
            }
        }
        parseAndExercise(input);
    }
}

TEST(MessageRobustness, NulBytesInNamesFailAndInValuesAreKept) {
    Message message;
    const std::string nul_in_name{"OPTIONS sip:a@b SIP/2.0\r\nVi\0a: x\r\n\r\n", 37};
    EXPECT_EQ(message.parse(nul_in_name).reason, "bad header name");
    const std::string nul_in_value{"OPTIONS sip:a@b SIP/2.0\r\nSubject: a\0b\r\n\r\n", 42};
    ASSERT_TRUE(message.parse(nul_in_value).ok);
    EXPECT_EQ(message.find(HeaderType::Subject)->value, std::string_view("a\0b", 3));
    const std::string nul_in_start_line{"OPT\0IONS sip:a@b SIP/2.0\r\n\r\n", 28};
    EXPECT_FALSE(message.parse(nul_in_start_line).ok);
    EXPECT_FALSE(message.parse(std::string(1000, '\0')).ok);
}

TEST(MessageRobustness, HugeLinesAreHandledInLinearTime) {
    ParseLimits limits;
    limits.max_message_bytes = 4 << 20;
    Message message;
    const std::string one_line = "INVITE sip:a@b SIP/2.0\r\nX: " + std::string(3 << 20, 'a');
    EXPECT_EQ(message.parse(one_line, limits).reason, "no header terminator");
    const std::string long_value = "INVITE sip:a@b SIP/2.0\r\nX: " + std::string(3 << 20, ',') + "\r\n\r\n";
    ASSERT_TRUE(message.parse(long_value, limits).ok);
    size_t parts = 0;
    splitCommaList(message.find("X")->value, [&](std::string_view) { ++parts; });
    EXPECT_EQ(parts, (3u << 20) + 1);
    const std::string long_start = std::string(3 << 20, 'I') + " sip:a@b SIP/2.0\r\n\r\n";
    EXPECT_TRUE(message.parse(long_start, limits).ok);
}

TEST(MessageRobustness, ValueParsersSurviveRandomText) {
    std::mt19937 random{1};
    static constexpr std::string_view kAlphabet = "sip:SIP/2.0UDP@;,<>\"\\=?[]%09af \t\r\n*tag=branch.-";
    for (int iteration = 0; iteration < 20000; ++iteration) {
        std::string text(random() % 64, ' ');
        for (char &c : text) c = kAlphabet[random() % kAlphabet.size()];
        if (auto uri = parseUri(text)) (void)uri->param("x");
        if (auto via = parseVia(text)) (void)via->param("x");
        if (auto addr = parseNameAddr(text)) (void)addr->param("tag");
        (void)parseCSeq(text);
        (void)forEachVia(text, [](const Via &) {});
    }
}

}  // namespace
}  // namespace sipline::sip
