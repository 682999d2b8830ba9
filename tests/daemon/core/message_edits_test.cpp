#include "pipeline/message_edits.hpp"

#include <gtest/gtest.h>

namespace sipline::test {
namespace {

TEST(MessageEdits, AppliesInsertionsAndReplacementsInPositionOrder) {
    pipeline::MessageEdits edits;
    const std::string original = "0123456789";
    edits.replace(2, 4, "ab");
    edits.insert(8, "X");
    edits.insert(0, "S", 1);
    edits.insert(0, "F", 0);
    EXPECT_EQ(edits.apply(original), "FS01ab4567X89");
}

TEST(MessageEdits, InsertionAtAReplacementComesFirstAndOverlapsAreDropped) {
    pipeline::MessageEdits edits;
    edits.replace(2, 6, "R");
    edits.insert(2, "I");
    edits.replace(4, 8, "lost");
    EXPECT_EQ(edits.apply("0123456789"), "01IR6789");
}

TEST(MessageEdits, TruncateUndoesLaterEdits) {
    pipeline::MessageEdits edits;
    edits.insert(0, "a");
    const size_t mark = edits.size();
    edits.insert(1, "b");
    edits.truncate(mark);
    EXPECT_EQ(edits.apply("xy"), "axy");
}

}  // namespace
}  // namespace sipline::test
