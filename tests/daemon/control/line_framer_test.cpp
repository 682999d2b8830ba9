#include "control/line_framer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sipline::control {
namespace {
using Status = LineFramer::Status;

std::vector<std::string> drain(LineFramer &framer) {
    std::vector<std::string> lines;
    std::string_view line;
    while (framer.next(line) == Status::Line) lines.emplace_back(line);
    return lines;
}

TEST(LineFramer, SplitsSeveralLinesInOneChunk) {
    LineFramer framer{100};
    framer.append("a\nbb\r\nccc\n");
    EXPECT_EQ(drain(framer), (std::vector<std::string>{"a", "bb", "ccc"}));
}

TEST(LineFramer, JoinsALineSplitOverChunks) {
    LineFramer framer{100};
    framer.append("{\"a\":");
    std::string_view line;
    EXPECT_EQ(framer.next(line), Status::NeedMore);
    framer.append("1}\n{");
    ASSERT_EQ(framer.next(line), Status::Line);
    EXPECT_EQ(line, "{\"a\":1}");
    EXPECT_EQ(framer.next(line), Status::NeedMore);
}

TEST(LineFramer, SkipsBlankLines) {
    LineFramer framer{100};
    framer.append("\n  \r\nx\n\t\n");
    EXPECT_EQ(drain(framer), (std::vector<std::string>{"x"}));
}

TEST(LineFramer, LastLineWithoutNewlineCountsAtEndOfStream) {
    LineFramer framer{100};
    framer.append("one\ntwo");
    EXPECT_EQ(drain(framer), (std::vector<std::string>{"one"}));
    framer.finish();
    EXPECT_EQ(drain(framer), (std::vector<std::string>{"two"}));
    std::string_view line;
    EXPECT_EQ(framer.next(line), Status::NeedMore);
    EXPECT_TRUE(framer.finished());
}

TEST(LineFramer, BlankRemainderAtEndOfStreamIsNoLine) {
    LineFramer framer{100};
    framer.append("  ");
    framer.finish();
    std::string_view line;
    EXPECT_EQ(framer.next(line), Status::NeedMore);
}

TEST(LineFramer, LimitAppliesToTheLineWithoutItsNewline) {
    LineFramer framer{4};
    framer.append("abcd\n");
    EXPECT_EQ(drain(framer), (std::vector<std::string>{"abcd"}));
    framer.append("abcde\n");
    std::string_view line;
    EXPECT_EQ(framer.next(line), Status::TooLarge);
}

TEST(LineFramer, TooLargeWithoutNewlineIsDetectedEarly) {
    LineFramer framer{4};
    framer.append("abc");
    std::string_view line;
    EXPECT_EQ(framer.next(line), Status::NeedMore);
    framer.append("de");
    EXPECT_EQ(framer.next(line), Status::TooLarge);
}

TEST(LineFramer, ManySmallRequestsKeepWorkingAcrossCompaction) {
    LineFramer framer{16};
    std::vector<std::string> lines;
    for (int i = 0; i < 1000; ++i) {
        framer.append(std::to_string(i) + "\n" + (i % 2 ? "" : "x"));
        for (auto &line : drain(framer)) lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 1000u);
    EXPECT_EQ(lines[0], "0");
    EXPECT_EQ(lines[1], "x1");
    EXPECT_EQ(lines[999], "x999");
}

}  // namespace
}  // namespace sipline::control
