#include "sip/stream_framer.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sip/message.hpp"

namespace sipline::sip {
namespace {

using Status = StreamFramer::Status;

std::string options(std::string_view call_id, std::string_view body = "") {
    return "OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: " + std::string{call_id} +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string{body};
}

// Drains the framer, returning every message (copied, since views die on the next call).
std::vector<std::string> drain(StreamFramer &framer, Status &last) {
    std::vector<std::string> messages;
    std::string_view message, reason;
    while ((last = framer.next(message, reason)) == Status::Message) messages.emplace_back(message);
    return messages;
}

TEST(StreamFramer, TwoMessagesInOneAppend) {
    StreamFramer framer;
    const std::string first = options("one", "hello"), second = options("two");
    framer.append(first + second);
    std::string_view message, reason;
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, first);
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, second);
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    EXPECT_EQ(framer.buffered(), 0u);
}

TEST(StreamFramer, OneMessageSplitIntoOneByteAppends) {
    const std::string invite = test::readFixture("sip/invite_basic.sip");
    StreamFramer framer;
    std::string_view message, reason;
    for (size_t i = 0; i + 1 < invite.size(); ++i) {
        framer.append(invite.substr(i, 1));
        ASSERT_EQ(framer.next(message, reason), Status::NeedMore) << "after " << i + 1 << " bytes";
    }
    framer.append(invite.substr(invite.size() - 1));
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, invite);
    Message parsed;
    ASSERT_TRUE(parsed.parse(message).ok);
    EXPECT_EQ(parsed.body().size(), 134u);
}

TEST(StreamFramer, BodySplitAcrossSegments) {
    const std::string full = options("split", "0123456789");
    const size_t header_size = full.size() - 10;
    StreamFramer framer;
    std::string_view message, reason;
    framer.append(full.substr(0, header_size + 3));
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    framer.append(full.substr(header_size + 3, 4));
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    framer.append(full.substr(header_size + 7) + "OPTIONS");  // the next message begins
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, full);
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    EXPECT_EQ(framer.buffered(), 7u);
}

TEST(StreamFramer, SkipsCrlfKeepAlivesBetweenMessages) {
    StreamFramer framer;
    const std::string first = options("ka-1"), second = options("ka-2", "xy");
    framer.append("\r\n\r\n" + first + "\r\n" + "\r\n\r\n" + second + "\r\n");
    Status last{};
    const auto messages = drain(framer, last);
    EXPECT_EQ(last, Status::NeedMore);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0], first);
    EXPECT_EQ(messages[1], second);
    EXPECT_EQ(framer.buffered(), 0u);
}

TEST(StreamFramer, OnlyKeepAlivesLeaveNothingBuffered) {
    StreamFramer framer;
    std::string_view message, reason;
    for (int i = 0; i < 1000; ++i) {
        framer.append("\r\n\r\n");
        ASSERT_EQ(framer.next(message, reason), Status::NeedMore);
        ASSERT_EQ(framer.buffered(), 0u);
    }
    framer.append("\r");  // half a keep-alive, then a message
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    framer.append("\n" + options("after-pings"));
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, options("after-pings"));
}

TEST(StreamFramer, MissingContentLengthIsAnError) {
    StreamFramer framer;
    framer.append("OPTIONS sip:a@example.com SIP/2.0\r\nCall-ID: x\r\n\r\n");
    std::string_view message, reason;
    ASSERT_EQ(framer.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "Content-Length required on stream transports");
}

TEST(StreamFramer, BadOrConflictingContentLengthIsAnError) {
    std::string_view message, reason;
    StreamFramer bad;
    bad.append("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n");
    EXPECT_EQ(bad.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "bad Content-Length");

    StreamFramer conflicting;
    conflicting.append("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nxy");
    EXPECT_EQ(conflicting.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "conflicting Content-Length headers");
}

TEST(StreamFramer, CompactAndOddlySpelledContentLength) {
    StreamFramer framer;
    const std::string compact = "OPTIONS sip:a@b SIP/2.0\r\nl: 2\r\n\r\nok";
    const std::string spaced = "OPTIONS sip:a@b SIP/2.0\r\ncontent-length   :\r\n 3\r\n\r\nyes";
    const std::string bare_lf = "OPTIONS sip:a@b SIP/2.0\nL:1\n\nz";
    framer.append(compact + spaced + bare_lf);
    Status last{};
    const auto messages = drain(framer, last);
    EXPECT_EQ(last, Status::NeedMore);
    EXPECT_EQ(messages, (std::vector<std::string>{compact, spaced, bare_lf}));
}

TEST(StreamFramer, IgnoresContentLengthLookalikesInTheStartLineAndOtherHeaders) {
    StreamFramer framer;
    const std::string text = "OPTIONS sip:l:1@b SIP/2.0\r\nX-Content-Length: 99\r\nSubject: l: 7\r\n"
                             "Content-Length: 1\r\n\r\n!";
    framer.append(text);
    std::string_view message, reason;
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message, text);
}

TEST(StreamFramer, OversizedHeaderWithoutEndIsAnError) {
    StreamFramer framer{256};
    std::string_view message, reason;
    framer.append("INVITE sip:a@b SIP/2.0\r\nX: ");
    EXPECT_EQ(framer.next(message, reason), Status::NeedMore);
    framer.append(std::string(300, 'a'));
    ASSERT_EQ(framer.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "message too large");
}

TEST(StreamFramer, ContentLengthBeyondTheLimitIsAnErrorBeforeTheBodyArrives) {
    StreamFramer framer{256};
    std::string_view message, reason;
    framer.append("INVITE sip:a@b SIP/2.0\r\nContent-Length: 1000\r\n\r\n");
    ASSERT_EQ(framer.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "message too large");

    StreamFramer huge{256};
    huge.append("INVITE sip:a@b SIP/2.0\r\nContent-Length: 999999999999999999999999\r\n\r\n");
    ASSERT_EQ(huge.next(message, reason), Status::Error);
    EXPECT_EQ(reason, "message too large");
}

TEST(StreamFramer, AMessageOfExactlyTheLimitPasses) {
    const std::string text = options("limit", std::string(100, 'b'));
    StreamFramer framer{text.size()};
    framer.append(text);
    std::string_view message, reason;
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    EXPECT_EQ(message.size(), text.size());
    StreamFramer smaller{text.size() - 1};
    smaller.append(text);
    EXPECT_EQ(smaller.next(message, reason), Status::Error);
}

TEST(StreamFramer, TerminatorSplitAcrossAppendsIsFound) {
    const std::string text = options("split-end");
    const size_t end = text.find("\r\n\r\n");
    for (size_t cut = end; cut < end + 4; ++cut) {  // the last byte completes it
        StreamFramer framer;
        std::string_view message, reason;
        framer.append(text.substr(0, cut));
        EXPECT_EQ(framer.next(message, reason), Status::NeedMore) << cut;
        framer.append(text.substr(cut));
        ASSERT_EQ(framer.next(message, reason), Status::Message) << cut;
        EXPECT_EQ(message, text);
    }
}

TEST(StreamFramer, LongPipelinedStreamInOddChunksKeepsOrderAndBufferSmall) {
    std::string stream;
    std::vector<std::string> sent;
    for (int i = 0; i < 2000; ++i) {
        sent.push_back(options("pipelined-" + std::to_string(i), std::string(static_cast<size_t>(i % 17), 'x')));
        stream += (i % 5 == 0 ? "\r\n\r\n" : "") + sent.back();
    }
    StreamFramer framer;
    std::vector<std::string> received;
    size_t max_buffered = 0;
    for (size_t pos = 0, chunk = 1; pos < stream.size(); pos += chunk, chunk = chunk % 97 + 13) {
        framer.append(std::string_view{stream}.substr(pos, chunk));
        Status last{};
        for (auto &message : drain(framer, last)) received.push_back(std::move(message));
        ASSERT_EQ(last, Status::NeedMore);
        max_buffered = std::max(max_buffered, framer.buffered());
    }
    EXPECT_EQ(received, sent);
    EXPECT_EQ(framer.buffered(), 0u);
    EXPECT_LT(max_buffered, 200u);  // never more than one partial message plus a chunk
}

TEST(StreamFramer, FramedMessagesParse) {
    StreamFramer framer;
    const std::string invite = test::readFixture("sip/invite_basic.sip");
    const std::string response = test::readFixture("sip/response_200_vias.sip");
    framer.append(invite + response);
    std::string_view message, reason;
    Message parsed;
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    ASSERT_TRUE(parsed.parse(message).ok);
    EXPECT_EQ(parsed.method(), "INVITE");
    ASSERT_EQ(framer.next(message, reason), Status::Message);
    ASSERT_TRUE(parsed.parse(message).ok);
    EXPECT_EQ(parsed.statusCode(), 200);
}

}  // namespace
}  // namespace sipline::sip
